package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusParseTest {

    @ParameterizedTest
    @CsvSource({
            "Pending, PENDING", "pending, PENDING", "In progress, IN_PROGRESS", "Inprogress, IN_PROGRESS",
            "In_progress, IN_PROGRESS", "IN PROGRESS, IN_PROGRESS", "in-progress, IN_PROGRESS", "Processing, PROCESSING",
            "Completed, COMPLETED", "Partial, PARTIAL", "Canceled, CANCELED", "Cancelled, CANCELED",
            "CANCELED, CANCELED", "Active, ACTIVE", "Paused, PAUSED", "Expired, EXPIRED", "Refunded, CANCELED", "Refund, CANCELED",
            "'', UNKNOWN"})
    void order_status_is_read_in_any_spelling_panels_use(String wire, Status expected) {
        assertThat(Status.parse(wire)).isEqualTo(expected);
    }

    @Test
    void order_status_written_as_protocol_md_spells_it() {
        assertThat(Status.IN_PROGRESS.wire()).isEqualTo("In progress");
        assertThat(Status.CANCELED.wire()).isEqualTo("Canceled");
        assertThat(Status.parse(null)).isEqualTo(Status.UNKNOWN);
        for (Status s : Status.values()) assertThat(Status.parse(s.wire())).isEqualTo(s);
    }

    @ParameterizedTest
    @CsvSource({"Pending, PENDING", "In progress, IN_PROGRESS", "inprogress, IN_PROGRESS", "Completed, COMPLETED",
            "REJECTED, REJECTED", "Error, ERROR", "Refill not found, UNKNOWN"})
    void refill_status_is_read_in_any_spelling(String wire, RefillStatus expected) {
        assertThat(RefillStatus.parse(wire)).isEqualTo(expected);
    }

    @Test
    void refill_status_round_trips_through_its_wire_text() {
        for (RefillStatus s : RefillStatus.values()) assertThat(RefillStatus.parse(s.wire())).isEqualTo(s);
    }
}
