package org.opensmm.bench;

import org.opensmm.app.Panel;
import org.opensmm.provider.Provider;

import java.sql.Connection;
import java.sql.Statement;

/**
 * The database of the {@code sync} benchmark: {@code total} orders sent upstream and not finished, polled from the
 * provider's first status round on. The schema is the panel's own (opening the {@link Panel} migrates it); on top of {@link BenchDb#setUp}'s
 * customer {@code bench-1} and service it adds a provider {@code bench-upstream} at {@code --upstream} (max in flight
 * {@code --max-in-flight}), an upstream service and the mapping of our service onto it, then the orders in bulk SQL as
 * {@link Seed} does: stage SENT, that provider, external id = the series number (= the order id in a fresh database),
 * status "In progress", {@value FakeUpstream#QUANTITY} units, all remaining, start count as {@link FakeUpstream}
 * answers, an active link each (as unfinished orders have), no next_at (as {@code Stages.sent} leaves it); then
 * {@code ANALYZE}.
 *
 * <p>Usage: {@code SyncSeed --db embedded:<dir>|postgres:<name> [--create] --total N --upstream <url> [--max-in-flight 4]
 * [--chunk 500000]}. Prints {@code SEEDED total=N added=A lo=<first id> hi=<last id> provider=P seconds=S rows_s=R}.
 */
public final class SyncSeed {
    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        long total = args.number("total", 1_000_000);
        long chunk = args.number("chunk", 500_000);
        String upstream = args.required("upstream");
        int inFlight = (int) args.number("max-in-flight", 4);
        if (args.flag("create")) db.create();
        try (var panel = Panel.open(db.config())) {
            var fixture = BenchDb.setUp(panel, 1);
            long customer = fixture.customers().getFirst();
            long service = fixture.serviceId();
            long now = System.currentTimeMillis();
            Provider p = panel.providers.list().stream().filter(x -> x.name().equals("bench-upstream")).findFirst()
                    .orElseGet(() -> panel.providers.add("bench-upstream", upstream, "bench-upstream-key", Provider.AddErrorPolicy.RETRY, inFlight));
            panel.providers.relocate(p.id(), upstream);
            panel.providers.update(p.id(), null, inFlight, true);
            panel.db.inTransaction(tx -> {
                if (tx.count("SELECT COUNT(*) FROM upstream_service WHERE provider_id = ?", p.id()) == 0) {
                    tx.update("""
                            INSERT INTO upstream_service (provider_id, service, name, type, category, rate, rate_scale, min_quantity,
                                                          max_quantity, refill, cancel, removed, imported_at)
                            VALUES (?, 1, 'Upstream Followers', 'Default', 'Bench', 500000, 2, 10, 1000000, TRUE, TRUE, FALSE, ?)""", p.id(), now);
                }
                if (tx.count("SELECT COUNT(*) FROM service_provider WHERE service_id = ?", service) == 0) {
                    tx.update("INSERT INTO service_provider (service_id, provider_id, upstream_service, rule, markup, upstream_drip, created_at) VALUES (?, ?, 1, 'RATE', NULL, FALSE, ?)",
                            service, p.id(), now);
                }
                return null;
            });
            long start = System.nanoTime();
            long have = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ?", p.id()));
            long added = 0;
            try (Connection c = panel.db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (long from = have + 1; from <= total; from += chunk) {
                    long to = Math.min(total, from + chunk - 1);
                    s.executeUpdate(insert(customer, service, p.id(), from, to, now));
                    c.commit();
                    added += to - from + 1;
                    System.out.printf("seeded %,d / %,d (%.0f s)%n", to, total, (System.nanoTime() - start) / 1e9);
                }
                s.execute("ANALYZE orders");
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long lo = panel.db.read(tx -> tx.count("SELECT MIN(id) FROM orders WHERE provider_id = ?", p.id()));
            long hi = panel.db.read(tx -> tx.count("SELECT MAX(id) FROM orders WHERE provider_id = ?", p.id()));
            long count = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ? AND stage = 'SENT'", p.id()));
            long mismatched = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ? AND external_id <> CAST(id AS VARCHAR(100))", p.id()));
            System.out.printf("SEEDED total=%d added=%d lo=%d hi=%d provider=%d external_ne_id=%d seconds=%.1f rows_s=%.0f db=%s%n",
                    count, added, lo, hi, p.id(), mismatched, seconds, added / Math.max(seconds, 1e-3), db.spec);
        }
    }

    /** Rows from..to (numbers only, so building the SQL as text is safe): sent, in progress. */
    static String insert(long customer, long service, long provider, long from, long to, long now) {
        String x = "g.x";
        String range = "generate_series(%d::bigint, %d::bigint) AS g(x)".formatted(from, to);
        int q = FakeUpstream.QUANTITY;
        return """
                INSERT INTO orders (customer_id, service_id, service_type, link, quantity, fields, rate, charge, refunded,
                                    status, start_count, remains, active_link, stage, provider_id, external_id,
                                    created_at, updated_at)
                SELECT %d, %d, 'Default', 'https://bench.test/sync/' || %s, %d,
                       'link=https%%3A%%2F%%2Fbench.test%%2Fsync%%2F' || %s || '&quantity=%d', 900000, 900000, 0,
                       'In progress', 100 + MOD(%s, 9000), %d, 'sync-' || %s, 'SENT', %d, CAST(%s AS VARCHAR(100)), %d, %d
                FROM %s""".formatted(customer, service, x, q, x, q, x, q, x, provider, x, now, now, range);
    }
}
