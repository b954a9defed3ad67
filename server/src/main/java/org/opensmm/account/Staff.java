package org.opensmm.account;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff accounts (owner, manager, support) and their Admin API keys. A password is kept as a BCrypt hash; a key as its
 * keyed hash ({@link KeyHash}), like customers' keys, and it acts with its account's role while both are enabled.
 */
public final class Staff {
    /** {@code timezone}: the IANA zone the member reads admin pages in; null: UTC. */
    public record Member(long id, String username, Role role, boolean enabled, long createdAt, String timezone) {
        /** The zone for times on admin pages; one that no longer parses reads as UTC, as a customer's does. */
        public java.time.ZoneId zone() { return Profiles.Preferences.of(timezone, null).zone(); }
    }

    public record Added(Member member, String password) {}

    public record Issued(long keyId, Member member, ApiKey key) {}

    public record Key(long id, long staffId, long createdAt, Long revokedAt) {}

    /** Who an Admin API key speaks for: the key's own id (rate limits are per key) and its account. */
    public record Caller(long keyId, Member member) {
        public Actor actor() { return new Actor.Staff(member.id()); }
    }

    private static final String COLUMNS = "id, username, role, enabled, created_at, timezone";
    private static final String BY_KEY = """
            SELECT s.id, s.username, s.role, s.enabled, s.created_at, s.timezone, k.id FROM staff_key k JOIN staff s ON s.id = k.staff_id
            WHERE k.key_hash = ? AND k.revoked_at IS NULL AND s.enabled""";
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MIN_PASSWORD = 12;

    private final Database db;
    private final Clock clock;
    private final KeyHash keyHash;
    /** The purpose two-factor secrets are sealed for, customers' and staff's alike. */
    public static final String TWO_FACTOR = "two-factor";
    private final Sealer twoFactorSecrets;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    public Staff(Database db, Clock clock, KeyHash keyHash) {
        this.db = db;
        this.clock = clock;
        this.keyHash = keyHash;
        this.twoFactorSecrets = keyHash.sealer(TWO_FACTOR);
    }

