package org.opensmm.alert;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.order.Stage;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What counts as needing the operator. Each rule turns the database into findings; a rule set to 0 or null is off.
 * Balances are the ones the workers' balance schedule stored (fulfil/BalanceCheck): checking alerts never calls a provider.
 *
 * @param providerBalanceBelow a provider's balance under this (in its currency) is an alert; null: off
 * @param stuckAfter           an order sent upstream whose status has not changed for this long is stuck; zero: off
 * @param failedOrders         this many orders waiting in FAIL for the operator is an alert; 0: off
 * @param errorRatePercent     a provider that left this share of our calls unanswered in the window; 0: off
 * @param errorWindow          the window the error rate is taken over
 * @param errorMinCalls        fewer calls than this in the window say nothing about a rate
 */
public record Rules(BigDecimal providerBalanceBelow, Duration stuckAfter, int failedOrders, int errorRatePercent,
                    Duration errorWindow, int errorMinCalls) {

    /** A condition seen now. */
    record Finding(String key, String text) {}

    /** What one pass found, and the keys it could not judge (a provider that did not answer): those stay as they are. */
    record Evaluation(List<Finding> firing, Set<String> unknown) {}

    // SENT orders are unfinished by definition (a final status moves them to DONE); updated_at moves only when the
    // status, start count or remains change, so it is the time of the last change the provider reported.
    private static final String STUCK = "SELECT COUNT(*) FROM orders WHERE stage = ? AND updated_at < ?";
    private static final String STUCK_FIRST = "SELECT id FROM orders WHERE stage = ? AND updated_at < ? ORDER BY id LIMIT ?";
    private static final String FAILED = "SELECT COUNT(*), MIN(id) FROM orders WHERE stage = ?";
    // Enabled providers and the balance each last said, when it said it (NULL: never asked or never answered).
    private static final String BALANCES = "SELECT id, name, balance, balance_currency, balance_at FROM provider WHERE enabled ORDER BY id";
    /**
     * A stored balance older than this says nothing about today's: the schedule asks every few minutes, so a figure this
     * old means the provider stopped answering (its own alert: the error rate), not that its balance is low.
     */
    static final Duration BALANCE_STALE = Duration.ofHours(1);
    private static final String ERRORS = """
            SELECT p.id, p.name, SUM(c.calls), SUM(c.failures) FROM provider_calls c JOIN provider p ON p.id = c.provider_id
            WHERE c.minute >= ? GROUP BY p.id, p.name""";

    Evaluation evaluate(Database db, long now) {
        var firing = new ArrayList<Finding>();
        var unknown = new HashSet<String>();
        db.read(tx -> {
            if (providerBalanceBelow != null) {
                tx.list(BALANCES, rs -> {
                    String key = "provider-balance:" + rs.getLong(1);
                    BigDecimal balance = rs.getBigDecimal(3);
                    Long at = rs.getObject(5, Long.class);
                    // never asked, or not for too long: no figure to judge, so no low-balance alert (an open one stays as it is)
                    if (balance == null || at == null || at < now - BALANCE_STALE.toMillis()) unknown.add(key);
                    else if (balance.compareTo(providerBalanceBelow) < 0) firing.add(new Finding(key, "Provider " + rs.getString(2)
                            + ": balance " + balance.stripTrailingZeros().toPlainString() + " " + rs.getString(4) + " is below "
                            + providerBalanceBelow.toPlainString() + "; orders to it will be refused. Top it up."));
                    return null;
                });
            }
            Stuck stuck = stuck(tx, now, 1);
            if (stuck.count() > 0) firing.add(new Finding("stuck-orders", stuck.count() + " orders sent upstream have had no status"
                    + " change for " + hours(stuckAfter) + " (oldest: order " + stuck.first().getFirst() + "); see: opensmm order list"));
            if (failedOrders > 0) {
                long[] failed = tx.one(FAILED, Rules::countAndFirst, Stage.FAIL.name()).orElseThrow();
                if (failed[0] >= failedOrders) firing.add(new Finding("failed-orders", failed[0]
                        + " orders wait in FAIL for the operator (first: order " + failed[1] + "); see: opensmm provider failed"));
            }
            if (errorRatePercent > 0) {
                long since = now - errorWindow.toMillis();
                firing.addAll(tx.list(ERRORS, rs -> {
                    long calls = rs.getLong(3);
                    long failures = rs.getLong(4);
                    if (calls < errorMinCalls || failures * 100 < calls * errorRatePercent) return null;
                    return new Finding("provider-errors:" + rs.getLong(1), "Provider " + rs.getString(2) + ": " + failures
                            + " of " + calls + " calls in the last " + errorWindow.toMinutes() + " minutes got no reply");
                }, since).stream().filter(f -> f != null).toList());
            }
            return null;
        });
        return new Evaluation(firing, unknown);
    }

    /** The stuck-orders rule's orders: how many, and the first {@code limit} ids. */
    public record Stuck(long count, List<Long> first) {}

    /** The orders this rule calls stuck now (none while it is off), for the alert and the admin dashboard alike. */
    public Stuck stuck(Tx tx, long now, int limit) throws SQLException {
        if (stuckAfter.isZero()) return new Stuck(0, List.of());
        long before = now - stuckAfter.toMillis();
        return new Stuck(tx.count(STUCK, Stage.SENT.name(), before), tx.list(STUCK_FIRST, rs -> rs.getLong(1), Stage.SENT.name(), before, limit));
    }

    private static long[] countAndFirst(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new long[] {rs.getLong(1), rs.getLong(2)};
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
