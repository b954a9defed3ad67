package org.opensmm.admin;

import org.opensmm.account.ApiKey;
import org.opensmm.db.Database;
import org.opensmm.web.Site;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin pages' sessions, kept like the website's ({@link org.opensmm.web.Sessions}): in the database, the cookie's
 * 256 random bits stored as their SHA-256 only, a CSRF token each, over after {@code idle} unused. Their own table and
 * cookie: a customer's session never opens /admin.
 */
final class StaffSessions {
    static final String COOKIE = "opensmm_admin";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String FIND = "SELECT staff_id, csrf, last_seen, needs_code FROM staff_session WHERE id_hash = ?";
    private static final String INSERT = "INSERT INTO staff_session (id_hash, staff_id, csrf, created_at, last_seen, needs_code) VALUES (?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final Clock clock;
    private final Duration idle;

    StaffSessions(Database db, Clock clock, Duration idle) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
    }

    /**
     * A live session: its hash, the staff member (null: none yet), its CSRF token, and whether the member has yet to
     * give their second-factor code (then the session signs no one in).
     */
    record Session(String idHash, Long staff, String csrf, boolean needsCode) {}

    record Started(String token, Session session) {}

    Optional<Session> find(String token) {
        if (token == null || token.length() != 43) return Optional.empty();
        String hash = ApiKey.sha256(token);
        long now = clock.millis();
        record Row(Long staff, String csrf, long lastSeen, boolean needsCode) {}
        var row = db.read(tx -> tx.one(FIND, rs -> new Row(rs.getObject(1, Long.class), rs.getString(2), rs.getLong(3), rs.getBoolean(4)), hash));
        if (row.isEmpty()) return Optional.empty();
        if (row.get().lastSeen() < now - idle.toMillis()) {
            end(hash);
            return Optional.empty();
        }
        if (row.get().lastSeen() < now - TOUCH_EVERY.toMillis()) {
            db.inTransaction(tx -> tx.update("UPDATE staff_session SET last_seen = ? WHERE id_hash = ?", now, hash));
        }
        return Optional.of(new Session(hash, row.get().staff(), row.get().csrf(), row.get().needsCode()));
    }

    /** A new session (signing in always starts one: a planted id is worth nothing after it); sweeps expired ones. */
    Started start(Long staff, boolean needsCode) {
        String token = random();
        String csrf = random();
        long now = clock.millis();
        String hash = ApiKey.sha256(token);
        db.inTransaction(tx -> {
            tx.update("DELETE FROM staff_session WHERE last_seen < ?", now - idle.toMillis());
            return tx.update(INSERT, hash, staff, csrf, now, now, needsCode);
        });
        return new Started(token, new Session(hash, staff, csrf, needsCode));
    }

    void end(String idHash) {
        db.inTransaction(tx -> tx.update("DELETE FROM staff_session WHERE id_hash = ?", idHash));
    }

    static String cookie(String header) { return Site.cookie(header, COOKIE); }

    /** Sent to /admin only; HttpOnly, SameSite=Strict, Secure over TLS; ends with the browser. */
    static String setCookie(String token, boolean secure) {
        return COOKIE + "=" + token + "; Path=/admin; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static String clearCookie(boolean secure) {
        return COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
