package org.opensmm.fulfil;

import org.opensmm.client.Outcome;
import org.opensmm.client.RefillStatus;
import org.opensmm.order.RefillRows;
import org.opensmm.order.RefillStage;
import org.opensmm.order.Refills;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards refill requests of sent orders (claimed like adds: a request with no reply goes to FAIL rather than out
 * twice) and keeps forwarded refills' statuses in step, a batch of 100 per request.
 */
final class RefillSync {
    private static final Logger log = LoggerFactory.getLogger(RefillSync.class);

    // Refills of manual orders stay NEW for the operator; only those of orders we sent upstream are ours.
    private static final String NEW = """
            SELECT r.id, o.external_id FROM refill r JOIN orders o ON o.id = r.order_id
            WHERE r.stage = ? AND o.provider_id = ? AND o.external_id IS NOT NULL AND o.stage IN (?, ?)
            ORDER BY r.id LIMIT ?""";
    private static final String DUE = """
            SELECT r.id, r.external_id, r.status, r.next_at FROM refill r JOIN orders o ON o.id = r.order_id
            WHERE r.stage = ? AND r.next_at <= ? AND o.provider_id = ? ORDER BY r.stage, r.next_at LIMIT ?""";

    private static final String SERVICE_OF = "SELECT o.service_id FROM refill r JOIN orders o ON o.id = r.order_id WHERE r.id = ?";

    private final Engine engine;
    private final RefillRows rows = new RefillRows();

    RefillSync(Engine engine) { this.engine = engine; }

    void tick(Provider p) {
        Gate gate = engine.gate(p);
        if (!gate.open(engine.now())) return;
        run(gate, this::claim, p, this::forward);
        if (!gate.open(engine.now())) return;
        run(gate, this::lease, p, this::poll);
    }

    private interface Take { Map<Long, Long> from(long provider, long now); }

    private interface Call { void with(Provider p, Gate gate, Map<Long, Long> byExternal); }

    /** Takes one batch (our refill id by upstream order or refill id) and handles it on a call thread. */
    private void run(Gate gate, Take take, Provider p, Call call) {
        engine.inBatch(gate.polls, () -> take.from(p.id(), engine.now()), Map::isEmpty, batch -> call.with(p, gate, batch),
                "refill work for provider " + p.id());
    }

    /** Our refill id by the upstream order id it asks a refill of. One refill in flight per order keeps that unique. */
    private Map<Long, Long> claim(long provider, long now) {
        long until = now + engine.settings().claim().toMillis();
        return engine.db().inTransaction(tx -> {
            record Due(long id, String external) {}
            var out = new LinkedHashMap<Long, Long>();
            for (Due d : tx.list(NEW, rs -> new Due(rs.getLong(1), rs.getString(2)), RefillStage.NEW.name(), provider,
                    Stage.SENT.name(), Stage.DONE.name(), Settings.BATCH)) {
                if (rows.claim(tx, d.id(), engine.node(), until) == 1) out.put(Long.parseLong(d.external()), d.id());
            }
            return out;
        });
    }

    private void forward(Provider p, Gate gate, Map<Long, Long> byOrder) {
        Map<Long, Outcome<Long>> replies = engine.providers().client(p).refills(byOrder.keySet());
        long now = engine.now();
        if (replies.values().stream().allMatch(o -> o instanceof Outcome.NoReply)) gate.down(now, engine.settings());
        else gate.up();
        List<Long> refused = new ArrayList<>();
        engine.db().inTransaction(tx -> {
            refused.clear();
            for (var e : replies.entrySet()) {
                long refill = byOrder.get(e.getKey());
                switch (e.getValue()) {
                    case Outcome.Ok<Long> ok -> rows.sent(tx, refill, engine.node(), Long.toString(ok.value()),
                            now + engine.settings().syncEvery().toMillis(), now);
                    case Outcome.Rejected<Long> r -> {
                        if (rows.fail(tx, refill, engine.node(), Engine.clip("refill: " + r.error()), now) == 1) refused.add(refill);
                    }
                    case Outcome.NoReply<Long> n -> rows.fail(tx, refill, engine.node(), Engine.clip("no reply to refill (" + n.reason()
                            + "): it may exist upstream; check the provider"), now);
                }
            }
            return null;
        });
        // the provider said no: the customer sees Rejected and may ask again (the error stays on the refill)
        for (long refill : refused) quietly(() -> engine.refills().resolve(refill, Refills.State.REJECTED));
        // "This action is Invalid": the provider has no refills at all, so our services it fulfils stop offering them
        replies.forEach((external, reply) -> {
            if (reply instanceof Outcome.Rejected<Long> r) {
                long service = engine.db().read(tx -> tx.count(SERVICE_OF, byOrder.get(external)));
                if (engine.providers().learn(p.id(), Providers.Action.REFILL, service, r.error())) {
                    log.warn("provider {} refused a refill with '{}': our services it fulfils no longer offer refill", p.id(), r.error());
                }
            }
        });
    }

    /** Our refill id by upstream refill id, for up to 100 due refills now leased to us. */
    private Map<Long, Long> lease(long provider, long now) {
        long next = now + engine.settings().syncEvery().toMillis();
        return engine.db().inTransaction(tx -> {
            record Due(long id, String external, long nextAt) {}
            List<Due> due = tx.list(DUE, rs -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(4)), RefillStage.SENT.name(), now,
                    provider, Settings.BATCH);
            var out = new LinkedHashMap<Long, Long>();
            for (Due d : due) if (rows.lease(tx, d.id(), d.nextAt(), next) == 1) out.put(Long.parseLong(d.external()), d.id());
            return out;
        });
    }

    private void poll(Provider p, Gate gate, Map<Long, Long> byExternal) {
        Map<Long, Outcome<RefillStatus>> replies = engine.providers().client(p).refillStatuses(byExternal.keySet());
        long now = engine.now();
        if (replies.values().stream().allMatch(o -> o instanceof Outcome.NoReply)) {
            gate.down(now, engine.settings());
            return;
        }
        gate.up();
        Map<Long, Refills.State> finished = new LinkedHashMap<>();
        engine.db().inTransaction(tx -> {
            finished.clear();
            for (var e : replies.entrySet()) {
                long refill = byExternal.get(e.getKey());
                switch (e.getValue()) {
                    case Outcome.Ok<RefillStatus> ok when ok.value() != RefillStatus.UNKNOWN -> {
                        Refills.State state = Refills.State.valueOf(ok.value().name());
                        if (state.finished()) finished.put(refill, state);
                        else rows.progress(tx, refill, state, now);
                    }
                    case Outcome.Ok<RefillStatus> unknown -> rows.error(tx, refill, "refill status not understood");
                    case Outcome.Rejected<RefillStatus> r -> rows.error(tx, refill, Engine.clip("refill status: " + r.error()));
                    case Outcome.NoReply<RefillStatus> n -> { }
                }
            }
            return null;
        });
        // resolve frees the order for its next refill; it refuses a refill that is already finished, which is fine
        finished.forEach((refill, state) -> quietly(() -> engine.refills().resolve(refill, state)));
    }

    private static void quietly(Runnable change) {
        try {
            change.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.debug("refill skipped: {}", e.getMessage());
        }
    }
}
