package org.opensmm.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The route table without a server: which handler a method and path reach, path parameters, 404 and 405. */
class RoutesTest {
    private static Handler says(String text) { return request -> Response.json(200, "\"" + text + "\""); }

    private static final Handler ORDER = request -> Response.json(200, "\"order " + request.param("id") + "\"");
    private static final Handler REFUND = request -> Response.json(200, "\"refund " + request.param("id") + " by " + request.param("staff") + "\"");

    private final Table table = new Routes()
            .front("/api/", Front.JSON)
            .get("/api/v2", says("v2 get")).post("/api/v2", says("v2 post"))
            .get("/health", says("ok"))
            .get("/adminapi/v2/orders/{id}", ORDER)
            .post("/admin/{staff}/orders/{id}/refund", REFUND)
            .get("/adminapi/v2/orders/export", says("export"))
            .table();

    /** What the server would answer: the handler's reply, or the front's 404 / 405. */
    private Response answer(String method, String target) {
        var request = Request.of(method, target);
        Route route = table.find(request);
        if (route == null) return table.front(request.path()).notFound();
        Handler h = route.handler(method);
        return h == null ? route.front.notAllowed(route.methods()) : h.handle(request);
    }

    @Test void an_exact_path_reaches_its_handler_by_method_and_ignores_the_query() {
        assertThat(answer("GET", "/api/v2?key=k&action=balance").text()).isEqualTo("\"v2 get\"");
        assertThat(answer("POST", "/api/v2").text()).isEqualTo("\"v2 post\"");
        assertThat(answer("GET", "/health").text()).isEqualTo("\"ok\"");
    }

    @Test void path_parameters_are_read_by_name() {
        assertThat(answer("GET", "/adminapi/v2/orders/42").text()).isEqualTo("\"order 42\"");
        assertThat(answer("POST", "/admin/7/orders/9/refund?x=1").text()).isEqualTo("\"refund 9 by 7\"");
    }

    @Test void an_exact_path_wins_over_a_pattern_that_also_fits() {
        assertThat(answer("GET", "/adminapi/v2/orders/export").text()).isEqualTo("\"export\"");
    }

    @Test void a_parameter_takes_exactly_one_non_empty_segment() {
        for (String path : List.of("/adminapi/v2/orders/", "/adminapi/v2/orders", "/adminapi/v2/orders/1/2", "/adminapi/v2/orders/1/",
                "/adminapi/v2/orders//1", "/adminapi/v2/order/1", "adminapi/v2/orders/1")) {
            assertThat(answer("GET", path).status()).as(path).isEqualTo(404);
        }
    }

    @Test void unknown_paths_are_404_and_a_trailing_slash_or_another_case_is_another_path() {
        for (String path : List.of("/", "/api/v2/", "/API/V2", "/api/v3", "/health/", "/api/v2%00")) {
            var reply = answer("GET", path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).isEqualTo(Response.JSON);
            assertThat(reply.text()).isEqualTo("{\"error\":\"Not found\"}");
        }
    }

    @Test void a_known_path_with_another_method_is_405_with_the_methods_it_has() {
        var reply = answer("DELETE", "/api/v2");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
        assertThat(answer("get", "/api/v2").status()).as("methods are exact").isEqualTo(405);
        assertThat(answer("HEAD", "/health").status()).as("HEAD is not GET").isEqualTo(405);
        assertThat(answer("GET", "/admin/7/orders/9/refund").status()).isEqualTo(405);
    }

    @Test void the_longest_front_prefix_words_the_errors_else_the_fallback() {
        Front api = new FrontSaying(418);
        var t = new Routes().front("/api/", Front.JSON).front("/api/v2", api).get("/api/v2", says("v2")).table();
        assertThat(t.front("/api/v2/anything").notFound().status()).isEqualTo(418);
        assertThat(t.front("/api/v1").notFound().status()).isEqualTo(404);
        assertThat(t.front("/elsewhere")).isSameAs(Front.JSON);
        assertThat(t.find(Request.of("GET", "/api/v2")).front).isSameAs(api);
    }

    @Test void a_failing_handler_is_answered_by_its_front_with_a_request_id() {
        var t = new Routes().get("/boom", request -> { throw new IllegalStateException("boom"); }).table();
        var request = Request.of("GET", "/boom");
        var reply = t.find(request).handler("GET").handle(request);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text()).isEqualTo("{\"error\":\"Internal error (request " + request.id() + ")\"}");
        assertThat(reply.header("Retry-After")).isEqualTo("1");
    }

    @Test void timing_hears_each_request_by_route_pattern_and_status() {
        var heard = new ArrayList<String>();
        var t = new Routes().get("/orders/{id}", ORDER).timing((route, status, nanos) -> heard.add(route + " " + status + " " + (nanos >= 0)))
                .table();
        var request = Request.of("GET", "/orders/5");
        t.find(request).handler("GET").handle(request);
        assertThat(heard).containsExactly("/orders/{id} 200 true");
    }

    @Test void a_route_registered_twice_is_a_wiring_mistake() {
        assertThatThrownBy(() -> new Routes().get("/x", says("a")).get("/x", says("b"))).isInstanceOf(IllegalArgumentException.class);
    }

    private record FrontSaying(int status) implements Front {
        @Override public Response malformed() { return Response.jsonError(status, "malformed"); }
        @Override public Response tooLarge() { return Response.jsonError(status, "too large"); }
        @Override public Response busy() { return Response.jsonError(status, "busy"); }
        @Override public Response notFound() { return Response.jsonError(status, "not found"); }
        @Override public Response notAllowed(java.util.Set<String> allowed) { return Response.jsonError(status, "not allowed"); }
        @Override public Response failed(long requestId) { return Response.jsonError(status, "failed"); }
    }
}
