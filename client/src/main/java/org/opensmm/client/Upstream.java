package org.opensmm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One API v2 endpoint: sends a form POST and sorts what comes back into a JSON {@link Reply}, the panel's error
 * ({@link Outcome.Rejected}) or no understandable reply ({@link Outcome.NoReply}).
 */
final class Upstream implements AutoCloseable {

    /** Money must stay exact: floats become BigDecimal with their scale ("0.90" stays 0.90), never binary floating point. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final URI url;
    private final String key;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxReplyBytes;
    private final HttpClient http;

    Upstream(URI url, String key, Duration connectTimeout, Duration requestTimeout, int maxReplyBytes) {
        this.url = url;
        this.key = key;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxReplyBytes = maxReplyBytes;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // A redirected POST may turn into a GET without its form; better to report the redirect.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome<Reply> post(String action, Map<String, String> fields) {
        return post(action, fields, false);
    }

    /** An add's reply: one that names an order is read by {@link Replies#order} even beside an "error". */
    Outcome<Reply> add(Map<String, String> fields) {
        return post("add", fields, true);
    }

    private Outcome<Reply> post(String action, Map<String, String> fields, boolean namesOrder) {
        var form = new LinkedHashMap<String, String>();
        form.put("key", key);
        form.put("action", action);
        form.putAll(fields);
        var request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "opensmm-client")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                .build();
        // The request timeout of HttpClient ends when the headers arrive; a panel that stalls mid-body would hang
        // us for ever, so the whole exchange is bounded here as well.
        var exchange = http.sendAsync(request, info -> new CappedBody(maxReplyBytes));
        try {
            var response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return read(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), namesOrder);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Outcome.noReply("timeout after " + seconds(requestTimeout), "");
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.noReply("interrupted", "");
        }
    }

    private Outcome<Reply> failed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) return Outcome.noReply("reply too large (over " + maxReplyBytes + " bytes)", "");
        }
        try {
            throw cause;
        } catch (HttpConnectTimeoutException e) {
            return Outcome.noReply("connect timeout after " + seconds(connectTimeout), "");
        } catch (HttpTimeoutException e) {
            return Outcome.noReply("timeout after " + seconds(requestTimeout), "");
        } catch (ConnectException e) {
            return Outcome.noReply("connection refused" + detail(e), "");
        } catch (IOException e) {
            return Outcome.noReply("I/O error" + detail(e), "");
        } catch (Throwable e) {
            return Outcome.noReply("failed: " + e, "");
        }
    }

    /**
     * Panels answer errors with HTTP 200 and {"error": ...}; 429 and other 4xx carry the same body. A 5xx means the
     * panel broke somewhere, possibly after doing the work, so even a JSON error there is no answer we can trust.
     */
    static Outcome<Reply> read(int status, String body) {
        return read(status, body, false);
    }

    static Outcome<Reply> read(int status, String body, boolean namesOrder) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("\uFEFF")) text = text.substring(1).strip(); // PHP panels sometimes emit a BOM
        if (status >= 500) return Outcome.noReply("HTTP " + status, body);
        if (text.isEmpty()) return Outcome.noReply("empty body (HTTP " + status + ")", "");
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String what = text.startsWith("<") ? "HTML page" : "not JSON";
            return Outcome.noReply(what + " (HTTP " + status + ")", body);
        }
        String error = Wire.error(json);
        boolean order = namesOrder && json.isObject() && json.hasNonNull("order");
        if (order && error != null && status / 100 != 2) return Outcome.noReply("HTTP " + status + " naming an order", body);
        if (order && status / 100 == 2) return Outcome.ok(new Reply(json, body)); // an order named beside an error: Replies.order decides
        if (error != null && (status / 100 == 2 || status / 100 == 4)) return Outcome.rejected(error);
        if (status / 100 != 2) return Outcome.noReply("HTTP " + status, body);
        return Outcome.ok(new Reply(json, body));
    }

    static String encode(Map<String, String> form) {
        var body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String detail(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
    }

    @Override
    public void close() {
        http.close();
    }
}
