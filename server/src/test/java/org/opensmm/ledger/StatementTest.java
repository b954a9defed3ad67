package org.opensmm.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statement's balance after each line, page by page, against the ledger summed from its first entry. */
class StatementTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    @Test void every_line_on_every_page_shows_the_running_sum_of_the_ledger_up_to_it() {
        var customer = panel.customer("5");
        long service = panel.service(ServiceType.DEFAULT, "0.90", 10, 10_000);
        var cli = new Actor.Cli("test");
        for (int i = 1; i <= 23; i++) {
            assertThat(panel.call(customer.key(), "action", "add", "service", Long.toString(service),
                    "link", "https://example.com/p/" + i, "quantity", Integer.toString(100 + i)).has("order")).isTrue();
            if (i % 4 == 0) panel.panel.funds.deposit(cli, customer.id(), Money.parse("0.75"), "top-up " + i);
            if (i % 7 == 0) panel.panel.funds.adjust(cli, customer.id(), Money.parse("-0.33"), "correction " + i);
        }
        var statement = new Statement(panel.panel.db);

        var shown = new ArrayList<Statement.Line>();
        Statement.Page page;
        int n = 0;
        do {
            page = statement.page(customer.id(), ++n, 7);
            assertThat(page.lines().size()).isLessThanOrEqualTo(7);
            shown.addAll(page.lines());
        } while (page.more());

        List<Ledger.Entry> oldestFirst = panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, customer.id(), 1000)).reversed();
        assertThat(shown).hasSize(oldestFirst.size()).hasSizeGreaterThan(30);
        Money running = Money.ZERO;
        for (int i = 0; i < oldestFirst.size(); i++) {
            Ledger.Entry entry = oldestFirst.get(i);
            running = running.plus(entry.amount());
            Statement.Line line = shown.get(shown.size() - 1 - i);
            assertThat(line.id()).isEqualTo(entry.id());
            assertThat(line.balanceAfter()).as("after entry %d", entry.id()).isEqualTo(running);
        }
        assertThat(shown.getFirst().balanceAfter()).isEqualTo(panel.balance(customer));
        assertThat(statement.page(customer.id(), n + 1, 7).lines()).isEmpty();
    }
}
