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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What every worker shares: the database, the order services, the providers, the pacing, and the threads for calls. */
record Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
              ExecutorService calls, Map<Long, Gate> gates, AtomicReference<Dispatched> dispatched, CallCounts callCounts,
              Semaphore writers) {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    /** provider_error and refill.provider_error hold this much: an HTML error page is cut, not stored whole. */
    static final int ERROR_LIMIT = 2000;

    /**
     * Status replies written at once, over every provider: a quarter of the default pool, so the API keeps the rest.
     * A reply waiting for a writer keeps its provider permit, so no more is leased than can be written.
     */
    static final int WRITERS = 4;

    Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
           ExecutorService calls) {
        this(db, orders, refills, providers, settings, clock, calls, new ConcurrentHashMap<>(), new AtomicReference<>(Dispatched.NONE),
                new CallCounts(), new Semaphore(WRITERS));
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
        return inBatch(permits, take, empty, (batch, release) -> work.accept(batch), what, b -> false, null);
    }

    /**
     * As above, and {@code work} may free the permit early through the {@link Runnable} it is handed (a permit bounds
     * calls to the provider, not what we do with a reply). When {@code full} says the batch was a whole one,
     * {@code again} runs once the permit is free: more is due, no need to wait for the next tick.
     */
    <B> boolean inBatch(Semaphore permits, Supplier<B> take, Predicate<B> empty, BiConsumer<B, Runnable> work, String what,
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
                var released = new AtomicBoolean();
                Runnable release = () -> {
                    if (!released.compareAndSet(false, true)) return;
                    permits.release();
                    if (full.test(batch)) next(again, what);
                };
                try {
                    work.accept(batch, release);
                } catch (RuntimeException e) {
                    log.error("{} failed; it is tried again later", what, e);
                } finally {
                    release.run();
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            permits.release();
            return false;
        }
    }

    /** The next batch, on a call thread of its own, so the one that freed the permit goes on with its reply. */
    private void next(Runnable again, String what) {
        try {
            calls().execute(() -> {
                try {
                    again.run();
                } catch (RuntimeException e) {
                    log.warn("{}: the next batch waits for the next tick: {}", what, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the engine stops: nothing more to lease
        }
    }

    static String clip(String text) {
        if (text == null) return null;
        return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT - 1) + "…";
    }
}
