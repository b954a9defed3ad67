package org.opensmm.api;

import org.opensmm.core.Reason;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.http.Front;
import org.opensmm.http.Handler;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.Set;

/**
 * API v2 over HTTP: a request's query, body and X-Api-Key become {@link Params} for {@link ApiV2}, its reply or
 * refusal becomes JSON. As a {@link Front} it words the transport's and the table's replies the PROTOCOL.md way:
 * {@code {"error": …}}, HTTP 200 wherever the protocol allows it (many clients throw on non-2xx before reading the body).
 */
public final class ApiV2Front implements Handler, Front {
    private final ApiV2 api;

    public ApiV2Front(ApiV2 api) { this.api = api; }

    @Override public Response handle(Request request) {
        try {
            Params params = Params.read(request.query(), request.contentType(), request.body());
            return Response.json(200, api.handle(params, request.header("X-Api-Key"), KeyFailures.client(request.remote().getAddress())));
        } catch (Refusal r) {
            return error(200, ErrorText.of(r.reason())); // many clients throw on non-2xx before reading the body
        } catch (ApiRefusal r) {
            return refusal(r);
        }
    }

    /** The request's action field; a {@link Refusal} when the request cannot be read. */
    public static String action(Request request) {
        return Params.read(request.query(), request.contentType(), request.body()).get("action");
    }

    private static Response refusal(ApiRefusal r) {
        if (r.error() == ApiError.TOO_MANY_REQUESTS) return error(429, ErrorText.of(r.error())).with("Retry-After", Integer.toString(r.retryAfter()));
        return error(200, ErrorText.of(r.error()));
    }

    private static Response error(int status, String text) { return Response.json(status, Json.errorReply(text)); }

    private static Response error(int status, Reason reason) { return error(status, ErrorText.of(reason)); }

    @Override public Response malformed() { return error(400, Fixed.INCORRECT_REQUEST); }

    @Override public Response tooLarge() { return error(413, ErrorText.of(ApiError.REQUEST_TOO_LARGE)); }

    @Override public Response busy() { return error(503, ErrorText.of(ApiError.BUSY)).with("Retry-After", "1"); }

    @Override public Response notFound() { return Response.json(404, Json.errorReply("Not found")); }

    /** API v2 takes GET and POST; any other method is an incorrect request, answered like every refusal. */
    @Override public Response notAllowed(Set<String> allowed) { return error(200, Fixed.INCORRECT_REQUEST); }

    /**
     * The words for paths outside /api/ (health, and whatever no front claims): API v2's JSON, as every reply of the
     * panel has been, except that a method a route lacks is HTTP's own 405: only API v2 clients expect a 200 for it.
     */
    public Front elsewhere() {
        return new Front() {
            @Override public Response malformed() { return ApiV2Front.this.malformed(); }
            @Override public Response tooLarge() { return ApiV2Front.this.tooLarge(); }
            @Override public Response busy() { return ApiV2Front.this.busy(); }
            @Override public Response notFound() { return ApiV2Front.this.notFound(); }
            @Override public Response notAllowed(Set<String> allowed) { return Front.JSON.notAllowed(allowed); }
            @Override public Response failed(long requestId) { return ApiV2Front.this.failed(requestId); }
        };
    }

    @Override public Response failed(long requestId) {
        return Response.json(503, Json.errorReply(ErrorText.of(ApiError.INTERNAL) + " (request " + requestId + ")")).with("Retry-After", "1");
    }
}
