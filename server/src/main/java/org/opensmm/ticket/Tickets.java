package org.opensmm.ticket;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Support tickets: a customer's question and the answers. Staff read and answer them (Admin API, later the admin
 * pages); the website adds the customer's side. Messages are plain text: markup is stripped on the way in.
 */
public final class Tickets {
    public enum State { PENDING, ANSWERED, CLOSED;
        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code assignedTo}: the staff member who has it, null while nobody does. */
    public record Ticket(long id, long customerId, String user, String subject, State status, long createdAt, long updatedAt,
                         Long assignedTo) {}

    public record Message(long id, long ticketId, String message, boolean staff, String staffName, long createdAt) {}

    public record Page(long count, List<Ticket> list) {}

    private static final String SELECT = """
            SELECT t.id, t.customer_id, c.name, t.subject, t.status, t.created_at, t.updated_at, t.assigned_to
            FROM ticket t JOIN customer c ON c.id = t.customer_id""";
    private static final String MESSAGES = """
            SELECT id, ticket_id, message, is_staff, staff_name, created_at FROM ticket_message WHERE ticket_id = ? ORDER BY id""";
    private static final String ADD_MESSAGE = """
            INSERT INTO ticket_message (ticket_id, message, is_staff, staff_name, created_at) VALUES (?, ?, ?, ?, ?)""";
    static final int MAX_MESSAGE = 10_000;

    private final Database db;
    private final Clock clock;

    public Tickets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page list(List<State> states, String user, boolean ascending, int offset, int limit) {
        return list(states, user, null, ascending, offset, limit);
    }

    /** As {@link #list(List, String, boolean, int, int)}, only those assigned to staff member {@code assignedTo} when given. */
    public Page list(List<State> states, String user, Long assignedTo, boolean ascending, int offset, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (assignedTo != null) { where.append(" AND t.assigned_to = ?"); args.add(assignedTo); }
        if (states != null && !states.isEmpty()) {
            where.append(" AND t.status IN (").append(Tx.marks(states.size())).append(')');
            states.forEach(s -> args.add(s.wire()));
        }
        if (user != null) { where.append(" AND lower(c.name) = lower(?)"); args.add(user); }
        String dir = ascending ? "ASC" : "DESC";
        return db.read(tx -> {
            long count = tx.count("SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id" + where, args.toArray());
            var page = new ArrayList<>(args);
            page.add(limit);
            page.add(offset);
            return new Page(count, tx.list(SELECT + where + " ORDER BY t.created_at " + dir + ", t.id " + dir + " LIMIT ? OFFSET ?",
                    Tickets::ticket, page.toArray()));
        });
    }

    public Optional<Ticket> find(long id) { return db.read(tx -> find(tx, id)); }

    public List<Message> messages(long ticketId) {
        return db.read(tx -> tx.list(MESSAGES, Tickets::message, ticketId));
    }

    /** Staff answer a ticket: a staff message, and the ticket is answered. */
    public Message reply(Actor who, long ticketId, String text, String staffName) {
        String message = clean(text);
        String name = staffName == null || staffName.isBlank() ? "Admin API" : staffName.strip();
        if (name.length() > 100) throw new Refused("a staff name is at most 100 characters");
        long now = clock.millis();
        return db.inTransaction(tx -> {
            Ticket before = locked(tx, ticketId);
            long id = tx.insert(ADD_MESSAGE, ticketId, message, true, name, now);
            tx.update("UPDATE ticket SET status = ?, updated_at = ? WHERE id = ?", State.ANSWERED.wire(), now, ticketId);
            Message m = new Message(id, ticketId, message, true, name, now);
            Audit.record(tx, who, "ticket.reply", "ticket", ticketId, Map.of("status", before.status().wire()),
                    Map.of("status", State.ANSWERED.wire(), "message", id));
            return m;
        });
    }

    /** Gives the ticket to staff member {@code staffId} (null: to nobody); the customer sees no change. */
    public Ticket assign(Actor who, long ticketId, Long staffId) {
        return db.inTransaction(tx -> {
            Ticket before = locked(tx, ticketId);
            if (staffId != null && tx.count("SELECT COUNT(*) FROM staff WHERE id = ? AND enabled", staffId) == 0) {
                throw new Refused("no enabled staff member " + staffId);
            }
            tx.update("UPDATE ticket SET assigned_to = ? WHERE id = ?", staffId, ticketId);
            Ticket after = find(tx, ticketId).orElseThrow();
            Audit.record(tx, who, "ticket.assign", "ticket", ticketId, Map.of("assignedTo", String.valueOf(before.assignedTo())),
                    Map.of("assignedTo", String.valueOf(after.assignedTo())));
            return after;
        });
    }

