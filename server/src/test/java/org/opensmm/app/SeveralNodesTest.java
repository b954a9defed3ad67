package org.opensmm.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.ApiKey;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production shape on one machine: two API nodes (OPENSMM_WORKERS=false) and one worker node, separate JVMs on one
 * PostgreSQL database, behind Debian's nginx balancing the two API nodes. Orders placed through nginx land on both;
 * an API node killed hard mid-load loses no acknowledged order; the worker node forwards them to a simulated provider;
 * a key regenerated or a customer disabled is refused by every node within the key cache's 2 s; a website session
 * started on one node is valid on the other and through nginx after the kill, and signing out on one ends it on all.
 */
class SeveralNodesTest {
    /** Accounts keeps key lookups this long; every node must refuse a changed key within it, plus a loaded machine's margin. */
    private static final Duration KEY_CACHE = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test void two_api_nodes_and_a_worker_behind_nginx_lose_nothing_when_one_is_killed() throws Exception {
        String url = TestDb.fresh();
        Path dir = Files.createTempDirectory("opensmm-nodes-");
        List<Process> nodes = new ArrayList<>();
        Process nginx = null;
        try (var wholesaler = TestPanel.start();
             Panel operator = Panel.open(Config.from(Map.of()).withDbUrl(url).withPoolSize(2).withSecret(TestPanel.SECRET))) {
            wholesaler.simulate(Simulator.Settings.fast());
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            var account = wholesaler.customer("100000");
            Provider p = operator.providers.add("wholesaler", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 4);
            operator.upstreamCatalog.importServices(p.id());
            long service = operator.mappings.createService(p.id(), operator.upstreamCatalog.services(p.id()).getFirst().service(),
                    PriceRule.Markup.parse("25"), false).service().id(); // 1.00 per 1000
            String aliceKey = ApiKey.generate().value();
            long alice = operator.accounts.create("alice", new ApiKey(aliceKey), Money.parse("100000")).customer().id();
            String bobKey = ApiKey.generate().value();
            long bob = operator.accounts.create("bob", new ApiKey(bobKey), Money.parse("10")).customer().id();
            String carolKey = ApiKey.generate().value();
            long carol = operator.accounts.create("carol", new ApiKey(carolKey), Money.parse("10")).customer().id();

            int api1 = freePort(), api2 = freePort(), worker = freePort(), front = freePort();
            nodes.add(node(url, api1, false, dir.resolve("api1.log")));
            nodes.add(node(url, api2, false, dir.resolve("api2.log")));
            nodes.add(node(url, worker, true, dir.resolve("worker.log")));
            for (int port : List.of(api1, api2, worker)) await("node on " + port + " up", Duration.ofSeconds(60), () -> healthy(port));
            nginx = nginx(dir, front, api1, api2);
            await("nginx up", Duration.ofSeconds(20), () -> healthy(front));
            URI viaNginx = api(front);

            // caches converge: each API node has bob's and carol's keys cached, then an operator changes them elsewhere
            for (int port : List.of(api1, api2)) {
                assertThat(call(api(port), bobKey, "balance").get("balance").asText()).isEqualTo("10");
                assertThat(call(api(port), carolKey, "balance").get("balance").asText()).isEqualTo("10");
            }
            long changed = System.nanoTime();
            operator.accounts.regenerateKey(new Actor.Cli("test"), bob);
            operator.accounts.setEnabled(new Actor.Cli("test"), carol, false);
            for (int port : List.of(api1, api2)) {
                await("old key refused on " + port, KEY_CACHE.plus(MARGIN), () -> refused(api(port), bobKey));
                await("disabled customer refused on " + port, KEY_CACHE.plus(MARGIN), () -> refused(api(port), carolKey));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(KEY_CACHE.plus(MARGIN));

            // website sessions live in the database: signed in on one node, signed in on the other
            operator.passwords.signUp("dave", "dave@example.com", "a long enough password");
            String dave = signIn(api1, "dave", "a long enough password");
            assertThat(signedIn(api2, dave)).isTrue();
            String erin = signIn(api2, "dave", "a long enough password");
            assertThat(signedIn(api1, erin)).isTrue();
            signOut(api1, erin);
            assertThat(signedIn(api2, erin)).isFalse();

            // load through nginx, one API node killed in the middle of it
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
            Set<String> refusals = ConcurrentHashMap.newKeySet();
            var stop = new AtomicBoolean();
            var sent = new AtomicInteger();
            try (var clients = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    clients.execute(() -> {
                        while (!stop.get()) {
                            int n = sent.incrementAndGet();
                            try {
                                var reply = HTTP.send(post(viaNginx, Map.of("key", aliceKey, "action", "add", "service", Long.toString(service),
                                        "link", "https://example.com/nodes/" + n, "quantity", "100")), HttpResponse.BodyHandlers.ofString());
                                String node = reply.headers().firstValue("X-Upstream").orElse("?");
                                if (reply.statusCode() != 200) continue; // 502 from nginx: the node died with it; not acknowledged
                                JsonNode json = TestPanel.JSON.readTree(reply.body());
                                if (json.has("order")) {
                                    acknowledged.add(json.get("order").asLong());
                                    servedBy.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                                } else {
                                    refusals.add(reply.body());
                                }
                            } catch (Exception e) {
                                refusals.add(e.toString());
                            }
                        }
                    });
                }
                await("both API nodes served orders", Duration.ofSeconds(60),
                        () -> acknowledged.size() >= 40 && servedBy.containsKey("127.0.0.1:" + api1) && servedBy.containsKey("127.0.0.1:" + api2));
                nodes.getFirst().destroyForcibly().waitFor(); // SIGKILL while requests are in flight through it
                int atKill = acknowledged.size();
                await("orders keep coming through the other node", Duration.ofSeconds(60), () -> acknowledged.size() >= atKill + 40);
                stop.set(true);
            }
            assertThat(refusals).isEmpty();
            assertThat(signedIn(front, dave)).isTrue(); // the node it began on is gone; the session is not
            assertThat(servedBy.get("127.0.0.1:" + api1).get()).isPositive();
            assertThat(servedBy.get("127.0.0.1:" + api2).get()).isPositive();

            // no acknowledged order lost, each charged once; the worker node forwards them and they complete upstream
            List<Long> orders = operator.db.read(tx -> tx.list("SELECT id FROM orders WHERE customer_id = ?", rs -> rs.getLong(1), alice));
            assertThat(orders).containsAll(acknowledged);
            assertThat(count(operator, "SELECT COUNT(*) FROM ledger_entry WHERE kind = 'CHARGE' AND customer_id = ?", alice)).isEqualTo(orders.size());
            assertThat(count(operator, "SELECT COUNT(*) FROM orders WHERE customer_id = ? AND charge <> 100000", alice)).isZero();
            await("every order completed through the worker node", Duration.ofSeconds(120),
                    () -> count(operator, "SELECT COUNT(*) FROM orders WHERE customer_id = ? AND stage = 'DONE' AND status = 'Completed'"
                            + " AND external_id IS NOT NULL", alice) == orders.size());
            assertThat(count(wholesaler.panel, "SELECT COUNT(*) FROM orders")).isEqualTo(orders.size());
            Money balance = operator.accounts.balance(alice);
            Money ledgerSum = operator.db.read(tx -> operator.ledger.sum(tx, alice));
            assertThat(ledgerSum).isEqualTo(balance);
            assertThat(balance).isEqualTo(Money.parse("100000").minus(new Money(orders.size() * 100_000L)));
        } finally {
            if (nginx != null) nginx.destroy(); // SIGTERM: nginx stops its worker too
            if (nginx != null && !nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) nginx.destroyForcibly();
            for (Process n : nodes) n.destroyForcibly().waitFor();
            TestDb.drop(url);
            TestDb.deleteTree(dir);
        }
    }

