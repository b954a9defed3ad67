package org.opensmm.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensmm.account.Customer;
import org.opensmm.account.Directory;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Order;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.Refills;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.ticket.Tickets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The Admin API's objects as ADMIN-API.md lists them, fields in its order, values in its JSON types. */
final class Views {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£");

    private final Supplier<String> currency; // the operator may change it at /admin/settings

    Views(Supplier<String> currency) { this.currency = currency; }

    /** {"value": "5.00", "currency_code": "USD", "formatted": "$5.00"}: 2 to 5 decimals, always a string. */
    ObjectNode money(Money m) { return money(m, currency.get()); }

    ObjectNode money(Money m, String currency) {
        BigDecimal d = m.toDecimal();
        if (d.scale() < 2) d = d.setScale(2, RoundingMode.UNNECESSARY);
        if (d.scale() > 5) d = d.setScale(5, RoundingMode.HALF_UP);
        String value = d.toPlainString();
        String symbol = SYMBOLS.get(currency);
        return F.objectNode().put("value", value).put("currency_code", currency)
                .put("formatted", symbol != null ? symbol + value : value + " " + currency);
    }

    static void time(ObjectNode o, String name, Long millis) {
        if (millis == null) {
            o.putNull(name);
            o.putNull(name + "_timestamp");
        } else {
            o.put(name, TIME.format(Instant.ofEpochMilli(millis)));
            o.put(name + "_timestamp", millis / 1000);
        }
    }

    /** pending, in_progress, …, and fail / error for an order waiting for the operator in FAIL. */
    static String status(OrderSearch.Found f) {
        Order o = f.order();
        if (o.stage() == Stage.FAIL && !o.status().finished()) return f.unknownOutcome() ? "error" : "fail";
        return wire(o.status());
    }

    static String wire(Status s) { return s.wire().toLowerCase(Locale.ROOT).replace(' ', '_'); }

    static String wire(Refills.State s) { return s.wire().toLowerCase(Locale.ROOT).replace(' ', '_'); }

    static boolean manual(Order o) { return o.providerId() == null && (o.stage() == Stage.MANUAL || o.stage() == Stage.DONE); }

    ObjectNode order(OrderSearch.Found f, boolean withResponse) {
        Order o = f.order();
        boolean open = !o.status().finished();
        String type = o.type().wire().toLowerCase(Locale.ROOT).replace(' ', '_');
        ObjectNode n = F.objectNode();
        n.put("id", o.id());
        n.put("external_id", o.externalId());
        n.put("user", f.user());
        n.put("creation_type", o.parentId() == null ? "api" : type.equals("subscriptions") ? "subscription" : "drip_feed_run");
        n.set("charge", money(o.finalCharge()));
        // what the provider reported it charged (StatusSync keeps it; 0: not reported, or a manual order), in its own
        // figures: the panel keeps no exchange rate, so both fields carry the same amount, the second in the currency
        // the provider reports its balance in
        if (f.upstreamCharge().isZero()) {
            n.putNull("provider_charge");
            n.putNull("provider_currency_charge");
        } else {
            n.set("provider_charge", money(f.upstreamCharge()));
            n.set("provider_currency_charge", money(f.upstreamCharge(), f.providerCurrency() == null ? currency.get() : f.providerCurrency()));
        }
        n.put("link", o.link() == null ? "" : o.link());
        if (o.startCount() == 0 && open) n.putNull("start_count"); else n.put("start_count", o.startCount());
        n.put("quantity", o.quantity());
        n.put("service_id", o.serviceId());
        n.put("service_type", type);
        n.put("service_name", f.serviceName());
        n.put("provider", f.provider());
        n.put("status", status(f));
        n.put("remains", o.remains());
        n.put("is_autocomplete", false);
        n.put("is_active_autocomplete", false);
        time(n, "created", o.createdAt());
        time(n, "last_update", o.updatedAt());
        n.put("mode", manual(o) ? "manual" : "auto");
        n.putNull("ip_address");
        ArrayNode buttons = F.arrayNode();
        var text = new StringBuilder();
        o.fields().forEach((k, v) -> {
            if (v == null || v.isEmpty()) return;
            if (!text.isEmpty()) text.append('\n');
            text.append(v);
            ArrayNode data = F.arrayNode();
            for (String line : v.split("\\R")) if (!line.isBlank()) data.add(line);
            buttons.addObject().put("title", Character.toUpperCase(k.charAt(0)) + k.substring(1).replace('_', ' '))
                    .put("service_type", type).put("type", "textarea").set("user_data", data);
        });
        if (text.isEmpty()) n.putNull("comments"); else n.put("comments", text.toString());
        n.set("order_buttons", buttons);
        CancelState c = o.cancelState();
        boolean cancelOpen = c == CancelState.REQUESTED || c == CancelState.FORWARDING || c == CancelState.FORWARDED || c == CancelState.DONE;
        n.putObject("actions")
                .put("refill", o.status() == Status.COMPLETED || o.status() == Status.PARTIAL)
                .put("resend", open && o.stage() == Stage.FAIL && o.externalId() == null)
                .put("request_cancel", open && !cancelOpen)
                .put("cancel_and_refund", open)
                .put("edit_link", open)
                .put("set_partial", open);
        if (withResponse) n.put("provider_response", o.providerError());
        return n;
    }

    ObjectNode refill(Refills.Refill r, OrderSearch.Found f) {
        Order o = f.order();
        ObjectNode n = F.objectNode();
        n.put("id", r.id()).put("order_id", r.orderId()).put("status", wire(r.status())).put("user", f.user())
                .put("link", o.link() == null ? "" : o.link()).put("quantity", o.quantity()).put("service_id", o.serviceId())
                .put("service_name", f.serviceName()).put("start_count", o.startCount()).put("remains", o.remains());
        time(n, "created", r.createdAt());
        return n;
    }

    ObjectNode userRef(long id, String name) { return F.objectNode().put("id", id).put("username", name); }

    /** {@code unconfirmed}: enabled, with an email whose link was never followed; a disabled customer is suspended. */
    ObjectNode user(Directory.User u) {
        Customer c = u.customer();
        ObjectNode n = F.objectNode();
        n.put("id", c.id()).put("username", c.name()).put("email", u.email());
        n.set("balance", money(c.balance()));
        n.set("spent", money(u.spent()));
        n.put("status", !c.enabled() ? "suspended" : u.email() != null && !u.verified() ? "unconfirmed" : "active");
        time(n, "created", c.createdAt());
        time(n, "last_auth", u.lastAuth());
        return n;
    }

    ObjectNode ticket(Tickets.Ticket t) {
        ObjectNode n = F.objectNode();
        n.put("id", t.id()).put("user", t.user()).put("subject", t.subject()).put("status", t.status().wire());
        time(n, "created", t.createdAt());
        time(n, "last_update", t.updatedAt());
        return n;
    }

    ObjectNode message(Tickets.Message m) {
        ObjectNode n = F.objectNode();
        n.put("id", m.id()).put("message", m.message()).put("is_staff", m.staff()).put("staff_name", m.staffName());
        time(n, "created", m.createdAt());
        return n;
    }
}