    /** Staff close a ticket: the customer can no longer answer it. Closing a closed ticket changes nothing. */
    public Ticket close(Actor who, long ticketId) {
        return db.inTransaction(tx -> {
            Ticket before = locked(tx, ticketId);
            if (before.status() == State.CLOSED) return before;
            tx.update("UPDATE ticket SET status = ?, updated_at = ? WHERE id = ?", State.CLOSED.wire(), clock.millis(), ticketId);
            Audit.record(tx, who, "ticket.close", "ticket", ticketId, Map.of("status", before.status().wire()),
                    Map.of("status", State.CLOSED.wire()));
            return find(tx, ticketId).orElseThrow();
        });
    }

    private static Ticket locked(Tx tx, long ticketId) throws SQLException {
        return tx.one(SELECT + " WHERE t.id = ? FOR UPDATE OF t", Tickets::ticket, ticketId).orElseThrow(() -> new Refused("no ticket " + ticketId));
    }

    /** A customer's own tickets, newest activity first. */
    public List<Ticket> ofCustomer(long customerId, int limit) {
        return db.read(tx -> tx.list(SELECT + " WHERE t.customer_id = ? ORDER BY t.updated_at DESC, t.id DESC LIMIT ?",
                Tickets::ticket, customerId, limit));
    }

    /** The customer's own ticket, or empty: another customer's ticket looks exactly like a missing one. */
    public Optional<Ticket> ofCustomer(long customerId, long ticketId) {
        return find(ticketId).filter(t -> t.customerId() == customerId);
    }

    /** The customer answers their own ticket: a customer message, and the ticket waits for staff again. */
    public Message answer(Actor who, long customerId, long ticketId, String text) {
        String message = clean(text);
        long now = clock.millis();
        return db.inTransaction(tx -> {
            Ticket before = tx.one(SELECT + " WHERE t.id = ? FOR UPDATE OF t", Tickets::ticket, ticketId)
                    .filter(t -> t.customerId() == customerId).orElseThrow(() -> new Refused("no ticket " + ticketId));
            if (before.status() == State.CLOSED) throw new Refused("ticket " + ticketId + " is closed");
            long id = tx.insert(ADD_MESSAGE, ticketId, message, false, null, now);
            tx.update("UPDATE ticket SET status = ?, updated_at = ? WHERE id = ?", State.PENDING.wire(), now, ticketId);
            Audit.record(tx, who, "ticket.answer", "ticket", ticketId, Map.of("status", before.status().wire()),
                    Map.of("status", State.PENDING.wire(), "message", id));
            return new Message(id, ticketId, message, false, null, now);
        });
    }

    /** Opens a ticket in a customer's name, waiting for staff. */
    public Ticket open(Actor who, long customerId, String subject, String text) {
        String title = subject == null ? "" : subject.strip();
        if (title.isEmpty() || title.length() > 300) throw new Refused("a subject is 1 to 300 characters");
        String message = clean(text);
        long now = clock.millis();
        return db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM customer WHERE id = ?", customerId) == 0) throw new Refused("no customer " + customerId);
            long id = tx.insert("INSERT INTO ticket (customer_id, subject, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    customerId, title, State.PENDING.wire(), now, now);
            tx.insert(ADD_MESSAGE, id, message, false, null, now);
            Ticket t = find(tx, id).orElseThrow();
            Audit.record(tx, who, "ticket.open", "ticket", id, null, t);
            return t;
        });
    }

    /** Which of {@code ids} are the customer's orders: the numbers in their ticket that staff may follow to an order. */
    public java.util.Set<Long> ordersOf(long customerId, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return java.util.Set.of();
        var args = new ArrayList<Object>(ids);
        args.add(customerId);
        return db.read(tx -> new java.util.HashSet<>(tx.list("SELECT id FROM orders WHERE id IN (" + Tx.marks(ids.size())
                + ") AND customer_id = ?", rs -> rs.getLong(1), args.toArray())));
    }

    /** Plain text: tags removed, 1 to 10,000 characters. */
    static String clean(String text) {
        String plain = text == null ? "" : text.replaceAll("<[^>]*>", "").strip();
        if (plain.isEmpty() || plain.length() > MAX_MESSAGE) throw new Refused("a message is 1 to " + MAX_MESSAGE + " characters");
        return plain;
    }

    private static Optional<Ticket> find(Tx tx, long id) throws SQLException {
        return tx.one(SELECT + " WHERE t.id = ?", Tickets::ticket, id);
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                State.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getLong(6), rs.getLong(7),
                rs.getObject(8, Long.class));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getLong(6));
    }
}
