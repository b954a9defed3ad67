package org.opensmm.api;

import org.opensmm.core.Refusal;
import org.opensmm.http.Handler;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.time.Duration;

/**
 * API v2 acting out an upstream panel's misbehaviour ({@link Fault}), as {@link Faults} decides per request: what the
 * simulated provider wraps around /api/v2. Faults that do nothing answer at once; TIMEOUT and LOST_REPLY do the work
 * first, then reply late or not at all.
 */
public final class FaultyApi implements Handler {
    private static final String BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

    private final Faults faults;
    private final Handler api;

    public FaultyApi(Faults faults, Handler api) {
        this.faults = faults;
        this.api = api;
    }

    @Override public Response handle(Request request) {
        Fault fault;
        try {
            fault = faults.next(ApiV2Front.action(request));
        } catch (Refusal unreadable) {
            return api.handle(request); // refused as always; no fault spent on it
        }
        if (fault == null) return api.handle(request);
        return switch (fault) {
            case SERVER_ERROR -> Response.json(500, Json.errorReply("Internal Server Error"));
            case HTML -> Response.of(502, "text/html; charset=utf-8", BAD_GATEWAY);
            case EMPTY -> Response.of(200, Response.JSON, "");
            case LOST_REPLY -> {
                try {
                    api.handle(request);
                } catch (RuntimeException ignored) {
                    // the reply never leaves either way
                }
                yield Response.drop();
            }
            case TIMEOUT -> {
                try {
                    yield api.handle(request);
                } finally {
                    sleep(faults.timeoutDelay()); // a failure is late too
                }
            }
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
