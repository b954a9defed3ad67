package org.opensmm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns each action's JSON reply, or one id's entry of a multi reply, into a typed {@link Outcome}. */
final class Replies {

    private Replies() {}

    static Outcome<List<ServiceInfo>> services(Reply reply) {
        if (!reply.json().isArray()) return reply.unexpected();
        var services = new ArrayList<ServiceInfo>();
        for (JsonNode entry : reply.json()) {
            Long service = Wire.integer(entry.get("service"));
            BigDecimal rate = Wire.decimal(entry.get("rate"));
            Long min = Wire.integer(entry.get("min"));
            Long max = Wire.integer(entry.get("max"));
            if (service == null || rate == null || min == null || max == null) {
                return Outcome.noReply("unexpected service entry " + entry, reply.raw());
            }
            services.add(new ServiceInfo(service, textOr(entry.get("name")), textOr(entry.get("type")),
                    textOr(entry.get("category")), rate, min, max,
                    Wire.truthy(entry.get("refill")), Wire.truthy(entry.get("cancel")),
                    entry.hasNonNull("dripfeed") ? Wire.truthy(entry.get("dripfeed")) : null,
                    entry.get("desc") != null && entry.get("desc").isValueNode() ? textOr(entry.get("desc")) : ""));
        }
        return Outcome.ok(List.copyOf(services));
    }

    /**
     * {"order": 23501}; the id may also come as a string. A positive id means the order exists upstream, even beside an
     * "error" (sending it again would buy it twice). Anything else that names an order, or an error beside an id we
     * cannot use, is ambiguous: it may exist, so it is no reply. Only an error with no order at all is a refusal.
     */
    static Outcome<Long> order(Reply reply) {
        JsonNode node = reply.json().get("order");
        Long order = Wire.integer(node);
        if (order != null && order > 0) return Outcome.ok(order);
        String error = Wire.error(reply.json());
        if (node == null || node.isNull()) return error != null ? Outcome.rejected(error) : reply.unexpected();
        return Outcome.noReply("unusable order id " + clip(node.toString()) + (error == null ? "" : " beside error " + clip(error)), reply.raw());
    }

    /** One order's status: the whole single reply, or one value of the multi-status object. */
    static Outcome<OrderStatus> status(JsonNode entry, Reply reply) {
        if (entry.isTextual()) return Outcome.rejected(entry.asText()); // bare-string per-id error
        String error = Wire.error(entry);
        if (error != null) return Outcome.rejected(error);
        String raw = Wire.text(entry.get("status"));
        if (!entry.isObject() || raw == null) return reply.unexpected();
        for (String field : NUMBERS) {
            // a number we cannot read is no answer: treating it as left out would apply the rest of a broken entry
            if (Wire.malformed(entry.get(field))) return Outcome.noReply(PanelClient.UNREADABLE + field + " " + clip(entry.get(field).toString()), reply.raw());
        }
        return Outcome.ok(new OrderStatus(
                Wire.decimal(entry.get("charge")),
                Wire.integer(entry.get("start_count")),
                Status.parse(raw),
                Wire.integer(entry.get("remains")), // "Unknown" and other words become null
                Wire.text(entry.get("currency")),
                raw));
    }

    private static final List<String> NUMBERS = List.of("charge", "start_count", "remains");

    /** A refill id: "1" in the single reply, 1 in multi entries; a bare string that is not a number is the panel's error. */
    static Outcome<Long> refill(JsonNode value, Reply reply) {
        String error = Wire.error(value);
        if (error != null) return Outcome.rejected(error);
        Long refill = Wire.integer(value);
        if (refill != null) return Outcome.ok(refill);
        if (value.isTextual() && !value.asText().isBlank()) return Outcome.rejected(value.asText());
        return reply.unexpected();
    }

    /**
     * A refill's status. {@link RefillStatus} cannot carry text it does not know, and panels put bare-string errors
     * ("Refill not found") where the status goes, so unrecognised text is reported verbatim as Rejected.
     */
    static Outcome<RefillStatus> refillStatus(JsonNode value, Reply reply) {
        String error = Wire.error(value);
        if (error != null) return Outcome.rejected(error);
        String text = Wire.text(value);
        if (text == null || !value.isTextual()) return reply.unexpected();
        RefillStatus status = RefillStatus.parse(text);
        return status == RefillStatus.UNKNOWN ? Outcome.rejected(text) : Outcome.ok(status);
    }

    private static final Set<String> YES = Set.of("true", "ok", "success", "yes");

    /** {"cancel": 1}: accepted on any truthy value that is not an error; an explicit 0 or false is Ok(false). */
    static Outcome<Boolean> cancel(JsonNode value, Reply reply) {
        String error = Wire.error(value);
        if (error != null) return Outcome.rejected(error);
        if (value.isNull() || value.isContainerNode()) return reply.unexpected();
        if (value.isTextual()) {
            String t = value.asText().strip().toLowerCase(Locale.ROOT);
            Long n = Wire.integer(value);
            if (n != null) return Outcome.ok(n != 0);
            if (YES.contains(t)) return Outcome.ok(true);
            if (t.isEmpty() || t.equals("false")) return Outcome.ok(false);
            return Outcome.rejected(value.asText()); // bare-string per-id error
        }
        return Outcome.ok(Wire.truthy(value));
    }

    static Outcome<Balance> balance(Reply reply) {
        BigDecimal balance = Wire.decimal(reply.json().get("balance"));
        if (balance == null) return reply.unexpected();
        return Outcome.ok(new Balance(balance, Wire.text(reply.json().get("currency"))));
    }

    /** Enough of a hostile value to recognise it in a message. */
    static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String textOr(JsonNode node) {
        String text = Wire.text(node);
        return text == null ? "" : text;
    }
}
