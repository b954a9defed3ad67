package org.opensmm.ops;

import org.opensmm.alert.Rules;
import org.opensmm.db.Database;
import org.opensmm.ledger.Money;
import org.opensmm.order.Stage;
import org.opensmm.payment.Deposits;
import org.opensmm.order.Status;
import org.opensmm.ticket.Tickets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin dashboard's figures: orders, revenue, cost and profit per period (the {@link Reports}' figures, so the two
 * pages agree), our last known balance at each provider, and what waits for a person: FAIL, stuck and manual orders,
 * open tickets.
 */
public final class Dashboard {
    /** One period since {@code from} (epoch ms): the orders placed in that time and their money. */
    public record Period(String name, long from, long orders, Money revenue, Money cost) {
        public Money profit() { return revenue.minus(cost); }
    }

    /** A provider's balance as it last said, in its currency; null figures while it never answered. */
    public record Balance(long providerId, String provider, BigDecimal balance, String currency, Long at) {}

    /**
     * The periods (today, 7 and 30 days), providers' balances, the counts that wait (FAIL orders, MANUAL orders, open
     * tickets) and the stuck orders by the stuck-orders alert rule.
     */
    public record Figures(List<Period> periods, List<Balance> balances, long failed, long manual, long openTickets, Rules.Stuck stuck,
                          long depositsWaiting) {}

    private static final int STUCK_SHOWN = 20;
    private static final String WAITING = "SELECT COUNT(*) FROM orders WHERE stage = ? AND " + Status.UNFINISHED;
    private static final String TICKETS = "SELECT COUNT(*) FROM ticket WHERE status = ?";
    private static final String BALANCES = "SELECT id, name, balance, balance_currency, balance_at FROM provider WHERE enabled ORDER BY name";

    private final Database db;
    private final Clock clock;
    private final Reports reports;
    private final Rules rules;

    public Dashboard(Database db, Clock clock, Rules rules) {
        this.db = db;
        this.clock = clock;
        this.reports = new Reports(db);
        this.rules = rules;
    }

    /** The figures as of now; "today" is the reader's, from midnight in {@code zone}. */
    public Figures figures(ZoneId zone) {
        long now = clock.millis();
        long today = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant().toEpochMilli();
        var periods = new ArrayList<Period>();
        for (var p : List.of(Map.entry("today", today), Map.entry("7d", now - Duration.ofDays(7).toMillis()),
                Map.entry("30d", now - Duration.ofDays(30).toMillis()))) {
            Reports.Line t = reports.total(p.getValue(), now + 1);
            periods.add(new Period(p.getKey(), p.getValue(), t.orders(), t.revenue(), t.cost()));
        }
        return db.read(tx -> new Figures(List.copyOf(periods),
                tx.list(BALANCES, rs -> new Balance(rs.getLong(1), rs.getString(2),
                        rs.getBigDecimal(3) == null ? null : rs.getBigDecimal(3).stripTrailingZeros(), rs.getString(4), rs.getObject(5, Long.class))),
                tx.count(WAITING, Stage.FAIL.name()), tx.count(WAITING, Stage.MANUAL.name()), tx.count(TICKETS, Tickets.State.PENDING.wire()),
                rules.stuck(tx, now, STUCK_SHOWN), Deposits.waiting(tx)));
    }
}
