package org.opensmm.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.testing.TestPanel;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel's table on a real server: what the table itself answers, per front. */
class PanelRoutesTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    private TestPanel.Reply send(String method, String path) {
        return panel.send(HttpRequest.newBuilder(panel.api.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()), null);
    }

    @Test void api_v2_answers_a_method_it_does_not_take_as_an_incorrect_request_with_200() {
        for (String path : new String[] {"/api/v2", "/api/v2/"}) {
            var reply = send("PUT", path);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo(Response.JSON);
            assertThat(reply.body()).isEqualTo("{\"error\":\"Incorrect request\"}");
        }
    }

    @Test void unknown_paths_are_404_in_json_inside_the_api() {
        for (String path : new String[] {"/api/v3", "/api/v2/x"}) {
            var reply = send("GET", path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).isEqualTo("{\"error\":\"Not found\"}");
        }
    }

    @Test void unknown_paths_outside_the_api_are_the_website_s_404_page() {
        var reply = send("GET", "/nothing");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/html");
    }

    @Test void health_answers_get_and_head_and_other_methods_get_a_plain_405() {
        assertThat(send("GET", "/health").body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(send("HEAD", "/health").status()).isEqualTo(200);
        var post = panel.send(HttpRequest.newBuilder(panel.api.resolve("/health")).POST(HttpRequest.BodyPublishers.ofString("x")), "text/plain");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.contentType()).isEqualTo(Response.JSON);
        assertThat(post.json().path("error").asText()).isEqualTo("Method not allowed");
    }
}
