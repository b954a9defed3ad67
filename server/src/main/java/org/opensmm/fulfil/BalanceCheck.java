package org.opensmm.fulfil;

import org.opensmm.client.Balance;
import org.opensmm.client.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Our balance at each provider, asked by the workers every {@link Settings#balanceEvery()} so the admin dashboard's
 * figure is recent without anyone asking. Of several nodes, the one whose UPDATE moves balance_asked_at asks; a provider
 * that does not answer keeps its last known figure and time ({@code Providers.balance} records answers only) and is
 * asked again at the next interval.
 */
final class BalanceCheck {
    private static final Logger log = LoggerFactory.getLogger(BalanceCheck.class);
    // the claim, for every enabled provider at once: one statement a tick, whatever the number of providers
    private static final String DUE = """
            UPDATE provider SET balance_asked_at = ?
            WHERE enabled = TRUE AND (balance_asked_at IS NULL OR balance_asked_at <= ?) RETURNING id""";

    private final Engine engine;

    BalanceCheck(Engine engine) { this.engine = engine; }

    /** Claims the providers that are due and asks them on the call threads: the timer never waits on a provider. */
    void tick() {
        for (long id : claimDue()) engine.calls().execute(() -> ask(id));
    }

    /** Claims the providers that are due and asks them now, on this thread; their ids. */
    List<Long> askDue() {
        List<Long> due = claimDue();
        due.forEach(this::ask);
        return due;
    }

    private List<Long> claimDue() {
        long every = engine.settings().balanceEvery().toMillis();
        if (every == 0) return List.of();
        long now = engine.now();
        return engine.db().inTransaction(tx -> tx.list(DUE, rs -> rs.getLong(1), now, now - every));
    }

    private void ask(long providerId) {
        try {
            if (!(engine.providers().balance(providerId) instanceof Outcome.Ok<Balance>)) {
                log.info("provider {} did not say our balance; its last known figure stays", providerId);
            }
        } catch (RuntimeException e) {
            log.warn("balance of provider {} not asked: {}", providerId, e.toString());
        }
    }
}
