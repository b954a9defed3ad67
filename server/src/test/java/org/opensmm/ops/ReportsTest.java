package org.opensmm.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports group days as the reader counts them: an evening order in UTC is the next morning's in Tokyo. */
class ReportsTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    @Test void days_are_the_readers_days() {
        var buyer = panel.customer("10");
        long service = panel.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
        long order = panel.call(buyer.key(), "action", "add", "service", Long.toString(service), "link", "https://x/day", "quantity", "1000")
                .get("order").asLong();
        long evening = Instant.parse("2026-05-01T20:00:00Z").toEpochMilli(); // 05:00 on 2 May in Tokyo
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET created_at = ? WHERE id = ?", evening, order));
        var reports = new Reports(panel.panel.db);
        long from = Instant.parse("2026-04-30T00:00:00Z").toEpochMilli(), to = Instant.parse("2026-05-03T00:00:00Z").toEpochMilli();

        assertThat(reports.report(Reports.By.DAY, from, to, ZoneOffset.UTC).lines()).extracting(Reports.Line::label).containsExactly("2026-05-01");
        var tokyo = reports.report(Reports.By.DAY, from, to, ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.lines()).extracting(Reports.Line::label).containsExactly("2026-05-02");
        assertThat(tokyo.lines().getFirst().orders()).isEqualTo(1);
        assertThat(tokyo.total().revenue().toWire()).isEqualTo("1");
    }
}
