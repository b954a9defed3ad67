package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void map_transforms_only_ok_and_keeps_errors_and_silence_as_they_were() {
        assertThat(Outcome.ok(2L).map(n -> n * 10)).isEqualTo(Outcome.ok(20L));
        assertThat(Outcome.<Long>rejected("Incorrect order ID").map(n -> n * 10)).isEqualTo(Outcome.rejected("Incorrect order ID"));
        assertThat(Outcome.<Long>noReply("timeout after 20s", "").map(n -> n * 10))
                .isEqualTo(Outcome.noReply("timeout after 20s", ""));
    }

    @Test
    void or_else_throw_names_the_panel_error_or_the_missing_reply() {
        assertThat(Outcome.ok("x").orElseThrow()).isEqualTo("x");
        assertThatThrownBy(() -> Outcome.rejected("Not enough funds on balance").orElseThrow())
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("Not enough funds on balance");
        assertThatThrownBy(() -> Outcome.noReply("HTTP 502", "<html>").orElseThrow())
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("HTTP 502");
    }

    @Test
    void only_ok_counts_as_ok() {
        assertThat(Outcome.ok(1).isOk()).isTrue();
        assertThat(Outcome.rejected("e").isOk()).isFalse();
        assertThat(Outcome.noReply("r", null).isOk()).isFalse();
        assertThat(Outcome.noReply("r", null).orElse(7)).isEqualTo(7);
        assertThat(Outcome.ok(1).toOptional()).contains(1);
    }

    @Test
    void no_reply_keeps_at_most_2000_characters_of_the_body() {
        assertThat(new Outcome.NoReply<>("r", "y".repeat(3000)).raw()).hasSize(2000);
        assertThat(new Outcome.NoReply<>("r", null).raw()).isEmpty();
    }
}
