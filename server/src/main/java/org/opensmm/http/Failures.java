package org.opensmm.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * Wraps every handler in the table: an unexpected failure is logged with the request's id and answered by the
 * route's front ({@link Front#failed}) — never a stack trace on the wire, and the id ties the reply to the log.
 */
final class Failures implements Handler {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private final Front front;
    private final Handler next;
    private final Predicate<Throwable> overloaded;

    Failures(Front front, Handler next, Predicate<Throwable> overloaded) {
        this.front = front;
        this.next = next;
        this.overloaded = overloaded;
    }

    @Override public Response handle(Request request) {
        try {
            return next.handle(request);
        } catch (RuntimeException | StackOverflowError e) {
            if (overloaded.test(e)) {
                log.warn("request {} answered busy: {} {}: {}", request.id(), request.method(), request.path(), e.getMessage());
                return front.busy();
            }
            long id = request.id();
            log.error("request {} failed: {} {}", id, request.method(), request.path(), e);
            return front.failed(id);
        }
    }
}
