package org.opensmm.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the simulated gateways share: posting a callback to the panel, remembering what the panel answered (tests check
 * that a stale callback was acknowledged, a forged one refused), and answering their own HTTP requests.
 */
final class Deliveries {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    /** Posts {@code body} to {@code url} with the header pairs given; the HTTP status, 0 when unreachable. */
    int post(String url, String contentType, String body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        int status;
        try {
            status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        answers.add(status);
        return status;
    }

    /** The panel's answers to every callback posted so far, in order. */
    List<Integer> answers() { return List.copyOf(answers); }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, status == 303 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 303) ex.getResponseBody().write(bytes);
    }
}
