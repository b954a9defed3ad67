package org.opensmm.ops;

import org.junit.jupiter.api.Test;
import org.opensmm.app.Main;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** `opensmm backup` while customers place orders, `opensmm restore` into a new database: nothing acknowledged is lost. */
class BackupRestoreTest {
    record Run(int exit, String out, String err) {}

    static Run run(org.opensmm.app.Config config, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(config, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test void a_backup_under_load_restores_every_acknowledged_order_and_a_ledger_that_sums_to_the_balances() throws Exception {
        Path dir = Files.createTempDirectory("opensmm-backup-");
        Path file = dir.resolve("panel.backup");
        String target = TestDb.fresh();
        try (var panel = TestPanel.start(c -> c)) {
            long service = panel.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
            var customers = List.of(panel.customer("1000"), panel.customer("1000"), panel.customer("1000"));
            var acknowledged = new ConcurrentLinkedQueue<Long>();
            var stop = new AtomicBoolean();
            var clients = new ArrayList<Thread>();
            for (var customer : customers) {
                clients.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get() && i < 5000; i++) {
                        var reply = panel.call(customer.key(), "action", "add", "service", "" + service,
                                "link", "https://x.example/" + customer.id() + "/" + i, "quantity", "10");
                        if (reply.has("order")) acknowledged.add(reply.get("order").asLong());
                    }
                }));
            }
            while (acknowledged.size() < 30) Thread.sleep(20);
            Set<Long> beforeBackup = new HashSet<>(acknowledged);

            Run backup = run(panel.panel.config, "backup", file.toString());

            int duringBackup = acknowledged.size() - beforeBackup.size();
            stop.set(true);
            for (Thread t : clients) assertThat(t.join(java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).startsWith("backup of schema ");

            // the panel's own database is live and full: refused, and nothing changes
            Run refused = run(panel.panel.config, "restore", file.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).startsWith("error: the target database is in use");

            Run restore = run(panel.panel.config.withDbUrl(target), "restore", file.toString());
            assertThat(restore.exit()).as(restore.err()).isZero();
            assertThat(restore.out()).startsWith("restored schema ");

            try (var c = DriverManager.getConnection(target); var s = c.createStatement()) {
                var ids = new HashSet<Long>();
                try (var rs = s.executeQuery("SELECT id FROM orders")) { while (rs.next()) ids.add(rs.getLong(1)); }
                assertThat(ids).as("%d orders were acknowledged during the backup", duringBackup).containsAll(beforeBackup);
                try (var rs = s.executeQuery("""
                        SELECT count(*) FROM customer c
                        WHERE c.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("customers whose balance is not their ledger's sum").isZero();
                }
                try (var rs = s.executeQuery("""
                        SELECT count(*) FROM orders o WHERE NOT EXISTS
                          (SELECT 1 FROM ledger_entry e WHERE e.order_id = o.id AND e.kind = 'CHARGE')""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("orders without their charge").isZero();
                }
                try (var rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('orders', 'id')) > (SELECT max(id) FROM orders)")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the id sequence continues past the restored orders").isTrue();
                }
            }

            // a database that holds data is refused too
            Run again = run(panel.panel.config.withDbUrl(target), "restore", file.toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("not empty");
        } finally {
            TestDb.drop(target);
            TestDb.deleteTree(dir);
        }
    }
}
