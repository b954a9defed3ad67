package org.opensmm.bench;

import org.opensmm.account.ApiKey;
import org.opensmm.app.Panel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference for {@code add}: the transaction at the heart of it in raw JDBC, nothing else. Guarded debit, order
 * row, ledger row, commit; one connection per thread held for the whole run, statements prepared once. Runs on a fresh
 * database migrated and filled (customers, service) by the panel's own code, with the panel's JDBC URL, with as
 * many threads as the panel has pooled connections. On {@code embedded:<dir>} this process starts the server first
 * and keeps it for the run; the panel that fills it attaches to it.
 *
 * <p>Usage: {@code JdbcAddBaseline --db embedded:<dir>|postgres:<name> [--create] [--drop-on-exit] [--customers 1000]
 * [--threads <pool size>] [--warmup 5] [--seconds 10]}. Prints {@code RESULT txn_s=… committed=… failed=…}.
 */
public final class JdbcAddBaseline {
    // Same columns, values and indexes as the panel's Orders.INSERT and Ledger.APPEND.
    static final String DEBIT = "UPDATE customer SET balance = balance - ? WHERE id = ? AND balance >= ?";
    static final String INSERT_ORDER = """
            INSERT INTO orders (customer_id, service_id, service_type, parent_id, link, quantity, runs, run_interval, fields,
                                rate, charge, status, remains, active_link, stage, next_at, created_at, updated_at)
            VALUES (?, ?, 'Default', NULL, ?, 100, NULL, NULL, ?, 900000, 90000, 'Pending', 100, ?, 'MANUAL', ?, ?, ?)""";
    static final String APPEND = """
            INSERT INTO ledger_entry (customer_id, kind, amount, order_id, refund_of, reason, created_at)
            VALUES (?, 'CHARGE', -90000, ?, NULL, NULL, ?)""";
    static final long CHARGE = 90_000; // 0.90 per 1000 × 100 units, in micros

    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        if (args.flag("create")) db.create();
        try {
            String url = db.jdbcUrl(); // embedded: started here, so the panel below attaches and leaves it running
            BenchDb.Fixture fixture;
            try (var panel = Panel.open(db.config())) {
                fixture = BenchDb.setUp(panel, (int) args.number("customers", 1000));
            }
            int threads = (int) args.number("threads", db.poolSize());
            long warmup = args.number("warmup", 5), seconds = args.number("seconds", 10);
            run(db, url, fixture, threads, warmup, seconds);
        } finally {
            if (args.flag("drop-on-exit")) db.drop();
            db.close();
        }
    }

    private static void run(BenchDb db, String url, BenchDb.Fixture fixture, int threads, long warmup, long seconds) throws Exception {
        var committed = new LongAdder();
        var failed = new LongAdder();
        var workers = new ArrayList<Thread>();
        var stop = new AtomicBoolean();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("txn-" + t).start(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    loop(c, thread, fixture, committed, failed, stop);
                } catch (SQLException e) {
                    System.err.println("thread " + thread + ": " + e);
                    failed.increment();
                }
            }));
        }
        Thread.sleep(warmup * 1000);
        long before = committed.sum(), start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        long after = committed.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread w : workers) w.join(15_000);
        System.out.printf("RESULT txn_s=%.1f committed=%d failed=%d threads=%d customers=%d seconds=%.2f db=%s%n",
                (after - before) / elapsed, after - before, failed.sum(), threads, fixture.customers().size(), elapsed, db.spec);
    }

    private static void loop(Connection c, int thread, BenchDb.Fixture fixture, LongAdder committed,
                             LongAdder failed, AtomicBoolean stop) throws SQLException {
        c.setAutoCommit(false);
        List<Long> customers = fixture.customers();
        String nonce = Long.toString(System.nanoTime(), 36);
        try (PreparedStatement debit = c.prepareStatement(DEBIT);
             PreparedStatement order = c.prepareStatement(INSERT_ORDER, new String[] {"id"});
             PreparedStatement append = c.prepareStatement(APPEND)) {
            for (long n = 0; !stop.get(); n++) {
                long customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
                String link = "https://bench.test/jdbc/" + nonce + "/" + thread + "/" + n;
                long now = System.currentTimeMillis();
                try {
                    debit.setLong(1, CHARGE);
                    debit.setLong(2, customer);
                    debit.setLong(3, CHARGE);
                    if (debit.executeUpdate() != 1) throw new SQLException("not enough funds");
                    order.setLong(1, customer);
                    order.setLong(2, fixture.serviceId());
                    order.setString(3, link);
                    order.setString(4, "link=" + link + "&quantity=100");
                    order.setString(5, ApiKey.sha256(link)); // the panel stores the link's hash for the active-link index
                    order.setLong(6, now);
                    order.setLong(7, now);
                    order.setLong(8, now);
                    order.executeUpdate();
                    long id;
                    try (ResultSet keys = order.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    append.setLong(1, customer);
                    append.setLong(2, id);
                    append.setLong(3, now);
                    append.executeUpdate();
                    c.commit();
                    committed.increment();
                } catch (SQLException e) {
                    c.rollback();
                    failed.increment();
                    if (failed.sum() <= 3) System.err.println("txn failed: " + e.getMessage());
                }
            }
        }
    }
}
