package org.opensmm.catalog;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.opensmm.db.Recent;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The services on sale, and what each costs a given customer. */
public final class Catalog {
    private static final String COLUMNS = """
            s.id, s.name, s.type, s.category, COALESCE(c.rate, s.rate), COALESCE(c.rate_scale, s.rate_scale),
            s.min_quantity, s.max_quantity, s.refill, s.cancel, s.drip_feed, s.refill_days, s.refill_cooldown_minutes,
            s.delays, s.enabled, s.description""";
    // A customer sees the custom rate where one is set; customer 0 never has one, which gives list prices.
    private static final String PRICED = " FROM service s LEFT JOIN custom_rate c ON c.service_id = s.id AND c.customer_id = ?";
    private static final String FOR_CUSTOMER = "SELECT " + COLUMNS + PRICED;
    // ...and whether an upstream provider fulfils it (a mapping), which decides where a new order goes
    private static final String OFFER = "SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM service_provider m WHERE m.service_id = s.id)"
            + PRICED + " WHERE s.id = ? AND s.enabled = TRUE";
    private static final String ON_SALE = FOR_CUSTOMER + " WHERE s.enabled = TRUE ORDER BY s.id";
    // the website's and /admin's order: categories as Categories places them (the unplaced ones as they came, by their
    // first service), then each category's services as placed
    private static final String SHELF = FOR_CUSTOMER + " LEFT JOIN category k ON k.name = s.category%s"
            + " ORDER BY COALESCE(k.position, 2147483647), MIN(s.id) OVER (PARTITION BY s.category), s.position NULLS LAST, s.id";
    private static final String INSERT = """
            INSERT INTO service (name, type, category, rate, rate_scale, min_quantity, max_quantity, refill, cancel,
                                 drip_feed, refill_days, refill_cooldown_minutes, delays, enabled, description, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE service SET name = ?, type = ?, category = ?, rate = ?, rate_scale = ?, min_quantity = ?, max_quantity = ?,
                   refill = ?, cancel = ?, drip_feed = ?, refill_days = ?, refill_cooldown_minutes = ?, delays = ?, enabled = ?,
                   description = ?
            WHERE id = ?""";

    private final Database db;
    private final Clock clock;

    public Catalog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What {@code action=services} lists for this customer, ascending by id. */
    public List<Service> onSale(long customer) {
        return db.read(tx -> tx.list(ON_SALE, Catalog::service, customer));
    }

    /**
     * What the website lists for this customer (their own rates), in shelf order. Every page view needs it, so the list
     * at list prices and each customer's own rates are remembered as long as offers are, and laid over each other here.
     */
    public List<Service> onShelf(long customer) {
        List<Service> shelf = shelves.get(Boolean.TRUE, k -> Optional.of(db.read(tx ->
                tx.list(SHELF.formatted(" WHERE s.enabled = TRUE"), Catalog::service, 0L)))).orElseThrow();
        Map<Long, Rate> own = customer == 0 ? Map.of() : ownRates.get(customer, this::ownRates).orElseThrow();
        return own.isEmpty() ? shelf : shelf.stream().map(s -> own.containsKey(s.id()) ? s.withRate(own.get(s.id())) : s).toList();
    }

