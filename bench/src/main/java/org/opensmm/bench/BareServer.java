package org.opensmm.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.opensmm.api.Form;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The reference the issue names for {@code status} and {@code balance}: JDK {@code com.sun.net.httpserver} with nothing behind it.
 * Backlog 1024, one virtual thread per request (as HttpApi had on this server), reads and form-decodes the body with the panel's
 * {@link Form}, answers a fixed 120-byte JSON reply. What the panel reaches against this is what its own work costs.
 *
 * <p>The panel served on this stack until commit a41d346 moved HttpApi to Netty; {@link BareNettyServer} is the
 * reference for that stack. Both are measured, so the figures say which gap is the stack and which is the panel.
 *
 * <p>Usage: {@code BareServer [--port 0]}; prints {@code READY port=N}, serves until killed.
 */
public final class BareServer {
    /** 120 bytes, the size of a status reply with a long charge: ceilings.md measured the same shape. */
    static final byte[] REPLY = "{\"charge\":\"0.27819\",\"start_count\":\"3572\",\"status\":\"Partial\",\"remains\":\"157\",\"currency\":\"USD\",\"pad\":\"xxxxxxxxxxxxxxxxxx\"}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", (int) args.number("port", 0)), 1024);
        server.createContext("/", BareServer::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("READY port=" + server.getAddress().getPort() + " reply_bytes=" + REPLY.length);
        new CountDownLatch(1).await();
    }

    private static void serve(HttpExchange ex) {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(1 << 20);
            }
            var fields = Form.decode(new String(body, StandardCharsets.UTF_8).strip(), new HashMap<>());
            if (fields.get("action") == null) throw new IOException("no action"); // keeps the parse from being optimized away
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, REPLY.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(REPLY);
            }
        } catch (IOException e) {
            // client went away; wrk counts it
        }
    }
}
