package org.opensmm.fulfil;

import org.opensmm.db.Database;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background workers that fulfil orders through upstream providers: dispatch (add), status sync, cancels,
 * refills, drip-feed runs, the janitor, and our balance at each provider. One timer thread finds work each tick and
 * claims it in the database; the calls to providers run on their own threads, bounded per provider, with no transaction
 * open. Any number of processes may run this against one database: every piece of work is claimed by a guarded UPDATE
 * first.
 */
public final class Fulfilment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Fulfilment.class);

    private final Engine engine;
    private final Providers providers;
    private final Janitor janitor;
    private final Dispatch dispatch;
    private final StatusSync statusSync;
    private final CancelForward cancels;
    private final RefillSync refills;
    private final DripFeed dripFeed;
    private final BalanceCheck balances;
    private final ExecutorService calls;
    private ScheduledExecutorService timer;

    public Fulfilment(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock) {
        // one virtual thread per call: a call mostly waits on the network, and the gates bound how many there are
        this.calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upstream-", 0).factory());
        this.engine = new Engine(db, orders, refills, providers, settings, clock, calls);
        this.providers = providers;
        this.janitor = new Janitor(engine);
        this.dispatch = new Dispatch(engine);
        this.statusSync = new StatusSync(engine);
        this.cancels = new CancelForward(engine);
        this.refills = new RefillSync(engine);
        this.dripFeed = new DripFeed(engine);
        this.balances = new BalanceCheck(engine);
    }

    public Settings settings() { return engine.settings(); }

    /** Tells {@code listener} how each add ends (metrics). */
    public void onDispatch(Dispatched listener) { engine.dispatched().set(listener); }

    /** True between {@link #start} and {@link #close}: what a readiness check asks. */
    public synchronized boolean running() { return timer != null && !timer.isShutdown(); }

    /** Each provider this process has called, by id: until when it rests after failing to answer (epoch millis; 0: open). */
    public Map<Long, Long> pausedUntil() {
        var out = new HashMap<Long, Long>();
        engine.gates().forEach((id, gate) -> out.put(id, gate.downUntil()));
        return out;
    }

    /**
     * Asks every provider whose balance is due now, as the next tick would, and waits for the answers: how a test drives
     * the schedule. The ids asked (none when another node or a tick asked within the interval).
     */
    public List<Long> askBalancesDue() { return balances.askDue(); }

    public synchronized Fulfilment start() {
        if (timer != null) return this;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fulfilment");
            t.setDaemon(true);
            return t;
        });
        long every = engine.settings().tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        log.info("fulfilment started as node {}", engine.node());
        return this;
    }

    /** One pass over all work; each part fails alone, so a broken provider or query does not stop the others. */
    void tick() {
        step("janitor", janitor::tick);
        step("call counts", () -> engine.callCounts().flush(engine.db(), engine.now()));
        step("drip-feed", dripFeed::tick);
        step("provider balances", balances::tick);
        List<Provider> enabled;
        try {
            enabled = providers.enabled();
        } catch (RuntimeException e) {
            log.warn("fulfilment tick: providers unavailable: {}", e.toString());
            return;
        }
        for (Provider p : enabled) {
            step("dispatch to " + p.name(), () -> dispatch.tick(p));
            step("cancels to " + p.name(), () -> cancels.tick(p));
            step("status sync with " + p.name(), () -> statusSync.tick(p));
            step("refills with " + p.name(), () -> refills.tick(p));
        }
    }

    private static void step(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("fulfilment {} failed: {}", what, e.toString());
        }
    }

    /**
     * Stops finding work and lets calls in flight finish and record their outcome (an add cut off here would go to
     * FAIL). Calls still running after the upstream timeout are abandoned to the janitor of the next start.
     */
    @Override public synchronized void close() {
        if (timer != null) {
            timer.shutdown(); // no interrupt: a tick mid-transaction finishes (H2 closes its files on an interrupt)
            await(timer, 10_000);
            timer = null;
        }
        calls.shutdown();
        await(calls, providers.timeout().toMillis() + 2_000);
        calls.shutdownNow();
    }

    private static void await(ExecutorService executor, long millis) {
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
