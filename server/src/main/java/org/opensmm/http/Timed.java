package org.opensmm.http;

/**
 * Wraps a handler when the table has a {@link Timing} or an {@link Access}: tells them the route, the reply and the
 * nanoseconds taken.
 */
final class Timed implements Handler {
    private final Timing timing;
    private final Access access;
    private final String route;
    private final Handler next;

    Timed(Timing timing, Access access, String route, Handler next) {
        this.timing = timing;
        this.access = access;
        this.route = route;
        this.next = next;
    }

    @Override public Response handle(Request request) {
        long start = System.nanoTime();
        Response response = next.handle(request);
        long nanos = System.nanoTime() - start;
        timing.record(route, response.dropped() ? 0 : response.status(), nanos);
        access.served(request, route, response, nanos);
        return response;
    }
}
