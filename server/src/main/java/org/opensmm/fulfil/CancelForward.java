package org.opensmm.fulfil;

import org.opensmm.client.Outcome;
import org.opensmm.order.CancelState;
import org.opensmm.order.Cancels;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards customers' cancel requests for orders already sent upstream. Accepted upstream, the order turns Canceled
 * (full refund, through settle) when the provider confirms it, in the status sync's next round of that provider;
 * refused, the request is marked REJECTED with the provider's words and the customer may ask again.
 */
final class CancelForward {

    private static final String DUE = """
            SELECT id, external_id FROM orders
            WHERE cancel_state = ? AND stage = ? AND provider_id = ? ORDER BY id LIMIT ?""";

    private final Engine engine;
    private final Cancels cancels = new Cancels();

    CancelForward(Engine engine) { this.engine = engine; }

    void tick(Provider p) {
        Gate gate = engine.gate(p);
        long now = engine.now();
        if (!gate.open(now)) return;
        // a claim left behind by a shutdown is handed back by the janitor
        engine.inBatch(gate.polls, () -> claim(p.id(), now), Map::isEmpty, byExternal -> forward(p, gate, byExternal),
                "forwarding cancels to provider " + p.id());
    }

    /** Our order id by upstream id, for the requests now ours. */
    private Map<Long, Long> claim(long provider, long now) {
        long until = now + engine.settings().claim().toMillis();
        return engine.db().inTransaction(tx -> {
            record Due(long id, String external) {}
            var out = new LinkedHashMap<Long, Long>();
            for (Due d : tx.list(DUE, rs -> new Due(rs.getLong(1), rs.getString(2)), CancelState.REQUESTED.name(), Stage.SENT.name(),
                    provider, Settings.BATCH)) {
                if (cancels.claim(tx, d.id(), engine.node(), until) == 1) out.put(Long.parseLong(d.external()), d.id());
            }
            return out;
        });
    }

    private void forward(Provider p, Gate gate, Map<Long, Long> byExternal) {
        Map<Long, Outcome<Boolean>> replies = engine.providers().client(p).cancel(byExternal.keySet());
        long now = engine.now();
        if (replies.values().stream().allMatch(o -> o instanceof Outcome.NoReply)) gate.down(now, engine.settings());
        else gate.up();
        engine.db().inTransaction(tx -> {
            List<Long> accepted = new ArrayList<>(), again = new ArrayList<>();
            for (var e : replies.entrySet()) {
                long order = byExternal.get(e.getKey());
                switch (e.getValue()) {
                    case Outcome.Ok<Boolean> ok when ok.value() -> accepted.add(order);
                    case Outcome.Ok<Boolean> no -> cancels.refused(tx, order, engine.node(), "cancel: refused upstream", now);
                    case Outcome.Rejected<Boolean> r -> cancels.refused(tx, order, engine.node(), Engine.clip("cancel: " + r.error()), now);
                    // a cancel may be sent twice without harm: it goes out again on a later tick
                    case Outcome.NoReply<Boolean> n -> again.add(order);
                }
            }
            cancels.accepted(tx, accepted, engine.node(), now);
            cancels.again(tx, again, engine.node());
            return null;
        });
        // "This action is Invalid": the provider has no cancel at all, so our services it fulfils stop offering it
        replies.forEach((external, reply) -> {
            if (reply instanceof Outcome.Rejected<Boolean> r) {
                long service = engine.db().read(tx -> tx.count("SELECT service_id FROM orders WHERE id = ?", byExternal.get(external)));
                engine.providers().learn(p.id(), Providers.Action.CANCEL, service, r.error());
            }
        });
    }
}
