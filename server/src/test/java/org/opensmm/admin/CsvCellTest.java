package org.opensmm.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' CSV cells: RFC 4180 quoting, and no text a spreadsheet would run as a formula. */
class CsvCellTest {
    @Test void plain_text_and_numbers_go_as_they_are() {
        assertThat(ReportPages.cell("alice")).isEqualTo("alice");
        assertThat(ReportPages.cell("3.5")).isEqualTo("3.5");
        assertThat(ReportPages.cell("-1.25")).as("a loss stays a number").isEqualTo("-1.25");
        assertThat(ReportPages.cell("")).isEmpty();
    }

    @Test void commas_quotes_and_line_breaks_are_quoted() {
        assertThat(ReportPages.cell("#3 Likes, fast")).isEqualTo("\"#3 Likes, fast\"");
        assertThat(ReportPages.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportPages.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test void a_text_starting_like_a_formula_is_defused() {
        assertThat(ReportPages.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportPages.cell("+1 555")).isEqualTo("'+1 555");
        assertThat(ReportPages.cell("-cmd")).isEqualTo("'-cmd");
        assertThat(ReportPages.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportPages.cell("\tTAB")).isEqualTo("'\tTAB");
    }
}
