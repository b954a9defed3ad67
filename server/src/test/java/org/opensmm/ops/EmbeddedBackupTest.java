package org.opensmm.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.testing.ServedPanel;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.ops.BackupRestoreTest.run;

/**
 * The shipped default: `opensmm serve` on its embedded PostgreSQL in a process of its own, customers placing orders,
 * and the operator's `opensmm backup` while it serves; `restore` refuses the running panel's folder, brings the backup
 * into a new one, and a panel started there has every acknowledged order and a ledger that sums to the balances.
 */
class EmbeddedBackupTest {
    @Test @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_backup_of_the_embedded_database_under_load_restores_into_a_new_folder_with_every_acknowledged_order() throws Exception {
        Path dir = Files.createTempDirectory("opensmm-embedded-backup-");
        Path data = dir.resolve("data"), restored = dir.resolve("restored"), file = dir.resolve("panel.backup");
        Config config = embedded(data), restoredConfig = embedded(restored);
        try {
            List<String> keys = new ArrayList<>();
            long service;
            try (Panel seed = Panel.open(config)) {
                service = seed.catalog.add(new Service(0, "Followers", ServiceType.DEFAULT, "Test", Rate.parse("1.00"), 10, 1_000_000,
                        true, true, false, 30, 0, Set.of(), true)).id();
                for (int c = 0; c < 3; c++) keys.add(seed.accounts.create("backup" + c, Money.parse("1000")).key().value());
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Set<Long> beforeBackup;
            BackupRestoreTest.Run backup;
            try (var served = ServedPanel.start(data, Map.of("OPENSMM_WORKERS", "false")).awaitUp()) {
                var stop = new AtomicBoolean();
                var clients = new ArrayList<Thread>();
                for (String key : keys) {
                    clients.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; !stop.get() && i < 5000; i++) {
                            try {
                                var reply = served.call(key, "action", "add", "service", "" + service,
                                        "link", "https://x.example/" + key.substring(0, 6) + "/" + i, "quantity", "10");
                                if (reply.has("order")) acknowledged.add(reply.get("order").asLong());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acknowledged.size() < 30 && System.nanoTime() < deadline) Thread.sleep(20);
                beforeBackup = new HashSet<>(acknowledged);
                assertThat(beforeBackup).as("orders placed before the backup").hasSizeGreaterThanOrEqualTo(30);

                backup = run(config, "backup", file.toString());

                // the running panel's folder is refused, and stays as it was
                var refused = run(config, "restore", file.toString());
                stop.set(true);
                for (Thread t : clients) assertThat(t.join(Duration.ofSeconds(30))).isTrue();
                assertThat(backup.exit()).as(backup.err()).isZero();
                assertThat(backup.out()).startsWith("backup of schema ");
                assertThat(refused.exit()).isEqualTo(1);
                assertThat(refused.err()).startsWith("error: a panel is running on " + data.toAbsolutePath());
                assertThat(served.call(keys.getFirst(), "action", "balance").has("balance")).as("still serving").isTrue();
            }

            var restore = run(restoredConfig, "restore", file.toString());
            assertThat(restore.exit()).as(restore.err()).isZero();
            assertThat(restore.out()).startsWith("restored schema ");

            try (var served = ServedPanel.start(restored, Map.of("OPENSMM_WORKERS", "false")).awaitUp()) {
                for (String key : keys) assertThat(served.call(key, "action", "balance").has("balance")).as("a restored key works").isTrue();
                try (Panel p = Panel.open(restoredConfig)) { // attaches to the served panel's database server
                    p.db.read(tx -> {
                        assertThat(Set.copyOf(tx.list("SELECT id FROM orders", rs -> rs.getLong(1)))).containsAll(beforeBackup);
                        assertThat(tx.count("""
                                SELECT count(*) FROM customer c
                                WHERE c.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)"""))
                                .as("customers whose balance is not their ledger's sum").isZero();
                        assertThat(tx.count("""
                                SELECT count(*) FROM orders o WHERE 1 <> (SELECT count(*) FROM ledger_entry e
                                 WHERE e.order_id = o.id AND e.kind = 'CHARGE' AND e.amount = -o.charge)"""))
                                .as("orders without exactly one charge").isZero();
                        assertThat(tx.count("SELECT (SELECT sum(balance) FROM customer) + (SELECT sum(charge) FROM orders)"))
                                .as("balances and charges together are the opening 3 × 1000").isEqualTo(Money.parse("3000").micros());
                        return null;
                    });
                }
                // the restored panel goes on: a new order gets an id past the restored ones
                long next = served.call(keys.getFirst(), "action", "add", "service", "" + service,
                        "link", "https://x.example/after-restore", "quantity", "10").get("order").asLong();
                assertThat(next).isGreaterThan(beforeBackup.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        } finally {
            ServedPanel.stopLeftovers(data);
            ServedPanel.stopLeftovers(restored);
            TestDb.deleteTree(dir);
        }
    }

    private static Config embedded(Path data) {
        return Config.from(Map.of("OPENSMM_DATA", data.toString(), "OPENSMM_SECRET", TestPanel.SECRET)).withPoolSize(2);
    }
}
