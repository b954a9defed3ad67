package org.opensmm.http;

import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table as wiring writes it, one line a route, read top to bottom:
 * <pre>{@code
 * new Routes(api)                                  // words for paths no front claims
 *         .front("/api/", api)                     // /api/*: 404, 405, 503… in API v2's JSON
 *         .post("/api/v2", api)
 *         .get("/health", health)
 *         .get("/adminapi/v2/orders/{id}", adminApi.orders::one);
 * }</pre>
 * A pattern is matched segment by segment, as sent (no decoding); {@code {name}} takes one non-empty segment, read
 * with {@link Request#param}. A path with a trailing slash is another path. Methods are exact: HEAD is not GET.
 * Every handler is wrapped as it enters the table: failures answered by its front with a request id, then timing.
 */
public final class Routes {
    record Entry(String method, String pattern, Handler handler) {}

    private final Front fallback;
    private final Map<String, Front> fronts = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private Timing timing = Timing.NONE;
    private Access access = Access.NONE;
    private Predicate<Throwable> overloaded = e -> false;

    /** A table whose unclaimed paths are answered in plain JSON ({@link Front#JSON}). */
    public Routes() { this(Front.JSON); }

    /** @param fallback the words for paths no {@link #front} claims, and for requests too malformed to have one */
    public Routes(Front fallback) { this.fallback = fallback; }

    /** Paths starting with {@code prefix} are {@code front}'s: it words their errors; the longest prefix wins. */
    public Routes front(String prefix, Front front) {
        if (!prefix.startsWith("/")) throw new IllegalArgumentException("a prefix starts with /: " + prefix);
        fronts.put(prefix, front);
        return this;
    }

    public Routes get(String pattern, Handler handler) { return route("GET", pattern, handler); }

    public Routes post(String pattern, Handler handler) { return route("POST", pattern, handler); }

    public Routes put(String pattern, Handler handler) { return route("PUT", pattern, handler); }

    public Routes delete(String pattern, Handler handler) { return route("DELETE", pattern, handler); }

    public Routes route(String method, String pattern, Handler handler) {
        if (!pattern.startsWith("/")) throw new IllegalArgumentException("a pattern starts with /: " + pattern);
        for (Entry e : entries) {
            if (e.method().equals(method) && e.pattern().equals(pattern)) throw new IllegalArgumentException("twice: " + method + " " + pattern);
        }
        entries.add(new Entry(method, pattern, handler));
        return this;
    }

    /** Tells {@code timing} how long each request took, by route pattern. */
    public Routes timing(Timing timing) {
        this.timing = timing;
        return this;
    }

    /** Tells {@code access} each request with its reply: the access log, per-action figures. */
    public Routes access(Access access) {
        this.access = access;
        return this;
    }

    /**
     * Which failures mean "overloaded" (e.g. no database connection came free in time): answered as the front's busy
     * reply (503, Retry-After) with one log line, not as an internal failure with a stack trace.
     */
    public Routes overloaded(Predicate<Throwable> when) {
        this.overloaded = when;
        return this;
    }

    /** The table to serve from; this builder may go on changing without touching it. */
    Table table() { return new Table(fallback, fronts, entries, timing, access, overloaded); }
}
