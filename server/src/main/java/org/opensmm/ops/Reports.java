package org.opensmm.ops;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The operator's money figures over orders placed in a time range: orders, revenue (our charges less refunds), cost (what
 * each order's provider says it charged us, as recorded on the order) and profit, in one total or grouped by day,
 * service, provider or customer. Drip-feed runs and subscription posts add their money to the figures but are not
 * counted as orders of their own.
 */
public final class Reports {
    /** What the rows are grouped by: each a SQL key (sorted on) and the label shown for it. */
    public enum By {
        DAY("to_char(to_timestamp(o.created_at / 1000.0) AT TIME ZONE ?, 'YYYY-MM-DD')", null), // in the reader's zone
        SERVICE("o.service_id", "'#' || o.service_id || ' ' || MIN(s.name)"),
        PROVIDER("COALESCE(p.name, '')", null),
        CUSTOMER("c.name", null);

        final String key;
        final String label;

        By(String key, String label) {
            this.key = key;
            this.label = label == null ? key : label;
        }

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        /** DAY for anything unknown: the report every operator starts from. */
        public static By parse(String text) {
            for (By b : values()) if (b.wire().equals(text)) return b;
            return DAY;
        }
    }

    /** One line: {@code label} is the day, "#id name" of the service, the provider's name ("" for none) or the customer. */
    public record Line(String label, long orders, Money revenue, Money cost) {
        public Money profit() { return revenue.minus(cost); }
    }

    public record Report(List<Line> lines, Line total) {}

    private static final String FROM = """
             FROM orders o JOIN service s ON s.id = o.service_id JOIN customer c ON c.id = o.customer_id
            LEFT JOIN provider p ON p.id = o.provider_id WHERE o.created_at >= ? AND o.created_at < ?""";
    private static final String FIGURES = """
            COUNT(*) FILTER (WHERE o.parent_id IS NULL), COALESCE(SUM(o.charge - o.refunded), 0), COALESCE(SUM(o.upstream_charge), 0)""";

    private final Database db;

    public Reports(Database db) { this.db = db; }

    /**
     * Orders placed from {@code from} (inclusive) to {@code to} (exclusive), epoch ms, grouped {@code by}; days are those
     * of {@code zone} (an IANA name, which the database knows too).
     */
    public Report report(By by, long from, long to, ZoneId zone) {
        boolean day = by == By.DAY; // its key takes the zone, so it is grouped by position
        String sql = "SELECT " + by.label + ", " + FIGURES + FROM + (day ? " GROUP BY 1 ORDER BY 1" : " GROUP BY " + by.key + " ORDER BY " + by.key);
        Object[] args = day ? new Object[] {zone.getId(), from, to} : new Object[] {from, to};
        return db.read(tx -> new Report(tx.list(sql, Reports::line, args), total(tx, from, to)));
    }

    /** All orders placed in the range, as one line labelled "total". */
    public Line total(long from, long to) { return db.read(tx -> total(tx, from, to)); }

    private static Line total(Tx tx, long from, long to) throws SQLException {
        return tx.one("SELECT 'total', " + FIGURES + FROM, Reports::line, from, to).orElseThrow();
    }

    private static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getString(1), rs.getLong(2), new Money(rs.getLong(3)), new Money(rs.getLong(4)));
    }
}
