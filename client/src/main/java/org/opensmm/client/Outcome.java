package org.opensmm.client;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one call to an upstream panel came to. Remote trouble is a value, never an exception: the fulfilment engine
 * must tell "the panel said no" ({@link Rejected}) from "we don't know what happened" ({@link NoReply}), because only
 * the first one makes it safe to send an {@code add} again.
 */
public sealed interface Outcome<T> {

    /** The panel answered and we understood the answer. */
    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The panel answered with an error: it definitely did not do the thing. {@code error} is verbatim, e.g. "Not enough funds on balance". */
    record Rejected<T>(String error) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * No understandable reply (timeout, connection refused or reset, HTTP 5xx, an HTML page, an empty body, JSON we
     * cannot read). The request MAY have been carried out upstream: an {@code add} must not be blindly resent.
     * {@code reason} says what happened; {@code raw} holds up to {@value #RAW_LIMIT} characters of the body, or "".
     */
    record NoReply<T>(String reason, String raw) implements Outcome<T> {
        /** Enough of an HTML error page or a PHP warning for an operator to recognise it, not a whole catalogue. */
        public static final int RAW_LIMIT = 2000;

        public NoReply {
            Objects.requireNonNull(reason, "reason");
            raw = raw == null ? "" : raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) : raw;
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> rejected(String error) {
        return new Rejected<>(error);
    }

    static <T> Outcome<T> noReply(String reason, String raw) {
        return new NoReply<>(reason, raw);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or a {@link NoSuchElementException} that names the error or the missing reply. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Rejected<T> r -> throw new NoSuchElementException("rejected: " + r.error());
            case NoReply<T> n -> throw new NoSuchElementException("no reply: " + n.reason());
        };
    }

    default T orElse(T other) {
        return this instanceof Ok<T> ok ? ok.value() : other;
    }

    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return flatMap(value -> ok(f.apply(value)));
    }

    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Rejected<T> r -> new Rejected<>(r.error());
            case NoReply<T> n -> new NoReply<>(n.reason(), n.raw());
        };
    }
}
