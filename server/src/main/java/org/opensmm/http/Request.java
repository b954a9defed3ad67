package org.opensmm.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request as a handler sees it: method, path (its parameters by the route's names), raw query, headers, body,
 * the peer. Built once per request on the event loop from what Netty parsed; nothing is decoded until asked for.
 */
public final class Request {
    private static final byte[] EMPTY = {};

    private final String method;
    private final String target; // as sent: path and query
    private final int queryAt;   // index of '?' in target, or -1
    private final HttpHeaders headers;
    private final byte[] body;
    private final InetSocketAddress remote;
    private final AtomicLong ids; // the server's request counter
    private long id;
    private String[] names, values; // path parameters, set by the table when a pattern matched

    Request(String method, String target, HttpHeaders headers, byte[] body, InetSocketAddress remote, AtomicLong ids) {
        this.method = method;
        this.target = target;
        this.queryAt = target.indexOf('?');
        this.headers = headers;
        this.body = body;
        this.remote = remote;
        this.ids = ids;
    }

    /** A request without a server: for tests and tools that call a route table directly. */
    public static Request of(String method, String target) {
        return new Request(method, target, new DefaultHttpHeaders(), EMPTY,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new AtomicLong());
    }

    /** The method exactly as sent: "GET", "POST"; "get" is another, unknown method. */
    public String method() { return method; }

    /** The path as sent, percent escapes and all, without the query. */
    public String path() { return queryAt < 0 ? target : target.substring(0, queryAt); }

    /** The raw query string after '?', or null. */
    public String query() { return queryAt < 0 ? null : target.substring(queryAt + 1); }

    /** A path parameter of the route's pattern ("{id}" → param("id")), as sent; null if the pattern has none such. */
    public String param(String name) {
        if (names != null) for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return values[i];
        return null;
    }

    /** The first value of a header (names are case-insensitive), or null. */
    public String header(String name) { return headers.get(name); }

    public String contentType() { return headers.get("Content-Type"); }

    /** The body's bytes (empty, never null); the same array on every call: do not change it. */
    public byte[] body() { return body; }

    /** The body as UTF-8 text. */
    public String text() { return new String(body, StandardCharsets.UTF_8); }

    public InetSocketAddress remote() { return remote; }

    /** This request's id in the server's logs, given when first asked for (most requests never need one). */
    public long id() {
        if (id == 0) id = ids.incrementAndGet();
        return id;
    }

    void params(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }
}
