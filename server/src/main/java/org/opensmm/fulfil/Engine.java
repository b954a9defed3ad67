package org.opensmm.fulfil;

import org.opensmm.db.Database;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What every worker shares: the database, the order services, the providers, the pacing, and the threads for calls. */
record Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
              ExecutorService calls, Map<Long, Gate> gates, AtomicReference<Dispatched> dispatched, CallCounts callCounts) {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    /** provider_error and refill.provider_error hold this much: an HTML error page is cut, not stored whole. */
    static final int ERROR_LIMIT = 2000;

    Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
           ExecutorService calls) {
        this(db, orders, refills, providers, settings, clock, calls, new ConcurrentHashMap<>(), new AtomicReference<>(Dispatched.NONE),
                new CallCounts());
    }

    long now() { return clock.millis(); }

    String node() { return settings.nodeId(); }

    /** The provider's gate, rebuilt when the operator changes its size (calls in flight finish on the old one). */
    Gate gate(Provider p) {
        return gates.compute(p.id(), (id, g) -> g != null && g.size == p.maxInFlight() ? g : new Gate(p.maxInFlight(), p.id(), callCounts));
    }

    /**
     * Takes one batch under a permit of {@code permits} and works it on a call thread, which frees the permit when
     * done. False when there was no permit or nothing to take, so the caller stops asking for now.
     */
    <B> boolean inBatch(Semaphore permits, Supplier<B> take, Predicate<B> empty, Consumer<B> work, String what) {
        return inBatch(permits, take, empty, work, what, b -> false, null);
    }

    /** As above; when {@code full} says the batch was a whole one, {@code again} runs once the permit is free. */
    <B> boolean inBatch(Semaphore permits, Supplier<B> take, Predicate<B> empty, Consumer<B> work, String what,
                        Predicate<B> full, Runnable again) {
        if (!permits.tryAcquire()) return false;
        B batch;
        try {
            batch = take.get();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        if (empty.test(batch)) {
            permits.release();
            return false;
        }
        try {
            calls().execute(() -> {
                try {
                    work.accept(batch);
                } catch (RuntimeException e) {
                    log.error("{} failed; it is tried again later", what, e);
                } finally {
                    permits.release();
                }
                if (!full.test(batch)) return;
                try {
                    again.run(); // more is due: no need to wait for the next tick
                } catch (RuntimeException e) {
                    log.warn("{}: the next batch waits for the next tick: {}", what, e.toString());
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            permits.release();
            return false;
        }
    }

    static String clip(String text) {
        if (text == null) return null;
        return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT - 1) + "…";
    }
}