    /** A panel process on the shared database, as an operator starts one. */
    private static Process node(String url, int port, boolean workers, Path log) throws Exception {
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.opensmm.app.Main", "serve");
        pb.environment().putAll(Map.of("OPENSMM_DB_URL", url, "OPENSMM_PORT", Integer.toString(port),
                "OPENSMM_WORKERS", Boolean.toString(workers), "OPENSMM_SECRET", TestPanel.SECRET, "OPENSMM_RATE_LIMIT", "0",
                "OPENSMM_DB_POOL", "4", "OPENSMM_TICK_MS", "100", "OPENSMM_SYNC_MS", "300", "OPENSMM_UPSTREAM_TIMEOUT_MS", "5000"));
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * Debian's nginx with a config of its own under {@code dir}: pid, logs and temp files there, listening on loopback,
     * in the foreground as our child. README "Running in production" shows the same upstream block with TLS.
     */
    private static Process nginx(Path dir, int port, int api1, int api2) throws Exception {
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 256; }
                http {
                    access_log %1$s/nginx-access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream panel {
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=5s;
                        server 127.0.0.1:%4$d max_fails=1 fail_timeout=5s;
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        client_max_body_size 1m;
                        location / {
                            proxy_pass http://panel;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_next_upstream error timeout;
                            proxy_connect_timeout 2s;
                            add_header X-Upstream $upstream_addr always;
                        }
                    }
                }
                """.formatted(d, port, api1, api2));
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx"; // sbin: not on every PATH
        var pb = new ProcessBuilder(binary, "-p", d, "-e", d + "/nginx-error.log", "-c", d + "/nginx.conf");
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile())).start();
    }

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** Signs in on the website of the node at {@code port} as a browser does; the session cookie. */
    private static String signIn(int port, String user, String password) throws Exception {
        var form = page(port, "GET", "/login", null, null);
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var in = page(port, "POST", "/login", cookie, TestPanel.form(Map.of("csrf", csrf(form), "username", user, "password", password)));
        assertThat(in.statusCode()).isEqualTo(303);
        return in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static boolean signedIn(int port, String cookie) throws Exception {
        return page(port, "GET", "/orders", cookie, null).statusCode() == 200; // signed out: a redirect to /login
    }

    private static void signOut(int port, String cookie) throws Exception {
        var orders = page(port, "GET", "/orders", cookie, null);
        assertThat(page(port, "POST", "/logout", cookie, TestPanel.form(Map.of("csrf", csrf(orders)))).statusCode()).isEqualTo(303);
    }

    private static String csrf(HttpResponse<String> page) {
        var m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> page(int port, String method, String path, String cookie, String form) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI api(int port) { return URI.create("http://127.0.0.1:" + port + "/api/v2"); }

    private static HttpRequest post(URI api, Map<String, String> form) {
        return HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestPanel.form(form))).build();
    }

    private static JsonNode call(URI api, String key, String action) throws Exception {
        return TestPanel.JSON.readTree(HTTP.send(post(api, Map.of("key", key, "action", action)), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static boolean refused(URI api, String key) {
        try {
            return call(api, key, "balance").path("error").asText().equals("Invalid API key");
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static long count(Panel panel, String sql, Object... args) {
        return panel.db.read(tx -> tx.count(sql, args));
    }

    private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + limit + ": " + what);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
