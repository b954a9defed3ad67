package org.opensmm.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.opensmm.db.Database;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.ledger.Ledger.Kind;
import org.opensmm.order.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures that come from the database and the workers, counted again on a scrape at most every
 * {@code refreshMillis} (never between scrapes): orders by stage, money moved, sync lag, FAIL orders per provider,
 * providers' back-off, and our balance at each provider (as it last said to the workers' scheduled ask, whichever node
 * asked). Each query is one grouped count or sum, mostly served by the orders' work indexes.
 */
public final class Figures {
    private static final Logger log = LoggerFactory.getLogger(Figures.class);

    static final String BY_STAGE = "SELECT stage, count(*) FROM orders GROUP BY stage";
    // append-only entries: each kind's sum only grows in its direction, so charged, refunded and deposited are counters
    static final String BY_KIND = "SELECT kind, coalesce(sum(amount), 0) FROM ledger_entry GROUP BY kind";
    // A provider's orders are due for a poll once its round is: a sync interval after the last round started. Late is a
    // round still running past that, or one due with sent orders waiting that no node has started (orders_sent finds
    // one in an index probe). No row yet: no round yet, nothing known to be late.
    static final String OLDEST_OVERDUE = """
            SELECT coalesce(min(r.started_at), 0) FROM provider_round r
            WHERE r.started_at < ? AND (r.after_id > 0
                OR EXISTS (SELECT 1 FROM orders o WHERE o.provider_id = r.provider_id AND o.stage = '%s'))""".formatted(Stage.SENT.name());
    static final String BY_PROVIDER = """
            SELECT p.id, p.name, (SELECT count(*) FROM orders o WHERE o.provider_id = p.id AND o.stage = ?), p.balance,
                   p.balance_currency
            FROM provider p ORDER BY p.id""";

    private final Database db;
    private final Fulfilment fulfilment; // null: no workers in this process
    private final Clock clock;
    private final long syncEveryMillis; // the status rounds' interval, whichever node runs them
    private final Supplier<String> currency; // the operator may change it at /admin/settings: see bindMoney
    private final long refreshMillis;

    private final Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    private final Map<Kind, Long> money = new EnumMap<>(Kind.class);
    // Prometheus' sample values are floating point: money is kept exact (micros, NUMERIC) and only turned into a double
    // here, for display; nothing computes with these figures.
    private volatile double syncLagSeconds;
    private MultiGauge failed, backoff, balance;
    private MeterRegistry registry;
    private final List<Meter> moneyMeters = new ArrayList<>();
    private String boundCurrency;
    private long refreshedAt = Long.MIN_VALUE / 2;

    public Figures(Database db, Fulfilment fulfilment, Clock clock, long syncEveryMillis, Supplier<String> currency, long refreshMillis) {
        this.db = db;
        this.fulfilment = fulfilment;
        this.clock = clock;
        this.syncEveryMillis = syncEveryMillis;
        this.currency = currency;
        this.refreshMillis = refreshMillis;
        for (Stage s : Stage.values()) stages.put(s, 0L);
        for (Kind k : Kind.values()) money.put(k, 0L);
    }

    synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (Stage s : Stage.values()) {
            Gauge.builder("opensmm.orders", this, f -> f.stage(s)).description("Orders in each fulfilment stage")
                    .tag("stage", s.name()).register(registry);
        }
        bindMoney();
        Gauge.builder("opensmm.fulfil.sync.lag", this, f -> f.syncLagSeconds).baseUnit("seconds")
                .description("How long the oldest order due for a status poll has been waiting past its time").register(registry);
        failed = MultiGauge.builder("opensmm.fulfil.failed.orders").description("Orders in FAIL waiting for the operator, by provider").register(registry);
        backoff = MultiGauge.builder("opensmm.provider.backoff").baseUnit("seconds")
                .description("How long this node still rests a provider that failed to answer (0: not resting)").register(registry);
        balance = MultiGauge.builder("opensmm.provider.balance").description("Our balance at each provider, as it last said").register(registry);
    }

    /** The money meters carry the currency as a tag: after the operator changes it they are registered again under it. */
    private void bindMoney() {
        String now = currency.get();
        moneyMeters.forEach(registry::remove);
        moneyMeters.clear();
        moneyMeters.add(counter(Kind.CHARGE, "charged", now));
        moneyMeters.add(counter(Kind.REFUND, "refunded", now));
        moneyMeters.add(counter(Kind.DEPOSIT, "deposited", now));
        moneyMeters.add(Gauge.builder("opensmm.money.adjusted", this, f -> f.amount(Kind.ADJUSTMENT)).description("Net of operators' adjustments")
                .tag("currency", now).register(registry));
        boundCurrency = now;
    }

    private Meter counter(Kind kind, String name, String currency) {
        return FunctionCounter.builder("opensmm.money.moved", this, f -> Math.abs(f.amount(kind)))
                .description("Money moved through the ledger since the panel began, by kind").tags("kind", name, "currency", currency)
                .register(registry);
    }

    private synchronized double stage(Stage s) { return stages.get(s); }

    private synchronized double amount(Kind k) { return money.get(k) / 1_000_000.0; }

    /** Counts again if the last count is older than the refresh interval; a failure leaves the last figures. */
    public synchronized void refresh() {
        long now = clock.millis();
        if (now - refreshedAt < refreshMillis) return;
        refreshedAt = now;
        try {
            if (!currency.get().equals(boundCurrency)) bindMoney();
            record PerProvider(long id, String name, long count, java.math.BigDecimal balance, String currency) {}
            List<PerProvider> providers = new ArrayList<>();
            db.read(tx -> {
                for (Stage s : Stage.values()) stages.put(s, 0L);
                tx.list(BY_STAGE, rs -> stages.put(Stage.valueOf(rs.getString(1)), rs.getLong(2)));
                tx.list(BY_KIND, rs -> money.put(Kind.valueOf(rs.getString(1)), rs.getLong(2)));
                long oldest = tx.one(OLDEST_OVERDUE, rs -> rs.getLong(1), now - syncEveryMillis).orElse(0L);
                syncLagSeconds = oldest == 0 ? 0 : (now - (oldest + syncEveryMillis)) / 1000.0;
                providers.addAll(tx.list(BY_PROVIDER, rs -> new PerProvider(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getString(5)), Stage.FAIL.name()));
                return null;
            });
            failed.register(providers.stream().map(f -> MultiGauge.Row.of(Tags.of("provider", f.name()), f.count())).toList(), true);
            Map<Long, Long> paused = fulfilment == null ? Map.of() : fulfilment.pausedUntil();
            backoff.register(providers.stream().map(f -> MultiGauge.Row.of(Tags.of("provider", f.name()),
                    Math.max(0, paused.getOrDefault(f.id(), 0L) - now) / 1000.0)).toList(), true);
            balance.register(providers.stream().filter(f -> f.balance() != null).map(f -> MultiGauge.Row.of(Tags.of("provider", f.name(),
                    "currency", f.currency() == null ? boundCurrency : f.currency()), f.balance().doubleValue())).toList(), true);
        } catch (RuntimeException e) {
            log.warn("metrics: database figures not refreshed: {}", e.toString());
        }
    }
}
