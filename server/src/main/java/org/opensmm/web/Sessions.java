package org.opensmm.web;

import org.opensmm.account.ApiKey;
import org.opensmm.account.Profiles;
import org.opensmm.db.Database;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Browser sessions in the database, so every node behind one load balancer knows them. The cookie holds 256 random
 * bits; the table holds their SHA-256 only. A session unused for {@code idle} is over. Each carries its own CSRF
 * token (a synchronizer token): every state-changing form sends it back, and a form without it changes nothing.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_seen is written at most this often per session: most page views then cost no write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    // the session and its customer in one round trip: every page view starts with it
    private static final String FIND = "SELECT " + Profiles.VISITOR_COLUMNS + """
            , s.customer_id, s.csrf, s.last_seen, s.pending_customer_id, s.pending_failures
            FROM web_session s LEFT JOIN customer c ON c.id = s.customer_id WHERE s.id_hash = ?""";
    private static final String INSERT = "INSERT INTO web_session (id_hash, customer_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)";

    private final Database db;
    private final Clock clock;
    private final Duration idle;

    public Sessions(Database db, Clock clock, Duration idle) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
    }

    /** A session as a request sees it: whose (null while signed out) and its CSRF token. */
    public record Session(String idHash, Long customer, String csrf, Long pending, int pendingFailures) {
        public Session(String idHash, Long customer, String csrf) { this(idHash, customer, csrf, null, 0); }

        public boolean signedIn() { return customer != null; }

        /** True when {@code sent} is this session's CSRF token (compared in constant time). */
        public boolean csrfMatches(String sent) {
            return sent != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new session and the token for its cookie; shown once, never stored. */
    public record Started(String token, Session session) {}

    /** The live session of a cookie's token; an expired one is deleted and empty. */
    public Optional<Session> find(String token) { return seen(token).map(Seen::session); }

    /** A live session and its signed-in customer (null while signed out). */
    public record Seen(Session session, Profiles.Visitor visitor) {}

    /** The live session of a cookie's token with its customer, read together; an expired one is deleted and empty. */
    public Optional<Seen> seen(String token) {
        if (token == null || token.length() != 43) return Optional.empty();
        String hash = ApiKey.sha256(token);
        long now = clock.millis();
        record Row(Profiles.Visitor visitor, Long customer, String csrf, long lastSeen, Long pending, int failures) {}
        var row = db.read(tx -> tx.one(FIND, rs -> new Row(Profiles.visitor(rs), (Long) rs.getObject(8, Long.class),
                rs.getString(9), rs.getLong(10), (Long) rs.getObject(11, Long.class), rs.getInt(12)), hash));
        if (row.isEmpty()) return Optional.empty();
        if (row.get().lastSeen() < now - idle.toMillis()) {
            end(hash);
            return Optional.empty();
        }
        if (row.get().lastSeen() < now - TOUCH_EVERY.toMillis()) {
            db.inTransaction(tx -> tx.update("UPDATE web_session SET last_seen = ? WHERE id_hash = ?", now, hash));
        }
        var session = new Session(hash, row.get().customer(), row.get().csrf(), row.get().pending(), row.get().failures());
        return Optional.of(new Seen(session, row.get().visitor()));
    }

    /**
     * Starts a session for {@code customer} (null: signed out, for the sign-in form's token). Signing in always starts
     * a new one, so a session id planted before sign-in is worth nothing after it. Sweeps expired sessions on the way.
     */
    public Started start(Long customer) {
        String token = random();
        String csrf = random();
        long now = clock.millis();
        String hash = ApiKey.sha256(token);
        db.inTransaction(tx -> {
            tx.update("DELETE FROM web_session WHERE last_seen < ?", now - idle.toMillis());
            // a session with a customer is a sign-in: kept for staff (Admin API users' last_auth)
            if (customer != null) tx.update("UPDATE customer SET last_auth_at = ? WHERE id = ?", now, customer);
            return tx.update(INSERT, hash, customer, csrf, now, now);
        });
        return new Started(token, new Session(hash, customer, csrf));
    }

    /**
     * A signed-out session for a customer whose password was right and whose second step (a TOTP or recovery code) is
     * still to come: it signs nobody in, it only remembers who is half-way.
     */
    public Started startPending(long customer) {
        var started = start(null);
        db.inTransaction(tx -> tx.update("UPDATE web_session SET pending_customer_id = ? WHERE id_hash = ?", customer, started.session().idHash()));
        return new Started(started.token(), new Session(started.session().idHash(), null, started.session().csrf(), customer, 0));
    }

    /** Counts a wrong second-step code; the count so far. */
    public int secondStepFailed(String idHash) {
        return db.inTransaction(tx -> tx.one("UPDATE web_session SET pending_failures = pending_failures + 1 WHERE id_hash = ? RETURNING pending_failures",
                rs -> rs.getInt(1), idHash)).orElse(0);
    }

    public void end(String idHash) {
        db.inTransaction(tx -> tx.update("DELETE FROM web_session WHERE id_hash = ?", idHash));
    }

    /** 256 random bits, base64url without padding: 43 characters. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
