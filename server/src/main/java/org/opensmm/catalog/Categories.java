package org.opensmm.catalog;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The shelf: categories in the order customers see them, and services in their order within a category. Services name
 * their category; the {@code category} table only orders the names, so a category a service names but the table does
 * not (added by the CLI) still shows, after the ordered ones, in the order of their first service.
 */
public final class Categories {
    /** Every category named by the table or by a service, in shelf order. */
    private static final String LIST = """
            SELECT n.name FROM (SELECT name, NULL AS first FROM category UNION ALL SELECT category, MIN(id) FROM service GROUP BY category) n
            LEFT JOIN category c ON c.name = n.name
            GROUP BY n.name, c.position ORDER BY COALESCE(c.position, 2147483647), MIN(n.first), n.name""";
    private static final String SERVICES_OF = "SELECT id FROM service WHERE category = ? ORDER BY position NULLS LAST, id FOR UPDATE";
    public static final int MAX_NAME = 200;

    private final Database db;
    private final Catalog catalog;

    public Categories(Database db, Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    public List<String> list() { return db.read(tx -> tx.list(LIST, rs -> rs.getString(1))); }

    /** A person adds an empty category at the end of the shelf. */
    public void add(Actor who, String name) {
        String n = name(name);
        db.inTransaction(tx -> {
            List<String> all = shelf(tx);
            if (all.contains(n)) throw new Refused("a category named '" + n + "' exists already", "refused.category_exists", n);
            all.add(n);
            arrange(tx, all);
            Audit.record(tx, who, "category.add", "category", n, null, Map.of("name", n, "position", all.size()));
            return null;
        });
    }

    /** A person renames a category: its services move with it, in one transaction. */
    public void rename(Actor who, String from, String to) {
        String n = name(to);
        catalog.forget();
        try {
            db.inTransaction(tx -> {
                List<String> all = shelf(tx);
                int at = all.indexOf(from);
                if (at < 0) throw new Refused("no category '" + from + "'", "refused.no_category", from);
                if (n.equals(from)) return null;
                if (all.contains(n)) throw new Refused("a category named '" + n + "' exists already", "refused.category_exists", n);
                int moved = tx.update("UPDATE service SET category = ? WHERE category = ?", n, from);
                all.set(at, n);
                arrange(tx, all);
                Audit.record(tx, who, "category.rename", "category", from, Map.of("name", from), Map.of("name", n, "services", moved));
                return null;
            });
        } finally {
            catalog.forget();
        }
    }

    /** A person moves a category one place up (towards the top) or down. */
    public void move(Actor who, String name, boolean up) {
        db.inTransaction(tx -> {
            List<String> all = shelf(tx);
            int at = all.indexOf(name);
            if (at < 0) throw new Refused("no category '" + name + "'", "refused.no_category", name);
            if (swap(all, at, up)) {
                arrange(tx, all);
                Audit.record(tx, who, "category.move", "category", name, Map.of("position", at + 1),
                        Map.of("position", all.indexOf(name) + 1));
            }
            return null;
        });
    }

    /** A person moves a service one place up or down within its category. */
    public void moveService(Actor who, long id, boolean up) {
        db.inTransaction(tx -> {
            Service s = catalog.find(tx, id).orElseThrow(() -> new Refused("no service " + id, "refused.no_service", id));
            List<Long> ids = tx.list(SERVICES_OF, rs -> rs.getLong(1), s.category());
            int at = ids.indexOf(id);
            if (swap(ids, at, up)) {
                for (int i = 0; i < ids.size(); i++) tx.update("UPDATE service SET position = ? WHERE id = ?", i + 1, ids.get(i));
                Audit.record(tx, who, "service.move", "service", id, Map.of("position", at + 1), Map.of("position", ids.indexOf(id) + 1));
            }
            return null;
        });
    }

    /** The categories in order, the table locked: two reorders at once would each write the whole order. */
    private static List<String> shelf(Tx tx) throws SQLException {
        tx.update("LOCK TABLE category IN SHARE ROW EXCLUSIVE MODE");
        return tx.list(LIST, rs -> rs.getString(1));
    }

    /** Swaps the item at {@code at} with its neighbour; false at either end. */
    private static <T> boolean swap(List<T> items, int at, boolean up) {
        int to = up ? at - 1 : at + 1;
        if (at < 0 || to < 0 || to >= items.size()) return false;
        Collections.swap(items, at, to);
        return true;
    }

    /** Writes the whole shelf order: a few dozen rows, and no gaps or ties to reason about. */
    private static void arrange(Tx tx, List<String> names) throws SQLException {
        tx.update("DELETE FROM category");
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < names.size(); i++) rows.add(new Object[] {names.get(i), i + 1});
        tx.batch("INSERT INTO category (name, position) VALUES (?, ?)", rows);
    }

    private static String name(String text) {
        String n = text == null ? "" : text.strip();
        if (n.isEmpty()) throw new Refused("a category needs a name", "refused.category_name_missing");
        if (n.length() > MAX_NAME) {
            throw new Refused("a category name has at most " + MAX_NAME + " characters", "refused.category_name_long", MAX_NAME);
        }
        return n;
    }
}