    /** A new staff account with {@code password}, or a random one (returned once) when null. */
    public Added add(Actor who, String username, Role role, String password) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) throw new Refused("a staff username is 1 to 100 letters, digits or . _ @ -");
        String chosen = password == null ? randomPassword() : password;
        if (chosen.length() < MIN_PASSWORD) throw new Refused("a staff password is at least " + MIN_PASSWORD + " characters");
        String hash = passwords.encode(chosen);
        return db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM staff WHERE lower(username) = lower(?)", name) > 0) {
                throw new Refused("a staff account named '" + name + "' already exists");
            }
            long id = tx.insert("INSERT INTO staff (username, password_hash, role, enabled, created_at) VALUES (?, ?, ?, TRUE, ?)",
                    name, hash, role.wire(), clock.millis());
            Member m = find(tx, id).orElseThrow();
            Audit.record(tx, who, "staff.add", "staff", id, null, m);
            return new Added(m, chosen);
        });
    }

    public List<Member> list() {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM staff ORDER BY id", Staff::member));
    }

    public Optional<Member> find(long id) { return db.read(tx -> find(tx, id)); }

    public Optional<Member> findByName(String username) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM staff WHERE lower(username) = lower(?)", Staff::member,
                username == null ? "" : username.strip()));
    }

    /** A disabled account can neither sign in nor use its keys. */
    public Member setEnabled(Actor who, String username, boolean enabled) {
        return db.inTransaction(tx -> {
            Member before = named(tx, username);
            tx.update("UPDATE staff SET enabled = ? WHERE id = ?", enabled, before.id());
            keepAnOwner(tx, before);
            Member after = find(tx, before.id()).orElseThrow();
            Audit.record(tx, who, enabled ? "staff.enable" : "staff.disable", "staff", before.id(), before, after);
            return after;
        });
    }

    /** The account acts with {@code role} from its next request on, in the admin pages and through its keys. */
    public Member setRole(Actor who, String username, Role role) {
        return db.inTransaction(tx -> {
            Member before = named(tx, username);
            tx.update("UPDATE staff SET role = ? WHERE id = ?", role.wire(), before.id());
            keepAnOwner(tx, before);
            Member after = find(tx, before.id()).orElseThrow();
            if (!after.equals(before)) Audit.record(tx, who, "staff.role", "staff", before.id(), before, after);
            return after;
        });
    }

    /** A member who lost their authenticator signs in with the password alone until they set up a new one. */
    public void resetTwoFactor(Actor who, String username) {
        db.inTransaction(tx -> {
            Member m = named(tx, username);
            if (tx.update("UPDATE staff SET totp_secret = NULL WHERE id = ? AND totp_secret IS NOT NULL", m.id()) == 1) {
                Audit.record(tx, who, "staff.2fa-reset", "staff", m.id(), Map.of("twoFactor", true), Map.of("twoFactor", false));
            }
            return null;
        });
    }

    // Whoever changes roles or disables accounts, the last enabled owner stays one: nobody else may manage staff.
    private static void keepAnOwner(Tx tx, Member before) throws SQLException {
        if (before.enabled() && before.role() == Role.OWNER && tx.count("SELECT COUNT(*) FROM staff WHERE role = ? AND enabled", Role.OWNER.wire()) == 0) {
            throw new Refused("the panel needs at least one enabled owner; nothing changed");
        }
    }

    /** A new Admin API key for the account: shown once, only its hash kept. */
    public Issued newKey(Actor who, String username) {
        ApiKey key = ApiKey.generate();
        return newKey(who, username, key);
    }

    public Issued newKey(Actor who, String username, ApiKey key) {
        return db.inTransaction(tx -> {
            Member m = named(tx, username);
            if (tx.count("SELECT COUNT(*) FROM staff_key WHERE key_hash = ?", keyHash.of(key.value())) > 0) {
                throw new Refused("that key is already in use");
            }
            long id = tx.insert("INSERT INTO staff_key (staff_id, key_hash, created_at) VALUES (?, ?, ?)", m.id(), keyHash.of(key.value()), clock.millis());
            Audit.record(tx, who, "staff.key-add", "staff_key", id, null, Map.of("staff", m.username(), "staffId", m.id()));
            return new Issued(id, m, key);
        });
    }

    public List<Key> keys(String username) {
        return db.read(tx -> {
            Member m = named(tx, username);
            return tx.list("SELECT id, staff_id, created_at, revoked_at FROM staff_key WHERE staff_id = ? ORDER BY id",
                    rs -> new Key(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, Long.class)), m.id());
        });
    }

    /** The key stops working at once. */
    public void revokeKey(Actor who, long keyId) {
        db.inTransaction(tx -> {
            if (tx.update("UPDATE staff_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", clock.millis(), keyId) != 1) {
                throw new Refused("no working staff key " + keyId + " (see: opensmm staff keys list NAME)");
            }
            Audit.record(tx, who, "staff.key-revoke", "staff_key", keyId, Map.of("revoked", false), Map.of("revoked", true));
            return null;
        });
    }

    /** The enabled staff member this Admin API key belongs to; empty for an unknown or revoked key or a disabled account. */
    public Optional<Caller> caller(String key) {
        if (key == null || key.isBlank() || key.length() > 200) return Optional.empty();
        return db.read(tx -> tx.one(BY_KEY, rs -> new Caller(rs.getLong(7), member(rs)), keyHash.of(key.strip())));
    }

    /** For the admin pages' sign-in (later): the enabled member whose password this is. */
    public Optional<Member> signIn(String username, String password) {
        var row = db.read(tx -> tx.one("SELECT " + COLUMNS + ", password_hash FROM staff WHERE lower(username) = lower(?)",
                rs -> Map.entry(member(rs), rs.getString(7)), username == null ? "" : username.strip()));
        return row.filter(r -> r.getKey().enabled() && password != null && passwords.matches(password, r.getValue())).map(Map.Entry::getKey);
    }

    /**
     * The admin pages' sign-in, throttled per username and per client address like the website's (its own throttle):
     * empty for a wrong password, a disabled account, or while blocked.
     */
    public Optional<Member> signIn(String username, String password, String address, SignInThrottle throttle) {
        String name = "staff:" + (username == null ? "" : username.strip());
        if (throttle.blocked(name, address)) return Optional.empty();
        var member = signIn(username, password);
        if (member.isEmpty()) throttle.failed(name, address);
        else throttle.succeeded(name);
        return member;
    }

    /** The member's own time zone for admin pages (an IANA name such as Asia/Tokyo); audited. */
    public void setTimezone(Actor who, long staffId, String timezone) {
        String zone = Profiles.zoneName(timezone)
                .orElseThrow(() -> new Refused("a time zone is an IANA name such as Europe/Berlin", "refused.timezone"));
        db.inTransaction(tx -> {
            Member before = find(tx, staffId).orElseThrow(() -> new Refused("no staff member " + staffId));
            tx.update("UPDATE staff SET timezone = ? WHERE id = ?", zone, staffId);
            Audit.record(tx, who, "staff.timezone", "staff", staffId, Map.of("timezone", String.valueOf(before.timezone())),
                    Map.of("timezone", zone));
            return null;
        });
    }

    /** True when the member signs in with a code besides the password. */
    public boolean hasTwoFactor(long staffId) {
        return db.read(tx -> tx.count("SELECT COUNT(*) FROM staff WHERE id = ? AND totp_secret IS NOT NULL", staffId)) > 0;
    }

    /** Turns the second factor on with {@code secret}, once a code of it proves the app has it; audited, the secret never. */
    public void enableTwoFactor(Actor who, long staffId, String secret, String code) {
        if (secret == null || !secret.matches("[A-Z2-7]{32}") || !StaffTwoFactor.matches(secret, code, clock.millis())) {
            throw new Refused("that code does not match the secret; nothing changed");
        }
        db.inTransaction(tx -> {
            tx.update("UPDATE staff SET totp_secret = ? WHERE id = ?", twoFactorSecrets.seal(secret), staffId);
            Audit.record(tx, who, "staff.2fa-on", "staff", staffId, Map.of("twoFactor", false), Map.of("twoFactor", true));
            return null;
        });
    }

    /** The second step of a sign-in: the code of the member's secret now (throttled like passwords). */
    public boolean codeMatches(long staffId, String code, String address, SignInThrottle throttle) {
        String name = "staff-code:" + staffId;
        if (throttle.blocked(name, address)) return false;
        var secret = db.read(tx -> tx.one("SELECT totp_secret FROM staff WHERE id = ? AND enabled",
                rs -> twoFactorSecrets.open(rs.getString(1)), staffId));
        boolean ok = secret.isPresent() && secret.get() != null && StaffTwoFactor.matches(secret.get(), code, clock.millis());
        if (ok) throttle.succeeded(name);
        else throttle.failed(name, address);
        return ok;
    }

    static String randomPassword() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(out);
    }

    private static Member named(Tx tx, String username) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM staff WHERE lower(username) = lower(?) FOR UPDATE", Staff::member,
                username == null ? "" : username.strip()).orElseThrow(() -> new Refused("no staff account '" + username + "' (see: opensmm staff list)"));
    }

    private static Optional<Member> find(Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM staff WHERE id = ?", Staff::member, id);
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3)), rs.getBoolean(4), rs.getLong(5), rs.getString(6));
    }
}
