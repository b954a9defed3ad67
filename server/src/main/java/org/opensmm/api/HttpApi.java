package org.opensmm.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.opensmm.api.ApiError.Fixed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP front: JDK server, one virtual thread per request. Every reply is JSON; unexpected failures are logged
 * with a request id and answered without a stack trace.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ApiV2 api;
    private final int maxBody;
    private final Semaphore inFlight;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile boolean closing;

    private HttpApi(HttpServer server, ApiV2 api, int maxBody, int maxInFlight) {
        this.server = server;
        this.api = api;
        this.maxBody = maxBody;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public static HttpApi start(String host, int port, ApiV2 api, int maxBody, int maxInFlight) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        var http = new HttpApi(server, api, maxBody, maxInFlight);
        server.createContext("/", http::serve);
        server.setExecutor(http.threads);
        server.start();
        return http;
    }

    /** Extra pages (web UI, health) mounted under their own path. */
    public void mount(String path, HttpHandler handler) { server.createContext(path, handler); }

    public int port() { return server.getAddress().getPort(); }

    private void serve(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/health")) {
                reply(ex, 200, "{\"status\":\"ok\"}");
            } else if (path.equals("/api/v2") || path.equals("/api/v2/")) {
                apiV2(ex);
            } else {
                reply(ex, 404, Json.errorReply("Not found"));
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("unexpected failure outside a request", e);
        }
    }

    private void apiV2(HttpExchange ex) throws IOException {
        if (closing || !inFlight.tryAcquire()) {
            ex.getResponseHeaders().add("Retry-After", "1");
            reply(ex, 503, Json.errorReply(ErrorText.of(Fixed.BUSY)));
            return;
        }
        try {
            String method = ex.getRequestMethod();
            if (!method.equals("POST") && !method.equals("GET")) throw new Refusal(Fixed.INCORRECT_REQUEST);
            byte[] body = readCapped(ex);
            Params params = Params.read(ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Content-Type"), body);
            reply(ex, 200, api.handle(params, ex.getRequestHeaders().getFirst("X-Api-Key")));
        } catch (Refusal r) {
            int status = switch (r.error()) {
                case Fixed.TOO_MANY_REQUESTS -> 429;
                case Fixed.REQUEST_TOO_LARGE -> 413;
                default -> 200; // many clients throw on non-2xx before reading the body
            };
            if (status == 429) ex.getResponseHeaders().add("Retry-After", "1");
            reply(ex, status, Json.errorReply(ErrorText.of(r.error())));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            long id = requestIds.incrementAndGet();
            log.error("request {} failed", id, e);
            ex.getResponseHeaders().add("Retry-After", "1");
            reply(ex, 503, Json.errorReply(ErrorText.of(Fixed.INTERNAL) + " (request " + id + ")"));
        } finally {
            inFlight.release();
        }
    }

    /** The body, refused past {@code maxBody} bytes without reading the rest. */
    private byte[] readCapped(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > maxBody) {
            throw new Refusal(Fixed.REQUEST_TOO_LARGE);
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) throw new Refusal(Fixed.REQUEST_TOO_LARGE);
            return body;
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", JSON_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops taking requests, lets the running ones finish (up to {@code graceSeconds}), then stops. */
    public void stop(int graceSeconds) {
        closing = true;
        server.stop(graceSeconds);
        threads.shutdown();
    }

    @Override public void close() { stop(1); }
}
