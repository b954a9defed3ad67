package org.opensmm.api;

import org.opensmm.account.Accounts;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.ledger.Money;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** The API v2 actions of PROTOCOL.md: reads fields, calls the services, writes the reply in the documents' shapes. */
public final class ApiV2 {
    static final int MAX_IDS = 100;
    /**
     * An id as the wire carries it: 1 to 18 digits (so it fits a long) without a leading zero, nothing else. One
     * spelling per id: "01" is malformed like "abc", so a reply never echoes an id other than as it was sent, and
     * "1,01" cannot act twice on one order.
     */
    public static boolean isId(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || (n > 1 && s.charAt(0) == '0')) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private final Accounts accounts;
    private final Catalog catalog;
    private final OrderService orders;
    private final Refills refills;
    private final RateLimit rateLimit;
    private final KeyFailures keyFailures;
    private final Supplier<String> currency; // the operator may change it at /admin/settings

    public ApiV2(Accounts accounts, Catalog catalog, OrderService orders, Refills refills, RateLimit rateLimit,
                 KeyFailures keyFailures, Supplier<String> currency) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.orders = orders;
        this.refills = refills;
        this.rateLimit = rateLimit;
        this.keyFailures = keyFailures;
        this.currency = currency;
    }

    /**
     * The reply body for one request from {@code client} (see {@link KeyFailures#client}); refusals of the whole
     * request are thrown: the domain's as {@link Refusal}, the API's own as {@link ApiRefusal}.
     */
    public String handle(Params p, String headerKey, String client) {
        int blocked = keyFailures.blockedFor(client);
        if (blocked > 0) throw new ApiRefusal(ApiError.TOO_MANY_REQUESTS, blocked);
        String key = p.get("key") != null ? p.get("key") : headerKey;
        var caller = accounts.caller(key);
        if (caller.isEmpty()) {
            if (key != null && !key.isBlank()) keyFailures.failed(client); // a guess; no key at all guesses nothing
            throw new ApiRefusal(ApiError.INVALID_KEY);
        }
        long who = caller.getAsLong();
        if (!rateLimit.allow(who)) throw new ApiRefusal(ApiError.TOO_MANY_REQUESTS);
        String action = p.get("action") == null ? "" : p.get("action").strip();
        return switch (action) {
            case "services" -> services(catalog.onSale(who));
            case "add" -> add(who, p);
            case "status" -> status(who, p);
            case "refill" -> refill(who, p);
            case "refill_status" -> refillStatus(who, p);
            case "cancel" -> cancel(who, p);
            case "balance" -> balance(accounts.balance(who), currency.get());
            default -> throw new Refusal(Fixed.INCORRECT_REQUEST);
        };
    }

    /*
     * The reply writers below are static and take domain values: ApiDocs runs them on samples, so the /api page's
     * example replies are these shapes, whatever they become.
     */

    static String services(List<Service> services) {
        var json = new Json().openList();
        for (Service s : services) {
            json.open().field("service", s.id()).field("name", s.name()).field("type", s.type().wire())
                    .field("category", s.category()).field("rate", s.rate().toWire())
                    .field("min", Long.toString(s.min())).field("max", Long.toString(s.max()))
                    .field("refill", s.refill()).field("cancel", s.cancel())
                    // PROTOCOL.md: importing panels read both; without "dripfeed" they import every service with drip-feed off
                    .field("dripfeed", s.dripFeed()).field("desc", s.description()).close();
        }
        return json.closeList().toString();
    }

    private String add(long who, Params p) {
        String service = p.get("service");
        if (service == null || !isId(service.strip())) throw new Refusal(Fixed.INCORRECT_REQUEST);
        return added(orders.add(who, Long.parseLong(service.strip()), p::get));
    }

    static String added(long order) { return new Json().open().field("order", order).close().toString(); }

    private String status(long who, Params p) {
        if (p.get("orders") != null) {
            List<String> ids = ids(p.get("orders"));
            return statuses(ids, orders.statuses(who, numeric(ids)), currency.get());
        }
        long id = single(p.get("order"), Fixed.INCORRECT_ORDER_ID);
        return orders.status(who, id).map(v -> orderStatus(new Json(), v, currency.get()).toString())
                .orElseThrow(() -> new Refusal(Fixed.INCORRECT_ORDER_ID));
    }

    /** One member per id asked, keyed by it: the order's status, or the error when it is not one of the caller's. */
    static String statuses(List<String> ids, Map<Long, OrderService.View> found, String currency) {
        var json = new Json().open();
        for (String id : ids) {
            json.key(id);
            OrderService.View v = isId(id) ? found.get(Long.parseLong(id)) : null;
            if (v == null) json.error(ErrorText.of(Fixed.INCORRECT_ORDER_ID));
            else orderStatus(json, v, currency);
        }
        return json.close().toString();
    }

    static Json orderStatus(Json json, OrderService.View v, String currency) {
        return json.open().field("charge", v.charge().toWire()).field("start_count", Long.toString(v.startCount()))
                .field("status", v.status().wire()).field("remains", Long.toString(v.remains()))
                .field("currency", currency).close();
    }

    private String refill(long who, Params p) {
        if (p.get("orders") != null) {
            return perId(p.get("orders"), "order", "refill", id -> refills.request(who, id), Fixed.INCORRECT_ORDER_ID);
        }
        long id = single(p.get("order"), Fixed.INCORRECT_ORDER_ID);
        return refillRequested(refills.request(who, id));
    }

    static String refillRequested(long refill) { return new Json().open().field("refill", Long.toString(refill)).close().toString(); }

    private String refillStatus(long who, Params p) {
        if (p.get("refills") != null) {
            List<String> ids = ids(p.get("refills"));
            return refillStatuses(ids, refills.ofCustomer(who, numeric(ids)));
        }
        long id = single(p.get("refill"), Fixed.REFILL_NOT_FOUND);
        Refills.Refill r = refills.ofCustomer(who, List.of(id)).get(id);
        if (r == null) throw new Refusal(Fixed.REFILL_NOT_FOUND);
        return refillStatus(r.status());
    }

    /** One entry per id asked: the refill's status, or the error when it is not one of the caller's. */
    static String refillStatuses(List<String> ids, Map<Long, Refills.Refill> found) {
        var json = new Json().openList();
        for (String id : ids) {
            Refills.Refill r = isId(id) ? found.get(Long.parseLong(id)) : null;
            json.open().key("refill").id(id).key("status");
            if (r == null) json.error(ErrorText.of(Fixed.REFILL_NOT_FOUND));
            else json.string(r.status().wire());
            json.close();
        }
        return json.closeList().toString();
    }

    static String refillStatus(Refills.State status) { return new Json().open().field("status", status.wire()).close().toString(); }

    /** {@code orders=9,2}, or {@code order=N} as a one-id list: the reply is always the list. */
    private String cancel(long who, Params p) {
        String list = p.get("orders") != null ? p.get("orders") : p.get("order");
        if (list == null) throw new Refusal(Fixed.INCORRECT_REQUEST);
        return perId(list, "order", "cancel", id -> {
            orders.cancel(who, id);
            return 1;
        }, Fixed.INCORRECT_ORDER_ID);
    }

    static String balance(Money balance, String currency) {
        return new Json().open().field("balance", balance.toWire()).field("currency", currency).close().toString();
    }

    /** A list reply with one entry per requested id: {"order": 1, "refill": 1} or {"order": 3, "refill": {"error": …}}. */
    static String perId(String raw, String idName, String resultName, LongFunction<Number> act, Fixed missing) {
        var json = new Json().openList();
        for (String id : ids(raw)) {
            json.open().key(idName).id(id).key(resultName);
            try {
                if (!isId(id)) throw new Refusal(missing);
                json.number(act.apply(Long.parseLong(id)).longValue());
            } catch (Refusal r) {
                json.error(ErrorText.of(r.reason()));
            }
            json.close();
        }
        return json.closeList().toString();
    }

    /** Comma-separated ids, spaces allowed, duplicates once, in request order; more than 100 is refused. */
    static List<String> ids(String raw) {
        var ids = new LinkedHashSet<String>();
        int given = 0;
        for (String part : raw.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) continue;
            if (++given > MAX_IDS) throw new ApiRefusal(ApiError.TOO_MANY_IDS);
            ids.add(id);
        }
        if (ids.isEmpty()) throw new Refusal(Fixed.INCORRECT_REQUEST);
        return new ArrayList<>(ids);
    }

    private static List<Long> numeric(List<String> ids) {
        return ids.stream().filter(ApiV2::isId).map(Long::parseLong).distinct().toList();
    }

    /** A single id field: missing is an incorrect request, malformed is the action's not-found error. */
    private static long single(String raw, Fixed notFound) {
        if (raw == null || raw.isBlank()) throw new Refusal(Fixed.INCORRECT_REQUEST);
        String id = raw.strip();
        if (!isId(id)) throw new Refusal(notFound);
        return Long.parseLong(id);
    }
}
