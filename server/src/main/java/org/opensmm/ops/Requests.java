package org.opensmm.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensmm.http.Access;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Each routed request once more after its reply: one access log line (logger "access") and, for API v2, the
 * per-action figures. The line holds method, path (never the query: keys travel there), API v2 action, status,
 * milliseconds, request id and client address; never a key, a password, a form field or a header's value.
 */
public final class Requests implements Access {
    static final Logger log = LoggerFactory.getLogger("access");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("services", "add", "status", "refill", "refill_status", "cancel", "balance");
    /** An internal failure's text names its request id: one figure per failure would be a series per request. */
    private static final Pattern REQUEST_ID = Pattern.compile(" \\(request \\d+\\)$");

    private final Metrics metrics;
    private final Function<Request, String> action; // API v2's reading of the action field; may throw on a malformed body

    public Requests(Metrics metrics, Function<Request, String> action) {
        this.metrics = metrics;
        this.action = action;
    }

    @Override public void served(Request request, String route, Response response, long nanos) {
        String act = null;
        if (route.startsWith("/api/")) {
            act = actionOf(request);
            metrics.action(act, response.dropped() ? "no reply" : error(response), nanos);
        }
        if (!log.isInfoEnabled()) return;
        int status = response.dropped() ? 0 : response.status();
        String path = Visible.text(request.path());
        String client = request.remote() == null ? "-" : request.remote().getAddress().getHostAddress();
        String ms = (nanos / 1_000_000) + "." + (nanos / 100_000 % 10); // tenths (cut, not rounded): no Formatter per line
        var line = log.atInfo().addKeyValue("method", request.method()).addKeyValue("path", path);
        if (act != null) line = line.addKeyValue("action", act);
        line.addKeyValue("status", status).addKeyValue("ms", ms).addKeyValue("request", request.id()).addKeyValue("client", client)
                .log("{} {}{} {} {}ms request={} client={}", Visible.text(request.method()), path, act == null ? "" : " action=" + act,
                        status, ms, request.id(), client);
    }

    private String actionOf(Request request) {
        try {
            String a = action.apply(request);
            if (a == null || a.isBlank()) return "none";
            a = a.strip();
            return ACTIONS.contains(a) ? a : "other";
        } catch (RuntimeException unreadable) {
            return "unreadable";
        }
    }

    /** The text of a whole-request {"error": …} reply, or null. */
    static String error(Response response) {
        byte[] body = response.body();
        if (body.length < 10 || body.length > 4096 || body[0] != '{' || body[1] != '"' || body[2] != 'e') return null;
        try {
            JsonNode error = JSON.readTree(body).get("error");
            return error == null || !error.isTextual() ? null : REQUEST_ID.matcher(error.asText()).replaceFirst("");
        } catch (IOException e) {
            return null;
        }
    }

    /** Control characters as escapes: a path cannot forge a second log line. */
    static final class Visible {
        static String text(String s) {
            StringBuilder out = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    if (out == null) out = new StringBuilder(s.substring(0, i));
                    out.append(String.format("\\x%02x", (int) c));
                } else if (out != null) out.append(c);
            }
            return out == null ? s : out.toString();
        }
    }
}
