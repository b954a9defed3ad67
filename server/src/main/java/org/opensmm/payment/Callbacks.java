package org.opensmm.payment;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a gateway's verified callback does to the deposit it names: the payment id, the deposit, amount and currency
 * matched against the row we created; a payment credited once through {@link Deposits#credit}, or held for a person;
 * a payment the gateway says is over unpaid cancels a deposit still waiting for it.
 */
final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    /** Why a payment that came after its gateway had ended it waits for staff (a message key, like a refusal's). */
    static final String PAID_AFTER_END = "payment.paid_after_end";

    private final Database db;
    private final Clock clock;
    private final Deposits deposits;

    Callbacks(Database db, Clock clock, Deposits deposits) {
        this.db = db;
        this.clock = clock;
        this.deposits = deposits;
    }

    /**
     * A gateway's webhook for method {@code m}: verified by its plug-in, then the payment id, the deposit it names,
     * amount and currency matched against the deposit we created. Anything that does not match throws
     * {@link Method.Forged} (4xx, logged) and changes nothing. A payment the gateway says needs a person is HELD; a
     * payment the gateway says is over unpaid CANCELS a deposit still waiting for it.
     */
    Deposits.Outcome handle(Method m, String payload, Function<String, String> header) {
        String code = m.code();
        Method.Event event;
        try {
            event = m.webhook(payload, header);
        } catch (Method.Forged f) {
            log.warn("{} webhook refused: {}", code, f.getMessage());
            throw f;
        }
        var engine = new Actor.Engine(code + "-webhook");
        return switch (event) {
            case null -> Deposits.Outcome.IGNORED;
            case Method.Paid paid -> db.inTransaction(tx -> paid(tx, engine, code, paid));
            case Method.Ended ended -> db.inTransaction(tx -> ended(tx, engine, code, ended));
        };
    }

    private Deposits.Outcome paid(Tx tx, Actor.Engine engine, String code, Method.Paid paid) throws SQLException {
        Deposit d = tx.one(PAID_BY + " FOR UPDATE", Deposits::row, code, paid.externalId(), paid.deposit()).orElse(null);
        String wrong = d == null ? "unknown payment " + paid.externalId()
                : paid.deposit() >= 0 && paid.deposit() != d.id() ? "payment " + paid.externalId() + " names deposit #" + paid.deposit() + ", not #" + d.id()
                : paid.amount().compareTo(d.amount().toDecimal()) != 0 ? "payment " + paid.externalId() + " paid " + paid.amount() + ", we asked " + d.amount().toWire()
                : !paid.currency().equalsIgnoreCase(d.currency()) ? "payment " + paid.externalId() + " paid in " + paid.currency() + ", we asked " + d.currency()
                : null;
        if (wrong != null) {
            log.warn("{} webhook refused: {}", code, wrong);
            throw new Method.Forged(wrong);
        }
        Deposit locked = attached(tx, d, paid.externalId());
        // The gateway said this payment was over, yet money arrived (Stripe does not promise the order of events; a
        // Cryptomus invoice may be paid late). Not credited by itself: the customer may have paid again elsewhere, or
        // staff may rather refund it at the gateway. Held, so a person decides once, and it is never lost.
        if (locked.state() == DepositState.CANCELLED) return hold(tx, engine, locked, PAID_AFTER_END);
        if (!paid.review()) return deposits.credit(tx, engine, locked, locked.credit(), "");
        if (locked.state() != DepositState.PENDING) return Deposits.Outcome.ALREADY;
        return hold(tx, engine, locked, code + ": " + paid.status());
    }

    private static Deposits.Outcome hold(Tx tx, Actor who, Deposit d, String why) throws SQLException {
        tx.update("UPDATE deposit SET state = ?, decision = ? WHERE id = ?", DepositState.HELD.name(), why, d.id());
        Audit.record(tx, who, "deposit.hold", "deposit", d.id(), d, Deposits.find(tx, d.id()).orElseThrow());
        return Deposits.Outcome.HELD;
    }

    /**
     * The gateway ended a payment unpaid: a deposit still PENDING for it becomes CANCELLED, its decision the key of the
     * customer's words ({@code payment.ended.expired}, …). Any other state stays as it is (a late "expired" after the
     * payment, a repeat): the gateway is still answered 200, or it would send again for days. An event for a payment we
     * do not know (another integration on the same gateway account) is ignored.
     */
    private Deposits.Outcome ended(Tx tx, Actor.Engine engine, String code, Method.Ended ended) throws SQLException {
        Deposit d = tx.one(PAID_BY + " FOR UPDATE", Deposits::row, code, ended.externalId(), ended.deposit()).orElse(null);
        if (d == null) {
            log.info("{} webhook: unknown payment {} ended ({})", code, ended.externalId(), ended.status());
            return Deposits.Outcome.IGNORED;
        }
        if (ended.deposit() >= 0 && ended.deposit() != d.id()) {
            String wrong = "payment " + ended.externalId() + " names deposit #" + ended.deposit() + ", not #" + d.id();
            log.warn("{} webhook refused: {}", code, wrong);
            throw new Method.Forged(wrong);
        }
        Deposit locked = attached(tx, d, ended.externalId());
        if (locked.state() != DepositState.PENDING) return locked.state() == DepositState.CANCELLED ? Deposits.Outcome.ALREADY : Deposits.Outcome.IGNORED;
        tx.update("UPDATE deposit SET state = ?, decision = ?, decided_by = ?, decided_at = ? WHERE id = ?", DepositState.CANCELLED.name(),
                "payment.ended." + ended.why().name().toLowerCase(Locale.ROOT), engine.describe(), clock.millis(), d.id());
        // the gateway's own word is kept for staff in the audit entry
        Audit.record(tx, engine, "deposit.end", "deposit", d.id(), locked,
                Map.of("deposit", Deposits.find(tx, d.id()).orElseThrow(), "gateway", code + ": " + ended.status()));
        return Deposits.Outcome.CANCELLED;
    }

    /**
     * The deposit a verified callback pays: the one with the gateway's payment id or, when the callback came before our
     * create call returned (so no id is attached yet), the one whose id we gave the gateway at create time (Stripe's
     * client_reference_id, Cryptomus's order_id) while it still has no payment id. Sound without trusting the callback
     * further: the row is committed before the gateway is called, only our server (with the secret key) names a deposit
     * there, the signature has been checked, and amount and currency are still matched against our row.
     */
    private static final String PAID_BY = "SELECT " + Deposits.COLUMNS + """
             FROM deposit WHERE method = ? AND (external_id = ? OR (id = ? AND external_id IS NULL))
            ORDER BY external_id NULLS LAST LIMIT 1""";

    /** {@code d}, locked, with {@code externalId} attached if it had no id yet (an early callback); another id is refused. */
    private static Deposit attached(Tx tx, Deposit d, String externalId) throws SQLException {
        if (d.externalId() == null) tx.update(Deposits.ATTACH, externalId, d.id());
        Deposit now = Deposits.locked(tx, d.id());
        if (!externalId.equals(now.externalId())) throw new Method.Forged("deposit #" + d.id() + " is paid by " + now.externalId());
        return now;
    }
}
