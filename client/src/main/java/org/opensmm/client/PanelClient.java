package org.opensmm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A client of one panel that speaks API v2. Thread-safe: keep one per upstream panel. No method throws for remote
 * trouble; each returns an {@link Outcome}, and the multi-id methods return one per distinct id, in input order.
 */
public final class PanelClient implements AutoCloseable {

    /** PROTOCOL.md: at most 100 ids in one orders= / refills= list, else "Too many IDs". */
    public static final int MAX_IDS = 100;

    /** The reason of the {@link Outcome.NoReply} of an id the panel's multi reply left out. */
    public static final String MISSING = "missing from reply";

    /**
     * How the reason of a {@link Outcome.NoReply} begins when the panel did answer, but one entry of its reply holds a
     * number we will not read ("charge": "1e7000000"): that order's answer is broken, not the panel's connection.
     */
    public static final String UNREADABLE = "unreadable ";

    /**
     * The largest reply read: a big catalogue fits, and a panel streaming hundreds of megabytes costs us no more than
     * this per call in flight.
     */
    public static final int MAX_REPLY_BYTES = 8 << 20;

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final Upstream upstream;

    private PanelClient(Upstream upstream) {
        this.upstream = upstream;
    }

    /** With a 5s connect timeout and a 20s request timeout. */
    public static PanelClient of(URI apiUrl, String key) {
        return of(apiUrl, key, REQUEST_TIMEOUT);
    }

    /** {@code timeout} bounds each request; connecting is bounded by 5s or by {@code timeout} if shorter. */
    public static PanelClient of(URI apiUrl, String key, Duration timeout) {
        return of(apiUrl, key, timeout, MAX_REPLY_BYTES);
    }

    /** As above; a reply longer than {@code maxReplyBytes} is NoReply("reply too large"), read no further. */
    public static PanelClient of(URI apiUrl, String key, Duration timeout, int maxReplyBytes) {
        if (maxReplyBytes < 1) throw new IllegalArgumentException("maxReplyBytes must be positive: " + maxReplyBytes);
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (key == null || key.isBlank()) throw new IllegalArgumentException("key must not be blank");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        String scheme = apiUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("apiUrl must be http(s): " + apiUrl);
        }
        Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        return new PanelClient(new Upstream(apiUrl, key, connect, timeout, maxReplyBytes));
    }

    public Outcome<List<ServiceInfo>> services() {
        return upstream.post("services", Map.of()).flatMap(Replies::services);
    }

    /** Sends one order. A {@link Outcome.NoReply} means the order may exist upstream: do not resend it blindly. */
    public Outcome<Long> add(AddOrder order) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("service", String.valueOf(order.service()));
        fields.putAll(order.fields());
        return upstream.add(fields).flatMap(Replies::order);
    }

    public Outcome<OrderStatus> status(long order) {
        return upstream.post("status", Map.of("order", String.valueOf(order)))
                .flatMap(reply -> Replies.status(reply.json(), reply));
    }

    /** Polled with orders=1,2,3 in batches of {@value #MAX_IDS}. */
    public Map<Long, Outcome<OrderStatus>> statuses(Collection<Long> orders) {
        return batched("status", "orders", orders, null, null, Replies::status);
    }

    public Outcome<Long> refill(long order) {
        return upstream.post("refill", Map.of("order", String.valueOf(order)))
                .flatMap(reply -> Replies.refill(reply.json().path("refill"), reply));
    }

    /** One refill request per order, sent as orders=1,2,3 in batches of {@value #MAX_IDS}; Ok holds the refill id. */
    public Map<Long, Outcome<Long>> refills(Collection<Long> orders) {
        return batched("refill", "orders", orders, "order", "refill", Replies::refill);
    }

    public Outcome<RefillStatus> refillStatus(long refill) {
        return upstream.post("refill_status", Map.of("refill", String.valueOf(refill)))
                .flatMap(reply -> Replies.refillStatus(reply.json().path("status"), reply));
    }

    public Map<Long, Outcome<RefillStatus>> refillStatuses(Collection<Long> refills) {
        return batched("refill_status", "refills", refills, "refill", "status", Replies::refillStatus);
    }

    /** Ok(true) when the panel accepted the cancel request; the order turns Canceled later, once it confirms. */
    public Map<Long, Outcome<Boolean>> cancel(Collection<Long> orders) {
        return batched("cancel", "orders", orders, "order", "cancel", Replies::cancel);
    }

    public Outcome<Balance> balance() {
        return upstream.post("balance", Map.of()).flatMap(Replies::balance);
    }

    @Override
    public void close() {
        upstream.close();
    }

    private <T> Map<Long, Outcome<T>> batched(String action, String idsField, Collection<Long> ids, String idField,
                                              String valueField, BiFunction<JsonNode, Reply, Outcome<T>> read) {
        var distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.contains(null)) throw new IllegalArgumentException("ids must not contain null");
        var results = new LinkedHashMap<Long, Outcome<T>>();
        for (int from = 0; from < distinct.size(); from += MAX_IDS) {
            var batch = distinct.subList(from, Math.min(from + MAX_IDS, distinct.size()));
            results.putAll(batch(action, idsField, batch, idField, valueField, read));
        }
        return results;
    }

    /** One request for at most {@value #MAX_IDS} distinct ids; every id gets an outcome, in batch order. */
    <T> Map<Long, Outcome<T>> batch(String action, String idsField, List<Long> batch, String idField,
                                    String valueField, BiFunction<JsonNode, Reply, Outcome<T>> read) {
        if (batch.size() > MAX_IDS) throw new IllegalArgumentException(batch.size() + " ids, at most " + MAX_IDS);
        String list = batch.stream().map(String::valueOf).collect(Collectors.joining(","));
        Outcome<Reply> outcome = upstream.post(action, Map.of(idsField, list));
        Map<Long, JsonNode> byId = outcome instanceof Outcome.Ok<Reply>(Reply reply)
                ? Wire.perId(reply.json(), idField, valueField, batch)
                : Map.of();
        var results = new LinkedHashMap<Long, Outcome<T>>();
        for (Long id : batch) {
            // flatMap hands a whole-request error ("Invalid API key", "Too many IDs") or silence to every id alike.
            results.put(id, outcome.flatMap(reply -> {
                JsonNode entry = byId.get(id);
                return entry == null ? Outcome.noReply(MISSING, reply.raw()) : read.apply(entry, reply);
            }));
        }
        return results;
    }
}
