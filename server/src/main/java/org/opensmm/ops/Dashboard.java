package org.opensmm.ops;

import org.opensmm.db.Database;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.ticket.Tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The admin dashboard's figures: orders and revenue (charges less refunds) per period, and what waits for a person. */
public final class Dashboard {
    /** One period since {@code from} (epoch ms): orders placed and revenue, charges less refunds, in that time. */
    public record Period(String name, long from, long orders, Money revenue) {}

    /** The periods (today, 7 and 30 days) and the counts that wait: FAIL orders, MANUAL orders, open tickets. */
    public record Figures(List<Period> periods, long failed, long manual, long openTickets) {}

    private static final String ORDERS = "SELECT COUNT(*) FROM orders WHERE created_at >= ?";
    // a charge is a negative entry, its refund a positive one: revenue is minus their sum
    private static final String REVENUE = "SELECT COALESCE(-SUM(amount), 0) FROM ledger_entry WHERE kind IN (?, ?) AND created_at >= ?";
    private static final String WAITING = "SELECT COUNT(*) FROM orders WHERE stage = ? AND " + Status.UNFINISHED;
    private static final String TICKETS = "SELECT COUNT(*) FROM ticket WHERE status = ?";

    private final Database db;
    private final Clock clock;

    public Dashboard(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Figures figures() {
        long now = clock.millis();
        long today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return db.read(tx -> {
            var periods = new java.util.ArrayList<Period>();
            for (var p : List.of(java.util.Map.entry("today", today), java.util.Map.entry("7d", now - Duration.ofDays(7).toMillis()),
                    java.util.Map.entry("30d", now - Duration.ofDays(30).toMillis()))) {
                periods.add(new Period(p.getKey(), p.getValue(), tx.count(ORDERS, p.getValue()),
                        new Money(tx.count(REVENUE, Ledger.Kind.CHARGE.name(), Ledger.Kind.REFUND.name(), p.getValue()))));
            }
            return new Figures(List.copyOf(periods), tx.count(WAITING, Stage.FAIL.name()), tx.count(WAITING, Stage.MANUAL.name()),
                    tx.count(TICKETS, Tickets.State.PENDING.wire()));
        });
    }
}
