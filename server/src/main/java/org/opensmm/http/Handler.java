package org.opensmm.http;

/**
 * Answers one request; runs on a virtual thread of its own, so it may block (JDBC). Anything it throws is logged with
 * a request id and answered by its front ({@link Front#failed}), never with a stack trace.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
