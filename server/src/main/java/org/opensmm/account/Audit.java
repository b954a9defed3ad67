package org.opensmm.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log: who changed what, before and after. The only place that writes it, always in the transaction of the
 * change it records, so a change and its row commit or roll back together. Rows are never updated nor deleted.
 */
public final class Audit {
    /** Money as its wire text ("12.5"), as operators read it everywhere else. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Money.class, new ToStringSerializer(Money.class)));
    private static final String INSERT = """
            INSERT INTO audit (actor, staff_id, customer_id, action, object_type, object_id, before_json, after_json, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String COLUMNS = "id, actor, action, object_type, object_id, before_json, after_json, created_at";
    private static final Clock CLOCK = Clock.systemUTC();

    private Audit() {}

    /**
     * One row for one change. {@code before}/{@code after} are records or maps written as JSON (null: none, e.g. before
     * a creation).
     */
    public static void record(Tx tx, Actor who, String action, String objectType, Object id, Object before, Object after) throws SQLException {
        Long staff = who instanceof Actor.Staff s ? Long.valueOf(s.staffId()) : null;
        Long customer = switch (who) {
            case Actor.Key k -> k.customerId();
            case Actor.Customer c -> c.customerId();
            default -> null;
        };
        tx.update(INSERT, who.describe(), staff, customer, action, objectType, String.valueOf(id), json(before), json(after), CLOCK.millis());
    }

    public record Entry(long id, String actor, String action, String objectType, String objectId, String before, String after, long at) {}

    /** Newest first; {@code actor} matches Actor.describe() exactly, {@code object} is "type" or "type:id"; nulls match all. */
    public static List<Entry> list(Database db, String actor, String object, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (actor != null) { where.append(" AND actor = ?"); args.add(actor); }
        if (object != null) {
            int colon = object.indexOf(':');
            where.append(" AND object_type = ?");
            args.add(colon < 0 ? object : object.substring(0, colon));
            if (colon >= 0) { where.append(" AND object_id = ?"); args.add(object.substring(colon + 1)); }
        }
        args.add(limit);
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM audit" + where + " ORDER BY id DESC LIMIT ?",
                rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8)), args.toArray()));
    }

    static String json(Object value) {
        if (value == null) return null;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " for the audit log", e);
        }
    }
}
