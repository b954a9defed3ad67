package org.opensmm.bench;

import org.opensmm.app.Panel;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Tops a panel database up to {@code total} orders of customer {@code bench-1}, in bulk SQL ({@code INSERT … SELECT}
 * over {@code generate_series}), in chunks so no transaction grows without bound, then {@code ANALYZE}. The rows look
 * like finished orders: Completed, no active link (as the panel leaves them), every index of the schema maintained. No
 * ledger rows: {@code status} never reads them, and at 10 million they would only double the seeding time.
 *
 * <p>Usage: {@code Seed --db embedded:<dir>|postgres:<name> [--create] --total N [--chunk 500000]}.
 * Prints {@code SEEDED total=N added=A lo=<first id> hi=<last id> seconds=S rows_s=R}.
 */
public final class Seed {
    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        long total = args.number("total", 10_000);
        long chunk = args.number("chunk", 500_000);
        if (args.flag("create")) db.create();
        try (var panel = Panel.open(db.config())) {
            var fixture = BenchDb.setUp(panel, 1);
            long customer = fixture.customers().getFirst();
            long start = System.nanoTime();
            long have = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer));
            long added = 0;
            try (Connection c = panel.db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (long from = have + 1; from <= total; from += chunk) {
                    long to = Math.min(total, from + chunk - 1);
                    s.executeUpdate(insert(customer, fixture.serviceId(), from, to, System.currentTimeMillis()));
                    c.commit();
                    added += to - from + 1;
                    System.out.printf("seeded %,d / %,d (%.0f s)%n", from + (to - from), total, (System.nanoTime() - start) / 1e9);
                }
                // fresh statistics, as autovacuum would give a real panel: the plans below are the ones production gets
                s.execute("ANALYZE orders");
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long lo = panel.db.read(tx -> tx.count("SELECT MIN(id) FROM orders WHERE customer_id = ?", customer));
            long hi = panel.db.read(tx -> tx.count("SELECT MAX(id) FROM orders WHERE customer_id = ?", customer));
            long count = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer));
            System.out.printf("SEEDED total=%d added=%d lo=%d hi=%d seconds=%.1f rows_s=%.0f db=%s%n",
                    count, added, lo, hi, seconds, added / Math.max(seconds, 1e-3), db.spec);
        }
    }

    /** Rows from..to (numbers only, so building the SQL as text is safe), shaped like a completed Default order. */
    static String insert(long customer, long service, long from, long to, long now) {
        String x = "g.x";
        String range = "generate_series(%d::bigint, %d::bigint) AS g(x)".formatted(from, to);
        return """
                INSERT INTO orders (customer_id, service_id, service_type, link, quantity, fields, rate, charge, refunded,
                                    status, start_count, remains, active_link, completed_at, stage, created_at, updated_at)
                SELECT %d, %d, 'Default', 'https://bench.test/seed/' || %s, 100,
                       'link=https%%3A%%2F%%2Fbench.test%%2Fseed%%2F' || %s || '&quantity=100', 900000, 90000, 0,
                       'Completed', 1000, 0, NULL, %d, 'DONE', %d, %d
                FROM %s""".formatted(customer, service, x, x, now, now, now, range);
    }
}
