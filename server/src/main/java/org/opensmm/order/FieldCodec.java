package org.opensmm.order;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How an order's type-specific fields (comments, usernames, posts, …) are stored in {@code orders.fields}: URL-encoded
 * {@code name=value} pairs joined by '&', in order. Rows written before this class existed read unchanged.
 */
public final class FieldCodec {
    private FieldCodec() {}

    public static String encode(Map<String, String> fields) {
        var out = new StringJoiner("&");
        fields.forEach((name, value) -> out.add(escape(name) + "=" + escape(value)));
        return out.toString();
    }

    /** The fields in stored order; null or "" is none. A malformed escape throws IllegalArgumentException. */
    public static Map<String, String> decode(String stored) {
        var fields = new LinkedHashMap<String, String>();
        if (stored == null || stored.isEmpty()) return fields;
        for (String pair : stored.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            fields.put(unescape(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : unescape(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static String escape(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String unescape(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
