package org.opensmm.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.opensmm.db.Database;
import org.opensmm.fulfil.Dispatched;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.http.Timing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The panel's figures in Prometheus' text format at /metrics, through Micrometer: requests per front, route and API v2
 * action, dispatch outcomes, the database figures of {@link Figures}, the connection pool and the JVM. One registry per
 * panel (not Micrometer's global one), so two panels in one process keep their own.
 */
public final class Metrics implements AutoCloseable {
    /** Latency buckets: the protocol's calls take milliseconds; seconds mean trouble. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** Error texts are a fixed table plus numbers ("Quantity less than minimal 50"); past this many, new ones are dropped. */
    static final int MAX_ERROR_TEXTS = 100;
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final byte[] token; // null: loopback callers only
    private final Figures figures;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Timer> routes = new ConcurrentHashMap<>();
    private final Map<String, Timer> actions = new ConcurrentHashMap<>();

    public Metrics(Database db, Figures figures, String token) {
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.figures = figures;
        registry.config().meterFilter(MeterFilter.maximumAllowableTags("opensmm.api.errors", "error", MAX_ERROR_TEXTS, MeterFilter.deny()));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (db.dataSource() instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)); // hikaricp_connections_*
        }
        Gauge.builder("opensmm.db.waiting", db, Database::waiting)
                .description("Units of work waiting their turn for a database connection").register(registry);
        figures.bindTo(registry);
    }

    /** Every routed request's time, by front, route pattern and status: what {@code Routes.timing} takes. */
    public Timing timing() {
        return (route, status, nanos) -> routes.computeIfAbsent(route + ' ' + status, k -> Timer.builder("opensmm.http.requests")
                        .description("Requests served, by front, route pattern and HTTP status")
                        .tags("front", front(route), "route", route, "status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One API v2 request: its action, how long it took, and its error text when it was refused. */
    void action(String action, String error, long nanos) {
        String outcome = error == null ? "ok" : "error";
        actions.computeIfAbsent(action + ' ' + outcome, k -> Timer.builder("opensmm.api.requests")
                        .description("API v2 requests, by action and outcome (ok, or an {\"error\"} reply)")
                        .tags("action", action, "outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (error != null) {
            Counter.builder("opensmm.api.errors").description("API v2 error replies, by action and error text")
                    .tags("action", action, "error", error).register(registry).increment();
        }
    }

    /** Counts each add's outcome per provider: what {@code Fulfilment.onDispatch} takes. */
    public Dispatched dispatched() {
        return (provider, outcome) -> Counter.builder("opensmm.fulfil.dispatch")
                .description("Orders sent upstream (add), by provider and outcome")
                .tags("provider", provider, "outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /**
     * GET /metrics. Loopback callers read it as is; others only with the bearer token, and not at all when none is
     * set. A request a proxy forwarded (X-Forwarded-For, Forwarded, X-Real-IP) is not loopback's, wherever the proxy runs.
     */
    public Response scrape(Request request) {
        if (!local(request)) {
            if (token == null) {
                return Response.jsonError(403, "metrics are served to loopback only; set OPENSMM_METRICS_TOKEN to let others in");
            }
            String given = request.header("Authorization");
            if (given == null || !MessageDigest.isEqual(token, given.strip().getBytes(StandardCharsets.UTF_8))) {
                return Response.jsonError(401, "metrics need Authorization: Bearer OPENSMM_METRICS_TOKEN").with("WWW-Authenticate", "Bearer");
            }
        }
        figures.refresh();
        return Response.of(200, CONTENT_TYPE, registry.scrape());
    }

    static boolean local(Request request) {
        InetSocketAddress remote = request.remote();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
                && request.header("X-Forwarded-For") == null && request.header("Forwarded") == null && request.header("X-Real-IP") == null;
    }

    /** The front a route belongs to, by its first segment: api, adminapi, admin, health, metrics; the website's are "web". */
    static String front(String route) {
        int end = route.indexOf('/', 1);
        String first = end < 0 ? route.substring(1) : route.substring(1, end);
        return first.isEmpty() ? "web" : switch (first) {
            case "api", "adminapi", "admin", "health", "metrics" -> first;
            default -> "web";
        };
    }

    @Override public void close() {
        gc.close();
        registry.close();
    }
}
