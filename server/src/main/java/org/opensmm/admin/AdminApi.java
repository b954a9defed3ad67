package org.opensmm.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.Staff;
import org.opensmm.api.Form;
import org.opensmm.api.RateLimit;
import org.opensmm.http.Front;
import org.opensmm.http.Handler;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The Admin API v2's transport (ADMIN-API.md): the envelope, error codes and HTTP statuses, the key (header or
 * {@code apikey}), the per-key rate limit, CORS, and each endpoint's permission. The endpoints themselves
 * ({@link AdminEndpoints}) only translate to use cases.
 */
public final class AdminApi implements Front {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    /** An error reply: HTTP status, error_code and the text, all from the table of ADMIN-API.md "Envelope". */
    static final class Failure extends RuntimeException {
        final int http;
        final int code;

        Failure(int http, int code, String text) {
            super(text, null, false, false);
            this.http = http;
            this.code = code;
        }
    }

    // The texts of the envelope table: wire contract, in one place.
    static final String PAGE_NOT_FOUND = "Page not found.";
    static final String ORDER_NOT_FOUND = "Order not found.";
    static final String USER_NOT_FOUND = "User not found.";
    static final String TICKET_NOT_FOUND = "Ticket not found.";
    static final String REFILL_NOT_FOUND = "Refill not found.";
    static final String INVALID_KEY = "Invalid API key";
    static final String INCORRECT_REQUEST = "Incorrect request";
    static final String INCORRECT_AMOUNT = "Incorrect amount";
    static final String STATUS_FINAL = "Order status cannot be changed";
    static final String REMAINS_NOT_ALLOWED = "Remains update is not allowed";
    static final String TOO_MANY = "Too many requests";
    static final String INTERNAL = "Internal error";
    static final String NOT_PERMITTED = "This key's role does not allow this action";

    static Failure notFound(String text) { return new Failure(404, 100, text); }
    static Failure bad(String text) { return new Failure(400, 102, text); }
    static Failure state(String text) { return new Failure(400, 103, text); }

    /** One authenticated call: its fields, and the staff key it came with. */
    record Call(Request request, Input in, Staff.Caller caller) {}

    interface Endpoint { Response serve(Call call); }

    private final Staff staff;
    private final RateLimit rateLimit;
    private final boolean cors;

    public AdminApi(Staff staff, int perSecond, boolean cors) {
        this.staff = staff;
        this.rateLimit = new RateLimit(perSecond);
        this.cors = cors;
    }

    /** The handler of one endpoint: key, rate limit, permission, then the endpoint; every failure in the envelope. */
    Handler endpoint(Permission needed, Endpoint endpoint) {
        return request -> {
            try {
                String key = request.header("X-Api-Key");
                if (key == null || key.isBlank()) key = queryKey(request);
                var caller = staff.caller(key).orElseThrow(() -> new Failure(401, 101, INVALID_KEY));
                if (!rateLimit.allow(caller.keyId())) throw new Failure(429, 104, TOO_MANY);
                if (!caller.member().role().may(needed)) throw new Failure(403, 106, NOT_PERMITTED);
                return headers(endpoint.serve(new Call(request, Input.of(request), caller)));
            } catch (Failure f) {
                return error(f.http, f.code, f.getMessage());
            } catch (Input.Bad b) {
                return error(400, 102, b.getMessage());
            } catch (Refused r) {
                return error(400, 103, r.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Admin API request {} {} failed (request {})", request.method(), request.path(), request.id(), e);
                return failed(request.id());
            }
        };
    }

    /** OPTIONS: a browser's preflight. */
    Handler preflight() { return request -> headers(Response.of(204, Response.JSON, new byte[0])); }

    private static String queryKey(Request request) {
        return request.query() == null ? null : Form.decode(request.query()).get("apikey");
    }

    static Response ok(JsonNode data) {
        ObjectNode o = Views.F.objectNode();
        o.set("data", data);
        o.put("error_message", "");
        o.put("error_code", 0);
        return json(200, o);
    }

    /** A list reply: {"count", "list"} in data, and pagination beside it unless null (pull endpoints). */
    static Response list(long count, ArrayNode items, ObjectNode pagination) {
        ObjectNode o = Views.F.objectNode();
        o.putObject("data").put("count", count).set("list", items);
        if (pagination != null) o.set("pagination", pagination);
        o.put("error_message", "");
        o.put("error_code", 0);
        return json(200, o);
    }

    /** Absolute links to the previous and next pages, repeating the request's filters (never its apikey). */
    static ObjectNode pagination(Request request, int offset, int limit, long count) {
        var params = new LinkedHashMap<String, String>();
        if (request.query() != null) params.putAll(Form.decode(request.query()));
        params.remove("apikey");
        params.remove("offset");
        params.remove("limit");
        String host = request.header("Host") == null ? "127.0.0.1" : request.header("Host");
        String proto = "https".equalsIgnoreCase(request.header("X-Forwarded-Proto")) ? "https" : "http";
        String base = proto + "://" + host + request.path() + "?";
        ObjectNode p = Views.F.objectNode();
        p.put("prev_page_href", offset > 0 ? base + page(params, Math.max(0, offset - limit), limit) : "");
        p.put("next_page_href", offset + limit < count ? base + page(params, offset + limit, limit) : "");
        p.put("offset", offset);
        p.put("limit", limit);
        return p;
    }

    private static String page(LinkedHashMap<String, String> params, int offset, int limit) {
        var all = new LinkedHashMap<>(params);
        all.put("offset", Integer.toString(offset));
        all.put("limit", Integer.toString(limit));
        return Form.encode(all);
    }

    private Response error(int http, int code, String text) {
        ObjectNode o = Views.F.objectNode();
        o.putArray("data");
        o.put("error_message", text);
        o.put("error_code", code);
        Response r = headers(json(http, o));
        return http == 429 ? r.with("Retry-After", "1") : r;
    }

    private static Response json(int http, ObjectNode body) {
        try {
            return Response.of(http, Response.JSON, Input.JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response headers(Response r) {
        if (!cors) return r;
        return r.with("Access-Control-Allow-Origin", "*").with("Access-Control-Allow-Headers", "X-Api-Key, Content-Type")
                .with("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    }

    // The transport's own replies for /adminapi/ paths, in the envelope.
    @Override public Response malformed() { return error(400, 102, INCORRECT_REQUEST); }
    @Override public Response tooLarge() { return error(413, 102, "Request too large"); }
    @Override public Response busy() { return error(503, 105, "Busy, try again later").with("Retry-After", "1"); }
    @Override public Response notFound() { return error(404, 100, PAGE_NOT_FOUND); }
    /** ADMIN-API.md: a known path with the wrong method answers like an unknown path. */
    @Override public Response notAllowed(Set<String> allowed) { return error(404, 100, PAGE_NOT_FOUND); }
    @Override public Response failed(long requestId) { return error(500, 105, INTERNAL); }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
