package org.opensmm.http;

/** Wraps a handler when the table has a {@link Timing}: tells it the route, the status and the nanoseconds taken. */
final class Timed implements Handler {
    private final Timing timing;
    private final String route;
    private final Handler next;

    Timed(Timing timing, String route, Handler next) {
        this.timing = timing;
        this.route = route;
        this.next = next;
    }

    @Override public Response handle(Request request) {
        long start = System.nanoTime();
        Response response = next.handle(request);
        timing.record(route, response.dropped() ? 0 : response.status(), System.nanoTime() - start);
        return response;
    }
}
