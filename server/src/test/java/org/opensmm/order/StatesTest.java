package org.opensmm.order;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state machines as tables: every allowed move, a sample of forbidden ones, and no way out of a final state. */
class StatesTest {

    @Test void order_stages_move_exactly_as_the_engine_does() {
        assertThat(Stage.NEW.next()).containsExactlyInAnyOrder(Stage.SENDING, Stage.DRIP, Stage.MANUAL, Stage.DONE);
        assertThat(Stage.SENDING.next()).containsExactlyInAnyOrder(Stage.SENT, Stage.NEW, Stage.FAIL);
        assertThat(Stage.SENT.next()).containsExactlyInAnyOrder(Stage.DONE, Stage.FAIL);
        assertThat(Stage.FAIL.next()).containsExactlyInAnyOrder(Stage.NEW, Stage.SENT, Stage.DONE);
        assertThat(Stage.MANUAL.next()).containsExactlyInAnyOrder(Stage.DONE, Stage.SENT);
        assertThat(Stage.DRIP.next()).containsExactly(Stage.DONE);
        assertThat(Stage.DONE.next()).isEmpty();
    }

    @Test void an_order_never_skips_its_provider_nor_leaves_done() {
        assertThat(Stage.NEW.canMoveTo(Stage.SENT)).as("sent without being claimed").isFalse();
        assertThat(Stage.NEW.canMoveTo(Stage.FAIL)).isFalse();
        assertThat(Stage.SENT.canMoveTo(Stage.NEW)).as("an order upstream is never sent again").isFalse();
        assertThat(Stage.SENT.canMoveTo(Stage.SENDING)).isFalse();
        assertThat(Stage.FAIL.canMoveTo(Stage.SENDING)).isFalse();
        assertThat(Stage.MANUAL.canMoveTo(Stage.NEW)).as("a manual order stays the operator's").isFalse();
        assertThat(Stage.DRIP.canMoveTo(Stage.SENDING)).as("its runs are sent, never the drip-feed itself").isFalse();
        assertThat(Stage.SENDING.canMoveTo(Stage.DONE)).as("an add in flight has an unknown outcome").isFalse();
        for (Stage s : Stage.values()) {
            assertThat(s.canMoveTo(s)).as(s + " to itself").isFalse();
            assertThat(Stage.DONE.canMoveTo(s)).as("DONE to " + s).isFalse();
        }
        assertThat(finals(Stage.values())).containsExactly(Stage.DONE);
    }

    @Test void a_move_the_table_lacks_is_refused_before_any_sql() {
        assertThat(Stage.NEW.checkedMove(Stage.SENDING)).isEqualTo(Stage.SENDING);
        assertThatThrownBy(() -> Stage.DONE.checkedMove(Stage.NEW)).isInstanceOf(IllegalStateException.class)
                .hasMessage("an order cannot move from stage DONE to NEW");
        assertThatThrownBy(() -> CancelState.checkedMove(CancelState.DONE, CancelState.REQUESTED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CancelState.checkedMove(null, CancelState.DONE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RefillStage.DONE.checkedMove(RefillStage.SENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test void cancel_requests_move_exactly_as_customers_operators_and_providers_answer_them() {
        assertThat(CancelState.REQUESTED.next()).containsExactlyInAnyOrder(CancelState.FORWARDING, CancelState.REJECTED, CancelState.DONE);
        assertThat(CancelState.FORWARDING.next())
                .containsExactlyInAnyOrder(CancelState.FORWARDED, CancelState.REJECTED, CancelState.REQUESTED, CancelState.DONE);
        assertThat(CancelState.FORWARDED.next()).containsExactly(CancelState.DONE);
        assertThat(CancelState.REJECTED.next()).containsExactlyInAnyOrder(CancelState.REQUESTED, CancelState.DONE);
        assertThat(CancelState.DONE.next()).isEmpty();
        for (CancelState c : CancelState.values()) {
            assertThat(CancelState.canMove(null, c)).as("no request to " + c).isEqualTo(c == CancelState.REQUESTED);
            assertThat(CancelState.DONE.canMoveTo(c)).as("DONE to " + c).isFalse();
        }
        assertThat(CancelState.FORWARDED.canMoveTo(CancelState.REQUESTED)).as("accepted upstream: not asked twice").isFalse();
        assertThat(CancelState.REQUESTED.canMoveTo(CancelState.FORWARDED)).as("forwarded without a claim").isFalse();
        assertThat(finals(CancelState.values())).containsExactly(CancelState.DONE);
    }

    @Test void refill_stages_end_in_done_and_stay_there() {
        assertThat(RefillStage.NEW.next()).containsExactlyInAnyOrder(RefillStage.SENDING, RefillStage.DONE);
        assertThat(RefillStage.SENDING.next()).containsExactlyInAnyOrder(RefillStage.SENT, RefillStage.FAIL, RefillStage.DONE);
        assertThat(RefillStage.SENT.next()).containsExactly(RefillStage.DONE);
        assertThat(RefillStage.FAIL.next()).containsExactly(RefillStage.DONE);
        assertThat(RefillStage.DONE.next()).isEmpty();
        assertThat(RefillStage.SENT.canMoveTo(RefillStage.SENDING)).as("a refill upstream is never sent again").isFalse();
        assertThat(RefillStage.FAIL.canMoveTo(RefillStage.NEW)).isFalse();
        assertThat(finals(RefillStage.values())).containsExactly(RefillStage.DONE);
    }

    @Test void finished_statuses_have_no_way_out_whoever_asks() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                assertThat(from.canMoveTo(to)).as(from + " to " + to).isEqualTo(!from.finished() && from != to);
            }
        }
        assertThat(EnumSet.allOf(Status.class).stream().filter(Status::finished))
                .containsExactlyInAnyOrder(Status.COMPLETED, Status.PARTIAL, Status.CANCELED, Status.EXPIRED);
        for (Refills.State from : Refills.State.values()) {
            for (Refills.State to : Refills.State.values()) {
                assertThat(from.canMoveTo(to)).as(from + " to " + to).isEqualTo(!from.finished() && from != to);
            }
        }
    }

    @Test void the_unfinished_guard_is_built_from_the_finished_statuses() {
        assertThat(Status.UNFINISHED).isEqualTo("status NOT IN ('Completed', 'Partial', 'Canceled', 'Expired')");
    }

    private static Set<Object> finals(Enum<?>[] values) {
        var out = new java.util.LinkedHashSet<Object>();
        for (Enum<?> v : values) {
            boolean isFinal = switch (v) {
                case Stage s -> s.isFinal();
                case CancelState c -> c.isFinal();
                case RefillStage r -> r.isFinal();
                default -> throw new IllegalArgumentException(v.toString());
            };
            if (isFinal) out.add(v);
        }
        return out;
    }
}
