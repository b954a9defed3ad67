package org.opensmm.http;

import java.util.Set;

/**
 * A front's own words for the replies the transport and the route table give on its behalf: API v2 answers in
 * PROTOCOL.md's JSON, a website will answer with pages. The table picks the front by path prefix
 * ({@link Routes#front}): the front of the route that matched, else of the path sent.
 */
public interface Front {
    /** 400: the request is not readable HTTP (the connection is closed after it). */
    Response malformed();

    /** 413: the body is over {@link Limits#maxBody()} (the connection is closed after it). */
    Response tooLarge();

    /** 503: too many requests in flight, or the server is stopping. */
    Response busy();

    /** 404: no route has this path. */
    Response notFound();

    /** 405: a route has this path, not for this method; {@code allowed} are the methods it has. */
    Response notAllowed(Set<String> allowed);

    /** A handler failed unexpectedly; the failure is logged as request {@code requestId}. */
    Response failed(long requestId);

    /** Plain JSON in HTTP's own words: what a front that says nothing else answers. */
    Front JSON = new Front() {
        @Override public Response malformed() { return Response.jsonError(400, "Bad request"); }
        @Override public Response tooLarge() { return Response.jsonError(413, "Request too large"); }
        @Override public Response busy() { return Response.jsonError(503, "Busy, try again later").with("Retry-After", "1"); }
        @Override public Response notFound() { return Response.jsonError(404, "Not found"); }
        @Override public Response notAllowed(Set<String> allowed) {
            return Response.jsonError(405, "Method not allowed").with("Allow", String.join(", ", allowed));
        }
        @Override public Response failed(long requestId) {
            return Response.jsonError(503, "Internal error (request " + requestId + ")").with("Retry-After", "1");
        }
    };
}
