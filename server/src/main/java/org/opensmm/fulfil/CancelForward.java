package org.opensmm.fulfil;

import org.opensmm.client.Outcome;
import org.opensmm.provider.Provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards customers' cancel requests for orders already sent upstream. Accepted upstream, the order is polled at once
 * and turns Canceled (full refund, through settle) when the provider confirms; refused, the request is marked REJECTED
 * with the provider's words and the customer may ask again.
 */
final class CancelForward {

    private static final String DUE = """
            SELECT id, external_id FROM orders
            WHERE cancel_state = 'REQUESTED' AND stage = 'SENT' AND provider_id = ? ORDER BY id LIMIT ?""";
    private static final String CLAIM = """
            UPDATE orders SET cancel_state = 'FORWARDING', claimed_by = ?, claimed_until = ?
            WHERE id = ? AND cancel_state = 'REQUESTED' AND stage = 'SENT'""";
    private static final String MINE = " WHERE id = ? AND cancel_state = 'FORWARDING' AND claimed_by = ?";
    private static final String ACCEPTED = """
            UPDATE orders SET cancel_state = 'FORWARDED', claimed_by = NULL, claimed_until = NULL, next_at = ?, updated_at = ?""" + MINE;
    private static final String REFUSED = """
            UPDATE orders SET cancel_state = 'REJECTED', provider_error = ?, claimed_by = NULL, claimed_until = NULL,
                   updated_at = ?""" + MINE;
    private static final String AGAIN = """
            UPDATE orders SET cancel_state = 'REQUESTED', claimed_by = NULL, claimed_until = NULL""" + MINE;

    private final Engine engine;

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
            for (Due d : tx.list(DUE, rs -> new Due(rs.getLong(1), rs.getString(2)), provider, Settings.BATCH)) {
                if (tx.update(CLAIM, engine.node(), until, d.id()) == 1) out.put(Long.parseLong(d.external()), d.id());
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
            List<Object[]> accepted = new ArrayList<>(), again = new ArrayList<>();
            for (var e : replies.entrySet()) {
                long order = byExternal.get(e.getKey());
                switch (e.getValue()) {
                    case Outcome.Ok<Boolean> ok when ok.value() -> accepted.add(new Object[] {now, now, order, engine.node()});
                    case Outcome.Ok<Boolean> no -> tx.update(REFUSED, "cancel: refused upstream", now, order, engine.node());
                    case Outcome.Rejected<Boolean> r -> tx.update(REFUSED, Engine.clip("cancel: " + r.error()), now, order, engine.node());
                    // a cancel may be sent twice without harm: it goes out again on a later tick
                    case Outcome.NoReply<Boolean> n -> again.add(new Object[] {order, engine.node()});
                }
            }
            tx.batch(ACCEPTED, accepted);
            tx.batch(AGAIN, again);
            return null;
        });
    }
}
