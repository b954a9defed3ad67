package org.opensmm.simulator;

import org.opensmm.db.Database;
import org.opensmm.order.CancelState;
import org.opensmm.order.FieldCodec;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.order.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated provider: moves this panel's own orders along as a real one would — Pending, then In progress with
 * remains falling over the delivery time, then Completed (or Partial, for a share of them) — completes refills and
 * accepts cancel requests. Progress is a pure function of the order's age and id, so it is repeatable.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    private static final int BATCH = 500;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d/M/uuuu");

    /**
     * @param pendingFor      how long an order stays Pending
     * @param deliveryTime    how long In progress lasts
     * @param partialPerMille how many orders of 1000 end Partial
     * @param refillTime      how long a refill takes
     * @param tick            how often the simulator looks
     * @param seed            varies which orders end Partial
     */
    public record Settings(Duration pendingFor, Duration deliveryTime, int partialPerMille, Duration refillTime, Duration tick,
                           long seed) {
        /** A new user sees orders move within a minute. */
        public static Settings realistic() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(40), 100, Duration.ofSeconds(20), Duration.ofSeconds(1), 1);
        }

        /** For tests: everything within a second, nothing Partial unless asked. */
        public static Settings fast() {
            return new Settings(Duration.ofMillis(100), Duration.ofMillis(400), 0, Duration.ofMillis(200), Duration.ofMillis(50), 1);
        }

        public Settings withPartialPerMille(int perMille) {
            return new Settings(pendingFor, deliveryTime, perMille, refillTime, tick, seed);
        }

        public Settings withDeliveryTime(Duration d) {
            return new Settings(pendingFor, d, partialPerMille, refillTime, tick, seed);
        }
    }

    private static final String PENDING = """
            SELECT id, service_type, parent_id FROM orders WHERE status = 'Pending' AND stage IN (?, ?) AND created_at <= ?
            ORDER BY id LIMIT %d""".formatted(BATCH);
    private static final String RUNNING = """
            SELECT id, quantity, remains, created_at, status FROM orders WHERE status = 'In progress' AND id > ?
            AND stage IN (?, ?) ORDER BY id LIMIT %d""".formatted(BATCH);
    private static final String SUBSCRIBED = """
            SELECT id, fields, created_at FROM orders WHERE status = 'Active' AND parent_id IS NULL AND service_type = 'Subscriptions'
            AND stage IN (?, ?) ORDER BY id LIMIT %d""".formatted(BATCH);
    private static final String CANCELING = """
            SELECT id FROM orders WHERE cancel_state = ? AND status IN ('Pending', 'In progress', 'Processing', 'Active')
            ORDER BY id LIMIT %d""".formatted(BATCH);
    private static final String REFILLS = """
            SELECT id, status, created_at FROM refill WHERE status IN ('Pending', 'In progress') ORDER BY id LIMIT %d""".formatted(BATCH);

    private final Database db;
    private final OrderService orders;
    private final Refills refills;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private long cursor; // RUNNING pages through in-progress orders, a batch a tick

    private Simulator(Database db, OrderService orders, Refills refills, Subscriptions subscriptions, Clock clock, Settings settings) {
        this.db = db;
        this.orders = orders;
        this.refills = refills;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator");
            t.setDaemon(true);
            return t;
        });
    }

    public static Simulator start(Database db, OrderService orders, Refills refills, Subscriptions subscriptions, Clock clock,
                                  Settings settings) {
        var sim = new Simulator(db, orders, refills, subscriptions, clock, settings);
        long every = settings.tick().toMillis();
        sim.timer.scheduleWithFixedDelay(sim::tickSafely, every, every, TimeUnit.MILLISECONDS);
        return sim;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("simulator tick failed: {}", e.toString());
        }
    }

    /** One pass: start, progress, cancel, refill. Each change is its own transaction through the order services. */
    void tick() {
        long now = clock.millis();
        record Row(long id, String type, Long parent) {}
        for (Row r : db.read(tx -> tx.list(PENDING, rs -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class)),
                Stage.NEW.name(), Stage.MANUAL.name(), now - settings.pendingFor().toMillis()))) {
            Status next = r.type().equals("Subscriptions") && r.parent() == null ? Status.ACTIVE : Status.IN_PROGRESS;
            quietly(() -> orders.applyStatus(r.id(), next, 100L + Math.floorMod(r.id() * 7919 + settings.seed(), 5000L), null));
        }
        record Running(long id, long quantity, long remains, long createdAt, String status) {}
        List<Running> running = db.read(tx -> tx.list(RUNNING, rs -> new Running(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getString(5)), cursor, Stage.NEW.name(), Stage.MANUAL.name()));
        cursor = running.size() < BATCH ? 0 : running.getLast().id();
        for (Running r : running) {
            long elapsed = Math.max(0, now - r.createdAt() - settings.pendingFor().toMillis());
            long delivery = Math.max(1, settings.deliveryTime().toMillis());
            if (elapsed >= delivery) {
                quietly(() -> finish(r.id(), r.quantity()));
            } else if (r.status().equals("In progress")) {
                long remains = r.quantity() - Math.multiplyExact(r.quantity(), elapsed) / delivery;
                if (remains != r.remains()) quietly(() -> orders.applyStatus(r.id(), Status.IN_PROGRESS, null, remains));
            }
        }
        record Subscription(long id, Map<String, String> fields, long createdAt) {}
        for (Subscription sub : db.read(tx -> tx.list(SUBSCRIBED, rs -> new Subscription(rs.getLong(1), FieldCodec.decode(rs.getString(2)), rs.getLong(3)),
                Stage.NEW.name(), Stage.MANUAL.name()))) {
            quietly(() -> post(sub.id(), sub.fields(), now - sub.createdAt() - settings.pendingFor().toMillis()));
        }
        for (long id : db.read(tx -> tx.list(CANCELING, rs -> rs.getLong(1), CancelState.REQUESTED.name()))) {
            quietly(() -> orders.resolveCancel(id, true));
        }
        record Refill(long id, String status, long createdAt) {}
        for (Refill r : db.read(tx -> tx.list(REFILLS, rs -> new Refill(rs.getLong(1), rs.getString(2), rs.getLong(3))))) {
            long age = now - r.createdAt();
            if (age >= settings.refillTime().toMillis()) quietly(() -> refills.resolve(r.id(), Refills.State.COMPLETED));
            else if (r.status().equals("Pending") && age >= settings.refillTime().toMillis() / 2) {
                quietly(() -> refills.resolve(r.id(), Refills.State.IN_PROGRESS));
            }
        }
    }

    /**
     * A subscription's posts so far: its old posts at once, then a new post every half delivery time, each of a
     * quantity in [min, max]; it completes after {@code posts} new ones and expires after {@code expiry}.
     */
    private void post(long id, Map<String, String> fields, long activeFor) {
        long min = Long.parseLong(fields.get("min"));
        long max = Long.parseLong(fields.get("max"));
        long old = fields.containsKey("old_posts") ? Long.parseLong(fields.get("old_posts")) : 0;
        Long limit = fields.containsKey("posts") ? Long.valueOf(Long.parseLong(fields.get("posts"))) : null;
        if (fields.containsKey("expiry") && LocalDate.parse(fields.get("expiry"), EXPIRY).isBefore(LocalDate.now(clock))) {
            orders.applyStatus(id, Status.EXPIRED, null, 0L);
            return;
        }
        long every = Math.max(1, settings.deliveryTime().toMillis() / 2);
        long due = old + Math.max(0, activeFor) / every;
        if (limit != null) due = Math.min(due, old + limit);
        long made = db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE parent_id = ?", id));
        for (long n = made; n < due; n++) {
            long quantity = min + Math.floorMod(id * 31 + n * 7919 + settings.seed(), max - min + 1);
            if (subscriptions.post(id, quantity).isEmpty()) return; // out of money: it has ended
        }
        if (limit != null && made >= old + limit) orders.applyStatus(id, Status.COMPLETED, null, 0L);
    }

    /** Completed, or Partial with 10–50 % undelivered for the chosen share of orders. */
    private void finish(long id, long quantity) {
        long draw = Math.floorMod((id * 2654435761L) ^ settings.seed(), 1000);
        if (quantity > 1 && draw < settings.partialPerMille()) {
            long remains = Math.max(1, quantity * (10 + draw % 41) / 100);
            orders.applyStatus(id, Status.PARTIAL, null, remains);
        } else {
            orders.applyStatus(id, Status.COMPLETED, null, 0L);
        }
    }

    /** A change that lost a race (the order moved meanwhile) is simply skipped: the next tick sees the new state. */
    private static void quietly(Runnable change) {
        try {
            change.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.debug("simulator skipped: {}", e.getMessage());
        }
    }

    @Override public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
