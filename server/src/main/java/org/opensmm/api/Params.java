package org.opensmm.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The request's fields, from the query string and the body (form, multipart or JSON object), the body winning
 * when a field comes twice. Anything unreadable is refused as "Incorrect request".
 */
public final class Params {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
        JSON.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** No field holds a number this long; the parser already caps a number's text at 1000 characters. */
    private static final int MAX_PLAIN_DIGITS = 1000;

    private final Map<String, String> fields;

    private Params(Map<String, String> fields) { this.fields = fields; }

    public static Params of(Map<String, String> fields) { return new Params(new HashMap<>(fields)); }

    /** {@code query} is the raw query string (may be null); {@code contentType} the header (may be null). */
    public static Params read(String query, String contentType, byte[] body) {
        var fields = new HashMap<String, String>();
        try {
            Form.decode(query, fields);
            if (body.length > 0) readBody(contentType, body, fields);
        } catch (Refusal r) {
            throw r;
        } catch (RuntimeException | java.io.IOException e) {
            throw new Refusal(Fixed.INCORRECT_REQUEST);
        }
        return new Params(fields);
    }

    public String get(String name) { return fields.get(name); }

    private static void readBody(String contentType, byte[] body, Map<String, String> into) throws java.io.IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            Multipart.decode(contentType, body, into);
        } else if (type.contains("json") || (!type.contains("form-urlencoded") && looksLikeJson(body))) {
            readJson(body, into);
        } else {
            // form-urlencoded, or a client that forgot the header: read it the way PHP would read a form
            Form.decode(new String(body, StandardCharsets.UTF_8).strip(), into);
        }
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            return b == '{';
        }
        return false;
    }

    /** A JSON object of scalars; arrays become lists ("orders": [1, 2] reads as "1,2"). */
    private static void readJson(byte[] body, Map<String, String> into) throws java.io.IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) throw new Refusal(Fixed.INCORRECT_REQUEST);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            if (v.isArray()) {
                String sep = e.getKey().equals("orders") || e.getKey().equals("refills") ? "," : "\n";
                var joined = new StringJoiner(sep);
                for (JsonNode item : v) joined.add(scalar(item));
                into.put(e.getKey(), joined.toString());
            } else {
                into.put(e.getKey(), scalar(v));
            }
        }
    }

    private static String scalar(JsonNode v) {
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        if (v.isNumber()) {
            java.math.BigDecimal d = v.decimalValue();
            // 1e999999999 is 11 characters of JSON and a billion digits in plain form: refuse before building it
            if (Math.abs((long) d.scale()) > MAX_PLAIN_DIGITS) throw new Refusal(Fixed.INCORRECT_REQUEST);
            return d.toPlainString();
        }
        if (v.isBoolean()) return v.booleanValue() ? "1" : "0";
        throw new Refusal(Fixed.INCORRECT_REQUEST);
    }
}
