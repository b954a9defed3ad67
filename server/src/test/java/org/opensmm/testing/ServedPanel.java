package org.opensmm.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code opensmm serve} run by the real Main in a child process, as an operator starts it: on a data folder of its own
 * (its embedded PostgreSQL, even when the run's tests use another server) and a free loopback port. Its stdout and
 * stderr go to files beside the data folder, for tests that read what it printed.
 */
public final class ServedPanel implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Process process;
    public final int port;
    public final Path stdout, stderr;

    private ServedPanel(Process process, int port, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code opensmm serve --port P args…} on {@code data} with {@code env} added; does not wait for it. */
    public static ServedPanel start(Path data, Map<String, String> env, String... args) throws IOException {
        int port = freePort();
        // the shipped logging setup, not the tests' quiet logback-test.xml that the test class path also holds
        var shipped = ServedPanel.class.getClassLoader().getResource("logback.xml");
        if (shipped == null) throw new IllegalStateException("no logback.xml on the class path");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + shipped.toExternalForm(),
                "-cp", System.getProperty("java.class.path"), "org.opensmm.app.Main", "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(name -> name.startsWith("OPENSMM_")); // only what the test says
        pb.environment().putAll(Map.of("OPENSMM_DATA", data.toString(), "OPENSMM_RATE_LIMIT", "0", "OPENSMM_SECRET", TestPanel.SECRET));
        pb.environment().putAll(env);
        Path out = data.resolveSibling(data.getFileName() + "-" + port + ".out");
        Path err = data.resolveSibling(data.getFileName() + "-" + port + ".err");
        return new ServedPanel(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), port, out, err);
    }

    /** Waits (at most 60 s) until GET /health answers 200. */
    public ServedPanel awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the panel exited with " + process.exitValue() + "; its stderr: " + read(stderr));
            try {
                if (get("/health").statusCode() == 200) return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the panel did not come up within 60 s; its stderr: " + read(stderr));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs an API v2 form and parses the reply. */
    public JsonNode call(String key, String... nameValues) throws IOException, InterruptedException {
        return call(port, key, nameValues);
    }

    public static JsonNode call(int port, String key, String... nameValues) throws IOException, InterruptedException {
        var fields = new LinkedHashMap<String, String>();
        fields.put("key", key);
        for (int i = 0; i < nameValues.length; i += 2) fields.put(nameValues[i], nameValues[i + 1]);
        var reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestPanel.form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        return TestPanel.JSON.readTree(reply.body());
    }

    /** SIGTERM (the panel's shutdown hook closes it and its database server), SIGKILL after 30 s. */
    @Override public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The embedded server a killed panel left running on {@code data}: stopped, so no test leaves a process behind. */
    public static void stopLeftovers(Path data) throws IOException {
        Path pidFile = data.resolve("postgres").resolve("data").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