    private Optional<Map<Long, Rate>> ownRates(long customer) {
        var rates = db.read(tx -> tx.list("SELECT service_id, rate, rate_scale FROM custom_rate WHERE customer_id = ?",
                rs -> Map.entry(rs.getLong(1), new Rate(new Money(rs.getLong(2)), rs.getInt(3))), customer));
        return Optional.of(rates.stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private final Recent<Boolean, List<Service>> shelves = new Recent<>(Duration.ofSeconds(2), 1, true);
    private final Recent<Long, Map<Long, Rate>> ownRates = new Recent<>(Duration.ofSeconds(2), 100_000, true);

    /** Every service, disabled ones too, at list prices, in shelf order: the admin's view. */
    public List<Service> shelf() {
        return db.read(tx -> tx.list(SHELF.formatted(""), Catalog::service, 0L));
    }

    /** A customer's own rate for a service, beside the list rate. */
    public record CustomRate(long serviceId, String serviceName, Rate listRate, Rate rate) {}

    /** Every custom rate a customer has, by service id. */
    public List<CustomRate> customRates(long customer) {
        return db.read(tx -> tx.list("""
                SELECT s.id, s.name, s.rate, s.rate_scale, c.rate, c.rate_scale FROM custom_rate c JOIN service s ON s.id = c.service_id
                WHERE c.customer_id = ? ORDER BY s.id""", rs -> new CustomRate(rs.getLong(1), rs.getString(2),
                new Rate(new Money(rs.getLong(3)), rs.getInt(4)), new Rate(new Money(rs.getLong(5)), rs.getInt(6))), customer));
    }

    /** A service as one customer may order it, and whether a provider fulfils it. */
    public record Offer(Service service, boolean forwarded) {}

    /** Customer and service → offer, for two seconds: every add needs it, and on PostgreSQL a query is a round trip. */
    private final Recent<List<Long>, Offer> offers = new Recent<>(Duration.ofSeconds(2), 100_000, true);

    /** The service as this customer may order it, or empty if unknown or disabled. */
    public Optional<Offer> offer(long customer, long serviceId) {
        return offers.get(List.of(customer, serviceId), k -> db.read(tx -> tx.one(OFFER,
                rs -> new Offer(service(rs), rs.getBoolean(17)), customer, serviceId)));
    }

    /** Drops every cached offer: after any change to services, rates or how a service is fulfilled. */
    public void forget() {
        offers.clear();
        shelves.clear();
        ownRates.clear();
    }

    public Optional<Service> find(long id) { return db.read(tx -> find(tx, id)); }

    /** The service at its list price, in the caller's transaction: work holding a connection never asks for a second. */
    public Optional<Service> find(Tx tx, long id) throws SQLException {
        return tx.one(FOR_CUSTOMER + " WHERE s.id = ?", Catalog::service, 0L, id);
    }

    public List<Service> all() {
        return db.read(tx -> tx.list(FOR_CUSTOMER + " ORDER BY s.id", Catalog::service, 0L));
    }

    /** A person adds a service to the catalogue; it is on sale at once unless added disabled. */
    public Service add(Actor who, Service s) {
        forget();
        return db.inTransaction(tx -> {
            Service added = s.withId(tx.insert(INSERT, args(s, clock.millis())));
            Audit.record(tx, who, "service.add", "service", added.id(), null, added);
            return added;
        });
    }

    /**
     * A person changes a service: {@code change} gets it as it is (locked, so two edits do not lose each other's
     * fields) and returns it as it should be. Orders already placed keep the rate they were charged at.
     */
    public Service edit(Actor who, long id, UnaryOperator<Service> change) {
        forget();
        try {
            return db.inTransaction(tx -> {
                Service before = tx.one(FOR_CUSTOMER + " WHERE s.id = ? FOR UPDATE OF s", Catalog::service, 0L, id)
                        .orElseThrow(() -> unknown(id));
                Service after = change.apply(before).withId(id);
                tx.update(UPDATE, args(after, id));
                Audit.record(tx, who, "service.edit", "service", id, before, after);
                return after;
            });
        } finally {
            forget(); // an add that raced the change must not keep the old answer for long
        }
    }

    /** Stops or resumes selling a service; its orders go on either way. */
    public Service setEnabled(Actor who, long id, boolean enabled) {
        forget();
        try {
            return db.inTransaction(tx -> {
                Service before = find(tx, id).orElseThrow(() -> unknown(id));
                if (tx.update("UPDATE service SET enabled = ? WHERE id = ?", enabled, id) != 1) throw unknown(id);
                Service after = find(tx, id).orElseThrow();
                Audit.record(tx, who, enabled ? "service.enable" : "service.disable", "service", id, before, after);
                return after;
            });
        } finally {
            forget();
        }
    }

    /**
     * Sets (or, with null, removes) a customer's own rate for one service; the service at its list price, for
     * comparison. The customer's name or id is the front's to resolve: here it is an id, and an unknown one is refused.
     */
    public Service setCustomRate(Actor who, long customer, long service, Rate rate) {
        forget();
        try {
            return db.inTransaction(tx -> {
                Service s = find(tx, service).orElseThrow(() -> unknown(service));
                if (tx.count("SELECT COUNT(*) FROM customer WHERE id = ?", customer) == 0) throw new Refused("no customer " + customer);
                setCustomRate(tx, customer, service, rate);
                Audit.record(tx, who, "service.custom-rate", "service", service, null,
                        Map.of("customer", customer, "rate", rate == null ? "list price" : rate.toString()));
                return s;
            });
        } finally {
            forget();
        }
    }

    private static Refused unknown(long service) {
        return new Refused("no service " + service + " (see: opensmm service list)", "refused.no_service", service);
    }

    public Service add(Service s) {
        forget();
        return db.inTransaction(tx -> s.withId(tx.insert(INSERT, args(s, clock.millis()))));
    }

    public Service update(Service s) {
        forget();
        Object[] a = args(s, s.id());
        int rows = db.inTransaction(tx -> tx.update(UPDATE, a));
        if (rows != 1) throw new IllegalArgumentException("no service " + s.id());
        return s;
    }

    /** Sets (or, with null, removes) a customer's own rate for one service. */
    public void setCustomRate(long customer, long service, Rate rate) {
        db.inTransaction(tx -> {
            setCustomRate(tx, customer, service, rate);
            return null;
        });
        forget();
    }

    private static void setCustomRate(Tx tx, long customer, long service, Rate rate) throws SQLException {
        tx.update("DELETE FROM custom_rate WHERE customer_id = ? AND service_id = ?", customer, service);
        if (rate != null) {
            tx.update("INSERT INTO custom_rate (customer_id, service_id, rate, rate_scale) VALUES (?, ?, ?, ?)",
                    customer, service, rate.price().micros(), rate.scale());
        }
    }

    /** Columns in INSERT/UPDATE order, then {@code last} (created_at or the id). */
    private static Object[] args(Service s, long last) {
        String delays = s.delays().isEmpty() ? null
                : s.delays().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        return new Object[] {s.name().strip(), s.type().wire(), s.category().strip(), s.rate().price().micros(), s.rate().scale(),
                s.min(), s.max(), s.refill(), s.cancel(), s.dripFeed(), s.refillDays(), s.refillCooldownMinutes(), delays,
                s.enabled(), s.description(), last};
    }

    static Service service(ResultSet rs) throws SQLException {
        String delays = rs.getString(14);
        Set<Integer> delaySet = delays == null || delays.isBlank() ? Set.of()
                : Arrays.stream(delays.split(",")).map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
        return new Service(rs.getLong(1), rs.getString(2), ServiceType.parse(rs.getString(3)).orElseThrow(), rs.getString(4),
                new Rate(new Money(rs.getLong(5)), rs.getInt(6)), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                rs.getBoolean(10), rs.getBoolean(11), rs.getInt(12), rs.getInt(13), delaySet, rs.getBoolean(15),
                rs.getString(16));
    }
}
