package org.opensmm.account;

import org.opensmm.db.Database;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a signed-in customer changes about their own account: email, password, time zone and language. */
public final class Profiles {
    /** The languages with a message bundle shipped; a customer picks one of these. */
    public static final List<String> LANGUAGES = List.of("en", "es");

    /** How a customer reads the website: times in their zone, words and numbers in their language. */
    public record Preferences(ZoneId zone, Locale locale) {
        public static final Preferences DEFAULT = new Preferences(ZoneId.of("UTC"), Locale.ENGLISH);

        /** A stored pair; a zone that no longer parses (tz data changes) reads as UTC rather than failing the page. */
        static Preferences of(String timezone, String language) {
            ZoneId zone;
            try {
                zone = ZoneId.of(timezone);
            } catch (DateTimeException | NullPointerException e) {
                zone = DEFAULT.zone();
            }
            return new Preferences(zone, language == null ? DEFAULT.locale() : Locale.forLanguageTag(language));
        }
    }

    /** A signed-in customer with their preferences, read in one query: every page asks for both. */
    public record Visitor(Customer customer, Preferences preferences) {}

    /** What {@link #visitor(ResultSet)} reads, first in a select list over {@code customer c}. */
    public static final String VISITOR_COLUMNS = "c.id, c.name, c.balance, c.enabled, c.created_at, c.timezone, c.language";

    public record Profile(long id, String name, String email, boolean verified, boolean twoFactor, String timezone, String language) {}

    /** Why a change is refused: the website words each. */
    public enum Refusal { WRONG_PASSWORD, EMAIL_INVALID, EMAIL_TAKEN, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, TIMEZONE_INVALID, LANGUAGE_INVALID }

    private static final String FIND = """
            SELECT id, name, email, email_verified_at IS NOT NULL, totp_secret IS NOT NULL, timezone, language FROM customer WHERE id = ?""";

    private final Database db;
    private final Passwords passwords;
    private final Links links;

    public Profiles(Database db, Passwords passwords, Links links) {
        this.db = db;
        this.passwords = passwords;
        this.links = links;
    }

    /** The visitor of a row that starts with {@link #VISITOR_COLUMNS}; null where they are null (no customer joined). */
    public static Visitor visitor(ResultSet rs) throws SQLException {
        if (rs.getObject(1) == null) return null;
        return new Visitor(Accounts.customer(rs), Preferences.of(rs.getString(6), rs.getString(7)));
    }

    public Optional<Profile> find(long customer) {
        return db.read(tx -> tx.one(FIND, rs -> new Profile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                rs.getBoolean(5), rs.getString(6), rs.getString(7)), customer));
    }

    /** A new address, unverified until its link is followed (a link is mailed to it). Needs the current password. */
    public Optional<Refusal> changeEmail(long customer, String password, String email) {
        String mail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!Passwords.emailValid(mail)) return Optional.of(Refusal.EMAIL_INVALID);
        if (!passwords.matches(customer, password)) return Optional.of(Refusal.WRONG_PASSWORD);
        Optional<Refusal> out = db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM customer WHERE LOWER(email) = ? AND id <> ?", mail, customer) > 0) return Optional.of(Refusal.EMAIL_TAKEN);
            try {
                tx.update("UPDATE customer SET email = ?, email_verified_at = NULL WHERE id = ? AND (email IS NULL OR email <> ?)", mail, customer, mail);
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) return Optional.of(Refusal.EMAIL_TAKEN);
                throw e;
            }
            return Optional.<Refusal>empty();
        });
        if (out.isEmpty() && !find(customer).map(Profile::verified).orElse(true)) links.sendVerification(customer);
        return out;
    }

    /** A new password, given the current one. */
    public Optional<Refusal> changePassword(long customer, String current, String next) {
        var weak = Passwords.weakness(next);
        if (weak.isPresent()) return Optional.of(weak.get() == Passwords.SignUpRefusal.PASSWORD_TOO_LONG
                ? Refusal.PASSWORD_TOO_LONG : Refusal.PASSWORD_TOO_SHORT);
        if (!passwords.matches(customer, current)) return Optional.of(Refusal.WRONG_PASSWORD);
        String hash = Passwords.hash(next);
        db.inTransaction(tx -> tx.update("UPDATE customer SET password_hash = ? WHERE id = ?", hash, customer));
        return Optional.empty();
    }

    /** The language alone (one of {@link #LANGUAGES}; another is ignored): a new customer keeps the one they signed up in. */
    public void setLanguage(long customer, String language) {
        if (LANGUAGES.contains(language)) db.inTransaction(tx -> tx.update("UPDATE customer SET language = ? WHERE id = ?", language, customer));
    }

    /** Time zone (an IANA name such as Europe/Berlin) and language (one of {@link #LANGUAGES}). */
    public Optional<Refusal> setPreferences(long customer, String timezone, String language) {
        String zone = zoneName(timezone).orElse(null);
        if (zone == null) return Optional.of(Refusal.TIMEZONE_INVALID);
        if (!LANGUAGES.contains(language)) return Optional.of(Refusal.LANGUAGE_INVALID);
        db.inTransaction(tx -> tx.update("UPDATE customer SET timezone = ?, language = ? WHERE id = ?", zone, language, customer));
        return Optional.empty();
    }

    /** The zone's IANA name as stored (customers' and staff's alike), or empty when it is none. */
    static Optional<String> zoneName(String timezone) {
        String zone = timezone == null ? "" : timezone.strip();
        try {
            // IANA names only: the database groups days by the same name, and it reads a bare offset the POSIX way round
            return zone.isEmpty() || zone.length() > 64 || !ZoneId.getAvailableZoneIds().contains(ZoneId.of(zone).getId())
                    ? Optional.empty() : Optional.of(ZoneId.of(zone).getId());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
