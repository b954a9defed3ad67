package org.opensmm.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** application/x-www-form-urlencoded, as every published API v2 client sends it. */
public final class Form {
    private Form() {}

    /** Decodes into {@code into}; a later duplicate wins, as PHP's $_POST does. Malformed escapes throw. */
    public static Map<String, String> decode(String body, Map<String, String> into) {
        if (body == null || body.isEmpty()) return into;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            into.put(name, value);
        }
        return into;
    }

    public static Map<String, String> decode(String body) { return decode(body, new LinkedHashMap<>()); }

    public static String encode(Map<String, String> fields) {
        var out = new StringJoiner("&");
        fields.forEach((k, v) -> out.add(escape(k) + "=" + escape(v)));
        return out.toString();
    }

    private static String unescape(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
