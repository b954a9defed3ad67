package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md: at most 100 ids per orders= / refills= list; results per distinct id, in input order. */
class BatchingTest {

    private final FakePanel panel = FakePanel.start();
    private final PanelClient client = panel.client();

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    /** Answers every requested order with "Completed" and a remains equal to its id. */
    private void statusPerRequestedId() {
        panel.answer("status", form -> new FakePanel.Canned(200, "application/json", Arrays.stream(form.get("orders").split(","))
                .map(id -> "\"" + id + "\": {\"charge\": \"1\", \"status\": \"Completed\", \"remains\": \"" + id + "\"}")
                .collect(Collectors.joining(",", "{", "}"))));
    }

    @Test
    void two_hundred_fifty_ids_go_in_three_requests_of_100_100_and_50() {
        statusPerRequestedId();
        List<Long> ids = LongStream.rangeClosed(1, 250).map(i -> 1000 - i).boxed().toList(); // descending

        var statuses = client.statuses(ids);

        assertThat(panel.received).extracting(r -> r.form().get("orders").split(",").length).containsExactly(100, 100, 50);
        assertThat(panel.received.getFirst().form().get("orders")).startsWith("999,998,");
        assertThat(statuses.keySet()).containsExactlyElementsOf(ids);
        statuses.forEach((id, outcome) -> assertThat(outcome.orElseThrow().remains()).isEqualTo(id));
    }

    @Test
    void duplicate_ids_are_asked_and_answered_once_in_first_seen_order() {
        statusPerRequestedId();

        var statuses = client.statuses(List.of(5L, 3L, 5L, 9L, 3L));

        assertThat(statuses.keySet()).containsExactly(5L, 3L, 9L);
        assertThat(panel.last().form().get("orders")).isEqualTo("5,3,9");
    }

    @Test
    void duplicates_across_batches_do_not_make_a_fourth_request() {
        statusPerRequestedId();
        var ids = new ArrayList<Long>();
        LongStream.rangeClosed(1, 250).forEach(ids::add);
        LongStream.rangeClosed(1, 250).forEach(ids::add);

        assertThat(client.statuses(ids)).hasSize(250);
        assertThat(panel.received).hasSize(3);
    }

    @Test
    void no_ids_means_no_request() {
        assertThat(client.cancel(List.of())).isEmpty();
        assertThat(panel.received).isEmpty();
    }

    @Test
    void refills_and_cancels_are_batched_by_100_too() {
        panel.reply("refill", "[]");
        panel.reply("cancel", "[]");
        List<Long> ids = LongStream.rangeClosed(1, 101).boxed().toList();

        var refills = client.refills(ids);
        client.cancel(ids);

        assertThat(panel.received).extracting(r -> r.form().get("action") + ":" + r.form().get("orders").split(",").length)
                .containsExactly("refill:100", "refill:1", "cancel:100", "cancel:1");
        assertThat(refills.get(101L)).isEqualTo(Outcome.noReply("missing from reply", "[]"));
    }

    @Test
    void refill_statuses_are_sent_as_refills() {
        panel.reply("refill_status", "[{\"refill\": 8, \"status\": \"Pending\"}]");

        assertThat(client.refillStatuses(List.of(8L))).containsEntry(8L, Outcome.ok(RefillStatus.PENDING));
        assertThat(panel.last().form()).containsEntry("refills", "8").doesNotContainKey("orders");
    }

    @Test
    void one_failed_batch_does_not_spoil_the_others() {
        panel.answer("status", form -> form.get("orders").startsWith("101,")
                ? new FakePanel.Canned(500, "text/html", "<h1>Bad gateway</h1>")
                : new FakePanel.Canned(200, "application/json", "{}"));
        List<Long> ids = LongStream.rangeClosed(1, 150).boxed().toList();

        var statuses = client.statuses(ids);

        assertThat(statuses.get(1L)).isEqualTo(Outcome.noReply("missing from reply", "{}"));
        assertThat(statuses.get(150L)).isEqualTo(Outcome.noReply("HTTP 500", "<h1>Bad gateway</h1>"));
    }

    @Test
    void a_single_batch_of_more_than_100_ids_is_refused() {
        List<Long> ids = LongStream.rangeClosed(1, 101).boxed().toList();

        assertThatThrownBy(() -> client.batch("status", "orders", ids, null, null, Replies::status))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(panel.received).isEmpty();
    }

    @Test
    void null_id_is_refused() {
        assertThatThrownBy(() -> client.statuses(Arrays.asList(1L, null))).isInstanceOf(IllegalArgumentException.class);
    }
}
