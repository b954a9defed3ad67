package org.opensmm.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensmm.api.Form;
import org.opensmm.http.Request;
import org.opensmm.ledger.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One Admin API request's fields, read leniently (ADMIN-API.md "Lenient scalars"): query parameters, then a form or
 * JSON body over them (the body wins). Numbers may come as strings, id lists in three forms, booleans four ways; JSON
 * null is "not given". A malformed value is {@link Bad}, which the front answers with 400.
 */
final class Input {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_IDS = 1000;

    /** A field present but unreadable: 400 with this text. */
    static final class Bad extends RuntimeException {
        Bad(String text) { super(text, null, false, false); }
    }

    final ObjectNode fields;

    private Input(ObjectNode fields) { this.fields = fields; }

    static Input of(ObjectNode fields) { return new Input(fields); }

    static Input of(Request request) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (request.query() != null) Form.decode(request.query()).forEach(out::put);
        if (!"GET".equals(request.method()) && request.body().length > 0) {
            String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
            String text = request.text().strip();
            if (type.contains("json") || (!type.contains("x-www-form-urlencoded") && text.startsWith("{"))) {
                JsonNode body;
                try {
                    body = JSON.readTree(text);
                } catch (java.io.IOException e) {
                    throw new Bad("Incorrect request");
                }
                if (body != null && body.isObject()) out.setAll((ObjectNode) body);
                else if (body != null && !body.isNull() && !body.isMissingNode()) throw new Bad("Incorrect request");
            } else {
                Form.decode(text).forEach(out::put);
            }
        }
        return new Input(out);
    }

    JsonNode node(String name) {
        JsonNode n = fields.get(name);
        return n == null || n.isNull() ? null : n;
    }

    boolean has(String name) { return node(name) != null; }

    String string(String name) {
        JsonNode n = node(name);
        if (n == null) return null;
        if (n.isValueNode()) return n.asText();
        throw new Bad("Incorrect request");
    }

    /** An integer as a JSON number or a numeric string; null when absent or empty. */
    Long integer(String name) { return integer(node(name)); }

    static Long integer(JsonNode n) {
        if (n == null) return null;
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.asLong();
        if (n.isTextual()) {
            String t = n.asText().strip();
            if (t.isEmpty()) return null;
            if (t.matches("-?\\d{1,18}")) return Long.parseLong(t);
        }
        throw new Bad("Incorrect request");
    }

    long integer(String name, long fallback) {
        Long v = integer(name);
        return v == null ? fallback : v;
    }

    /** true/false, 1/0, "true"/"false", "1"/"0". */
    Boolean bool(String name) {
        JsonNode n = node(name);
        if (n == null) return null;
        if (n.isBoolean()) return n.asBoolean();
        String t = n.asText().strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            case "" -> null;
            default -> throw new Bad("Incorrect request");
        };
    }

    /** The first of {@code names} given, read as an id list: "1,2, 3", [1, "2"], or 7. Null when none is given. */
    List<Long> ids(String... names) {
        for (String name : names) {
            JsonNode n = node(name);
            if (n != null) return ids(n);
        }
        return null;
    }

    static List<Long> ids(JsonNode n) {
        var out = new LinkedHashSet<Long>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                Long v = integer(e);
                if (v != null) out.add(v);
            }
        } else if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                String t = part.strip();
                if (t.isEmpty()) continue;
                if (!t.matches("\\d{1,18}")) throw new Bad("Incorrect request");
                out.add(Long.parseLong(t));
            }
        } else {
            out.add(integer(n));
        }
        if (out.size() > MAX_IDS) throw new Bad("Incorrect request");
        return new ArrayList<>(out);
    }

    /** A comma list or array of words (statuses), lower-cased. */
    List<String> words(String... names) {
        for (String name : names) {
            JsonNode n = node(name);
            if (n == null) continue;
            var out = new ArrayList<String>();
            if (n.isArray()) for (JsonNode e : n) out.add(e.asText());
            else for (String part : n.asText().split(",")) out.add(part);
            return out.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        }
        return null;
    }

    /** A positive amount: number or decimal string with at most 5 decimals, or a Money-like object with "value". */
    static Money amount(JsonNode n) {
        if (n == null) throw new Bad("Incorrect amount");
        if (n.isObject()) return amount(n.get("value"));
        try {
            BigDecimal d = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().strip());
            d = d.stripTrailingZeros();
            if (d.signum() <= 0 || d.scale() > 5 || d.precision() - d.scale() > 12) throw new Bad("Incorrect amount");
            return Money.of(d);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Bad("Incorrect amount");
        }
    }

    int offset() { return (int) Math.max(0, Math.min(integer("offset", 0), Integer.MAX_VALUE)); }

    /** Default 100, at most 1000 (clamped, not refused); ≤ 0 is the default. */
    int limit() {
        long l = integer("limit", 100);
        return (int) (l <= 0 ? 100 : Math.min(l, 1000));
    }
}
