package org.opensmm.http;

/**
 * Hears every routed request with its reply: where the access log and per-action figures plug in. Called on the
 * request's thread after its handler returned, so it must be quick and must not throw. {@link #NONE} by default.
 */
@FunctionalInterface
public interface Access {
    Access NONE = (request, route, response, nanos) -> {};

    /** @param route the route's pattern as registered, not the path sent */
    void served(Request request, String route, Response response, long nanos);
}
