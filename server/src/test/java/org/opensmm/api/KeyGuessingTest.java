package org.opensmm.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.testing.TestPanel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.api.HttpHardeningTest.exchange;
import static org.opensmm.api.HttpHardeningTest.post;

/** Unknown API keys cost the address that sends them: past 20 a minute it is refused before any lookup. */
class KeyGuessingTest {
    static TestPanel panel;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withFront(c.front().withKeyFailuresPerMinute(20)));
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void a_thousand_unknown_keys_from_one_address_get_429_early_and_then_its_valid_key_waits_too() throws Exception {
        var alice = panel.customer("4");
        var http = HttpClient.newHttpClient();
        int firstRefused = -1;
        int invalid = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 1000; i++) {
            var reply = http.send(form("key=" + UUID.randomUUID() + "&action=balance"), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 429) {
                if (firstRefused < 0) {
                    firstRefused = i;
                    refused = reply;
                }
            } else {
                assertThat(reply.body()).isEqualTo("{\"error\":\"Invalid API key\"}");
                invalid++;
            }
        }
        assertThat(firstRefused).as("first 429").isBetween(20, 99); // the burst of 20, then refused
        assertThat(invalid).as("keys looked up").isLessThan(100);
        assertThat(refused.body()).isEqualTo("{\"error\":\"Too many requests\"}");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 3); // 60 s / 20

        var valid = http.send(form("key=" + alice.key() + "&action=balance"), HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).isEqualTo(429);
        assertThat(valid.headers().firstValue("Retry-After")).isPresent();

        // another address is not held up by this one's guesses (127.0.0.2 is loopback too on Linux)
        try (var other = new Socket()) {
            other.bind(new InetSocketAddress("127.0.0.2", 0));
            other.connect(new InetSocketAddress("127.0.0.1", panel.panel.port()), 5000);
            other.setSoTimeout(15_000);
            assertThat(exchange(other, post("key=" + alice.key() + "&action=balance", ""))).startsWith("HTTP/1.1 200").contains("\"balance\":\"4\"");
        }
    }

    @Test void a_key_that_works_is_never_counted_as_a_guess() throws IOException, InterruptedException {
        var bob = panel.customer("1");
        try (var other = new Socket()) {
            other.bind(new InetSocketAddress("127.0.0.3", 0));
            other.connect(new InetSocketAddress("127.0.0.1", panel.panel.port()), 5000);
            other.setSoTimeout(15_000);
            for (int i = 0; i < 100; i++) {
                assertThat(exchange(other, post("key=" + bob.key() + "&action=balance", ""))).startsWith("HTTP/1.1 200");
            }
        }
    }

    private static HttpRequest form(String body) {
        return HttpRequest.newBuilder(panel.api).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
