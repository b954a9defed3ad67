package org.opensmm.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reply: status, content type, body, and rarely a header or two (Retry-After, Allow). The transport adds length,
 * keep-alive, nosniff and no-store to every one.
 */
public final class Response {
    public static final String JSON = "application/json; charset=utf-8";
    private static final String[] NO_HEADERS = {};
    private static final Response DROP = new Response(0, null, new byte[0], NO_HEADERS);

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final String[] headers; // name, value, name, value…

    private Response(int status, String contentType, byte[] body, String[] headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body, NO_HEADERS);
    }

    public static Response of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response json(int status, String json) { return of(status, JSON, json); }

    /** {"error": text}: every JSON front's refusal shape. */
    public static Response jsonError(int status, String text) {
        var out = new StringBuilder(text.length() + 12).append("{\"error\":\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return json(status, out.append("\"}").toString());
    }

    /**
     * No reply at all: the transport closes the connection. What a panel that dies mid-request looks like to its
     * client; the simulated provider acts it out.
     */
    public static Response drop() { return DROP; }

    /** This reply with one more header. */
    public Response with(String name, String value) {
        String[] more = Arrays.copyOf(headers, headers.length + 2);
        more[headers.length] = name;
        more[headers.length + 1] = value;
        return new Response(status, contentType, body, more);
    }

    public boolean dropped() { return this == DROP; }

    public int status() { return status; }

    public String contentType() { return contentType; }

    public byte[] body() { return body; }

    /** Extra headers as name, value pairs; empty for most replies. */
    String[] headers() { return headers; }

    /** The value of an extra header, or null. */
    public String header(String name) {
        for (int i = 0; i < headers.length; i += 2) if (headers[i].equalsIgnoreCase(name)) return headers[i + 1];
        return null;
    }

    public String text() { return new String(body, StandardCharsets.UTF_8); }
}
