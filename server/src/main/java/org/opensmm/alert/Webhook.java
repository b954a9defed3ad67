package org.opensmm.alert;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Alerts as a JSON POST to a URL the operator chose. The body has {@code text} (what a chat shows), and {@code chat_id}
 * when one is set: that is the shape of Telegram's {@code https://api.telegram.org/bot<TOKEN>/sendMessage}, and other
 * chat bots and incident tools read {@code text} too. Any 2xx reply is delivered; anything else is tried again later.
 */
public final class Webhook implements Channel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String chatId;
    private final Duration timeout;
    private final HttpClient http;

    public Webhook(URI url, String chatId, Duration timeout) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException("the alert webhook must be an http(s) URL");
        this.url = url;
        this.chatId = chatId == null || chatId.isBlank() ? null : chatId.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override public String column() { return "posted_at"; }

    @Override public boolean delivered(Alert alert) { return alert.postedAt() != null; }

    @Override public void send(Alert alert) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        if (chatId != null) body.put("chat_id", chatId);
        body.put("text", "OpenSMM alert: " + alert.text());
        body.put("alert", alert.key());
        body.put("opened_at", Instant.ofEpochMilli(alert.openedAt()).toString());
        var reply = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.discarding());
        if (reply.statusCode() / 100 != 2) throw new IllegalStateException("webhook answered HTTP " + reply.statusCode());
    }
}
