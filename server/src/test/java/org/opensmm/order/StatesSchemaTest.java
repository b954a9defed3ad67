package org.opensmm.order;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each state column's CHECK constraint (V4__states.sql) admits exactly its enum's names. */
class StatesSchemaTest {
    static TestPanel panel;
    static long order;
    static long refill;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        long service = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000, true, true);
        var alice = panel.customer("1");
        order = panel.call(alice.key(), "action", "add", "service", Long.toString(service), "link", "https://instagram.com/schema",
                "quantity", "100").get("order").asLong();
        panel.panel.orders.applyStatus(order, Status.COMPLETED, 0L, 0L);
        refill = panel.call(alice.key(), "action", "refill", "order", Long.toString(order)).get("refill").asLong();
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void orders_stage_takes_every_stage_and_nothing_else() {
        admitsExactly("UPDATE orders SET stage = ? WHERE id = " + order, Stage.values(), Stage::name, "DELIVERED");
    }

    @Test void orders_cancel_state_takes_every_cancel_state_none_and_nothing_else() {
        admitsExactly("UPDATE orders SET cancel_state = ? WHERE id = " + order, CancelState.values(), CancelState::name, "CANCELED");
        set("UPDATE orders SET cancel_state = ? WHERE id = " + order, null);
    }

    @Test void orders_status_takes_every_wire_status_and_nothing_else() {
        admitsExactly("UPDATE orders SET status = ? WHERE id = " + order, Status.values(), Status::wire, "Cancelled");
    }

    @Test void refill_status_and_stage_take_their_enums_and_nothing_else() {
        admitsExactly("UPDATE refill SET status = ? WHERE id = " + refill, Refills.State.values(), Refills.State::wire, "Done");
        admitsExactly("UPDATE refill SET stage = ? WHERE id = " + refill, RefillStage.values(), RefillStage::name, "DRIP");
    }

    private static <E> void admitsExactly(String update, E[] values, Function<E, String> stored, String stranger) {
        List<String> all = Arrays.stream(values).map(stored).toList();
        for (String v : all) set(update, v);
        assertThatThrownBy(() -> set(update, stranger)).rootCause().isInstanceOf(SQLException.class)
                .hasMessageContaining("violates check constraint");
        set(update, all.getFirst());
    }

    private static void set(String update, String value) {
        panel.panel.db.inTransaction(tx -> tx.update(update, value));
    }
}
