package org.opensmm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lenient reading of single JSON values as real panels send them: numbers as JSON numbers or strings ("0.90", 0.9),
 * booleans as true, 1 or "1", and per-id errors as {"error": ...} objects or bare strings.
 */
final class Wire {

    private Wire() {}

    /** The error a reply or entry carries, or null. Any truthy "error" counts: that is how clients read it. */
    static String error(JsonNode node) {
        if (node == null || !node.isObject()) return null;
        JsonNode error = node.get("error");
        if (!truthy(error)) return null;
        return error.isValueNode() ? error.asText() : error.toString();
    }

    static boolean truthy(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return false;
        if (node.isBoolean()) return node.booleanValue();
        if (node.isNumber()) return node.decimalValue().signum() != 0;
        if (node.isTextual()) {
            String t = node.asText().strip().toLowerCase(Locale.ROOT);
            return !(t.isEmpty() || t.equals("0") || t.equals("false") || t.equals("no") || t.equals("null"));
        }
        return !node.isEmpty();
    }

    /**
     * The longest number text we read. A long has 19 digits, money 18 + 18; a panel sending more is broken or hostile,
     * and "1e7000000" would cost gigabytes the moment anyone scales it, so such values are refused before any arithmetic.
     */
    static final int MAX_NUMBER_CHARS = 30;
    private static final Pattern PLAIN = Pattern.compile("[-+]?\\d{1,19}(\\.\\d{1,18})?");

    /**
     * Exact decimal from a JSON number or a numeric string; null when absent, blank, not a number ("Unknown") or out
     * of bounds (an exponent in text, more than 19 integer or 18 fraction digits): see {@link #malformed}.
     */
    static BigDecimal decimal(JsonNode node) {
        if (node == null) return null;
        if (node.isNumber()) return bounded(node.decimalValue());
        if (!node.isTextual()) return null;
        String t = node.asText().strip();
        if (t.length() > MAX_NUMBER_CHARS || !PLAIN.matcher(t).matches()) return null;
        return new BigDecimal(t);
    }

    /** JSON numbers arrive parsed (Jackson keeps 1e7000000 as an unscaled 1 and a scale): the digits are checked here. */
    private static BigDecimal bounded(BigDecimal d) {
        int integerDigits = d.precision() - d.scale();
        return integerDigits > 19 || d.scale() > 18 || d.precision() > MAX_NUMBER_CHARS ? null : d;
    }

    /** Present and meant as a number (it has digits), yet not one we read: "1e7000000", "12,5", a 400-digit id. */
    static boolean malformed(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || decimal(node) != null) return false;
        if (node.isNumber()) return true;
        return node.isTextual() && node.asText().chars().anyMatch(Character::isDigit);
    }

    /** A whole number from 50, "50" or "50.0"; null when absent, not a number, fractional or out of range. */
    static Long integer(JsonNode node) {
        BigDecimal d = decimal(node);
        if (d == null) return null;
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Stripped text of a scalar; null when absent, blank or a container. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || !node.isValueNode()) return null;
        String t = node.asText().strip();
        return t.isEmpty() ? null : t;
    }

    static Long id(String key) {
        try {
            return Long.valueOf(key.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The per-id values of a multi reply, which comes as an object keyed by id ("status") or as a list of
     * {idField: id, valueField: value} entries (refill, cancel, refill_status). An entry without valueField is kept
     * whole so that an {"error": ...} beside the id is seen. A one-id batch answered in the single-id form (some panels
     * treat "orders=5" like "order=5") counts as that id's entry.
     */
    static Map<Long, JsonNode> perId(JsonNode reply, String idField, String valueField, List<Long> batch) {
        var byId = new HashMap<Long, JsonNode>();
        if (reply.isArray()) {
            for (JsonNode entry : reply) {
                Long id = integer(entry.get(idField));
                if (id != null && !byId.containsKey(id)) byId.put(id, valueOf(entry, valueField));
            }
        } else if (reply.isObject()) {
            reply.properties().forEach(field -> {
                Long id = id(field.getKey());
                if (id != null) byId.put(id, valueOf(field.getValue(), valueField));
            });
            if (byId.isEmpty() && batch.size() == 1) byId.put(batch.getFirst(), valueOf(reply, valueField));
        }
        return byId;
    }

    private static JsonNode valueOf(JsonNode entry, String valueField) {
        if (valueField == null || !entry.isObject() || !entry.has(valueField)) return entry;
        return entry.get(valueField);
    }
}
