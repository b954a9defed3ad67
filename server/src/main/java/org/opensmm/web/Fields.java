package org.opensmm.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A submitted form or a query string, decoded (application/x-www-form-urlencoded). Missing fields read as null. */
public record Fields(Map<String, String> values) {
    public static final Fields NONE = new Fields(Map.of());

    public static Fields decode(String encoded) {
        var out = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) return new Fields(out);
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                out.put(unescape(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : unescape(pair.substring(eq + 1)));
            } catch (IllegalArgumentException e) { // a malformed escape: that pair is ignored, as if not sent
            }
        }
        return new Fields(out);
    }

    /** A value as a query string carries it. */
    public static String encode(String s) { return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String unescape(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

    public String get(String name) { return values.get(name); }

    /** The value, or "" when missing: what a form field shows. */
    public String text(String name) { return values.getOrDefault(name, ""); }

    /** Null for a missing or blank value: how the order use case reads an empty field. */
    public String nonBlank(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    public int number(String name, int fallback) {
        String v = values.get(name);
        if (v == null || !v.strip().matches("\\d{1,6}")) return fallback;
        return Integer.parseInt(v.strip());
    }
}
