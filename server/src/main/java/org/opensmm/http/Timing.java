package org.opensmm.http;

/**
 * Hears how long each routed request took: where metrics plug in. Called on the request's thread after its handler
 * returned, so it must be quick and must not throw. {@link #NONE} by default, and then no clock is read at all.
 */
@FunctionalInterface
public interface Timing {
    Timing NONE = (route, status, nanos) -> {};

    /**
     * @param route  the route's pattern as registered ("/adminapi/v2/orders/{id}"), not the path sent
     * @param status the reply's status; 0 when the connection was dropped without one
     */
    void record(String route, int status, long nanos);
}
