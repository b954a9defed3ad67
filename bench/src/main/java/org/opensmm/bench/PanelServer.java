package org.opensmm.bench;

import org.opensmm.app.Panel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The panel under load: {@link Panel#start} in this JVM on a benchmark database, with {@code customers} customers
 * (keys {@code bench-key-1..N}) and one Default service. Before printing {@code READY} it calls its own API once per
 * action the run will load, so a broken reply fails the run instead of producing a fast, meaningless figure.
 *
 * <p>Usage: {@code PanelServer --db embedded:<dir>|postgres:<name> [--create] [--drop-on-exit] [--customers 1]
 * [--check add|read]}. Prints {@code READY port=P service=S order=O}; on SIGTERM prints {@code ORDERS total=N} and stops.
 */
public final class PanelServer {
    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        if (args.flag("create")) db.create();
        var panel = Panel.start(db.config());
        var fixture = BenchDb.setUp(panel, (int) args.number("customers", 1));

        long order = 0;
        if (args.string("check", "add").equals("add")) {
            String reply = call(panel.port(), "key=" + BenchDb.key(1) + "&action=add&service=" + fixture.serviceId()
                    + "&link=https%3A%2F%2Fbench.test%2Fcheck%2F" + System.nanoTime() + "&quantity=100");
            if (!reply.matches("\\{\"order\":\\d+}")) fail("add", reply);
            order = Long.parseLong(reply.replaceAll("\\D", ""));
            String status = call(panel.port(), "key=" + BenchDb.key(1) + "&action=status&order=" + order);
            if (!status.contains("\"status\":\"Pending\"")) fail("status", status);
        }
        String balance = call(panel.port(), "key=" + BenchDb.key(1) + "&action=balance");
        if (!balance.contains("\"balance\"")) fail("balance", balance);

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("ORDERS total=" + panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders")));
            } catch (RuntimeException e) {
                System.out.println("ORDERS unknown (" + e.getMessage() + ")");
            }
            panel.close();
            if (args.flag("drop-on-exit")) db.drop();
            stopped.countDown();
        }));
        System.out.println("READY port=" + panel.port() + " service=" + fixture.serviceId() + " order=" + order
                + " customers=" + fixture.customers().size() + " pool=" + panel.config.poolSize() + " db=" + db.spec);
        stopped.await();
    }

    static String call(int port, String form) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static void fail(String action, String reply) {
        System.out.println("FAILED " + action + " replied " + reply);
        System.exit(1);
    }
}
