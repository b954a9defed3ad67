package org.opensmm.account;

import org.opensmm.db.Database;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Links that prove a person reads a mailbox: email verification and password reset. Each carries 256 random bits; the
 * table keeps their SHA-256 only, a link works once and expires (verify after two days, reset after an hour). Without
 * SMTP settings no mail goes out; an operator still prints a reset link with {@code customer reset-link}.
 */
public final class Links {
    private static final Logger LOG = Logger.getLogger(Links.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Purpose {
        VERIFY(Duration.ofDays(2), "/verify-email"), RESET(Duration.ofHours(1), "/reset-password/new");

        final Duration life;
        final String path;

        Purpose(Duration life, String path) {
            this.life = life;
            this.path = path;
        }

        String column() { return name().toLowerCase(Locale.ROOT); }
    }

    private static final String INSERT = """
            INSERT INTO account_link (token_hash, customer_id, purpose, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)""";
    /** Older unused links of the same purpose stop working when a new one is made: only the latest mail counts. */
    private static final String RETIRE = "UPDATE account_link SET used_at = ? WHERE customer_id = ? AND purpose = ? AND used_at IS NULL";
    /** The WHERE clause is the single-use guard: of two clicks racing on one link, one gets a row. */
    private static final String USE = """
            UPDATE account_link SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
            RETURNING customer_id, email""";
    private static final String SET_PASSWORD = """
            UPDATE customer SET password_hash = ?,
                   email_verified_at = CASE WHEN email IS NULL THEN NULL ELSE COALESCE(email_verified_at, ?) END WHERE id = ?""";
    private static final String LIVE = "SELECT customer_id FROM account_link WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?";

    private final Database db;
    private final Clock clock;
    private final Passwords passwords;
    private final String baseUrl;
    private final Supplier<SmtpMail.Settings> mail;
    private final Supplier<String> panelName;

    /**
     * @param mail      the SMTP settings as they are now (the operator changes them at /admin/settings); null: no mail is sent
     * @param panelName the name the mails sign with, as it is now
     */
    public Links(Database db, Clock clock, Passwords passwords, String baseUrl, Supplier<SmtpMail.Settings> mail, Supplier<String> panelName) {
        this.db = db;
        this.clock = clock;
        this.passwords = passwords;
        this.baseUrl = baseUrl;
        this.mail = mail;
        this.panelName = panelName;
    }

    public boolean mails() { return mail.get() != null; }

    /** A one-time password link for a customer (made by the CLI, or without a password yet); the operator hands it over. */
    public String resetLink(Actor who, long customer) {
        return db.inTransaction(tx -> {
            if (Accounts.find(tx, customer).isEmpty()) throw new Refused("no customer " + customer);
            String link = issue(tx, customer, Purpose.RESET, null);
            Audit.record(tx, who, "customer.reset_link", "customer", customer, null, Map.of("link", "issued"));
            return link;
        });
    }

    /** Mails a verification link to the customer's current address (nothing without SMTP settings or an address). */
    public void sendVerification(long customer) {
        SmtpMail.Settings smtp = mail.get();
        if (smtp == null) return;
        record To(String email, String name) {}
        var to = db.read(tx -> tx.one("SELECT email, name FROM customer WHERE id = ? AND email IS NOT NULL",
                rs -> new To(rs.getString(1), rs.getString(2)), customer));
        if (to.isEmpty()) return;
        String link = db.inTransaction(tx -> issue(tx, customer, Purpose.VERIFY, to.get().email()));
        String panel = panelName.get();
        send(smtp, to.get().email(), panel + ": confirm your email address", "Hello " + to.get().name() + ",\n\n"
                + "please confirm this is your address by opening this link within two days:\n\n" + link
                + "\n\nIf you did not sign up at " + panel + ", ignore this mail.\n");
    }

    /** Mails a reset link to the enabled customer with this address; says nothing either way (no address probing). */
    public void requestReset(String email) {
        SmtpMail.Settings smtp = mail.get();
        if (smtp == null || email == null || email.isBlank() || email.length() > 254) return;
        record To(long id, String email, String name) {}
        var to = db.read(tx -> tx.one("SELECT id, email, name FROM customer WHERE LOWER(email) = LOWER(?) AND enabled",
                rs -> new To(rs.getLong(1), rs.getString(2), rs.getString(3)), email.strip()));
        if (to.isEmpty()) return;
        String link = db.inTransaction(tx -> issue(tx, to.get().id(), Purpose.RESET, null));
        send(smtp, to.get().email(), panelName.get() + ": set a new password", "Hello " + to.get().name() + ",\n\n"
                + "open this link within an hour to choose a new password:\n\n" + link
                + "\n\nIf you did not ask for it, ignore this mail: your password stays as it is.\n");
    }

    /** Follows a verification link: the customer whose address it proved, if it was live and the address is still theirs. */
    public Optional<Long> verify(String token) {
        if (!wellFormed(token)) return Optional.empty();
        long now = clock.millis();
        return db.inTransaction(tx -> {
            record Used(long customer, String email) {}
            var used = tx.one(USE, rs -> new Used(rs.getLong(1), rs.getString(2)), now, ApiKey.sha256(token), Purpose.VERIFY.column(), now);
            if (used.isEmpty()) return Optional.<Long>empty();
            int rows = tx.update("UPDATE customer SET email_verified_at = ? WHERE id = ? AND LOWER(email) = LOWER(?)",
                    now, used.get().customer(), used.get().email());
            return rows == 1 ? Optional.of(used.get().customer()) : Optional.<Long>empty();
        });
    }

    /** True while a reset link can still be used (the form to choose a password is shown only then). */
    public boolean resetLive(String token) {
        if (!wellFormed(token)) return false;
        return db.read(tx -> tx.one(LIVE, rs -> rs.getLong(1), ApiKey.sha256(token), Purpose.RESET.column(), clock.millis())).isPresent();
    }

    /** Why a reset is refused: the link is used up or expired, or the new password is too short or too long. */
    public enum ResetRefusal { LINK_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG }

    /**
     * Sets a new password through a reset link, once. Every browser session of the customer ends (whoever was signed in
     * with the old password is out), and the address counts as verified: the mail reached it.
     */
    public Optional<ResetRefusal> reset(String token, String password) {
        var weak = Passwords.weakness(password);
        if (weak.isPresent()) return Optional.of(weak.get() == Passwords.SignUpRefusal.PASSWORD_TOO_LONG
                ? ResetRefusal.PASSWORD_TOO_LONG : ResetRefusal.PASSWORD_TOO_SHORT);
        if (!wellFormed(token)) return Optional.of(ResetRefusal.LINK_INVALID);
        String hash = Passwords.hash(password);
        long now = clock.millis();
        return db.inTransaction(tx -> {
            var used = tx.one(USE, rs -> rs.getLong(1), now, ApiKey.sha256(token), Purpose.RESET.column(), now);
            if (used.isEmpty()) return Optional.of(ResetRefusal.LINK_INVALID);
            long customer = used.get();
            tx.update(SET_PASSWORD, hash, now, customer);
            tx.update("DELETE FROM web_session WHERE customer_id = ? OR pending_customer_id = ?", customer, customer);
            return Optional.<ResetRefusal>empty();
        });
    }

    private String issue(org.opensmm.db.Tx tx, long customer, Purpose purpose, String email) throws java.sql.SQLException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        tx.update(RETIRE, now, customer, purpose.column());
        tx.update(INSERT, ApiKey.sha256(token), customer, purpose.column(), email, now, now + purpose.life.toMillis());
        return baseUrl + purpose.path + "?token=" + token;
    }

    private static boolean wellFormed(String token) { return token != null && token.matches("[A-Za-z0-9_-]{43}"); }

    /** A mail that cannot be sent is logged, not shown: the person can ask again, and nobody learns which addresses exist. */
    private void send(SmtpMail.Settings smtp, String to, String subject, String text) {
        try {
            new SmtpMail(smtp).send(to, subject, text); // built per mail: cheap, and always from the settings of now
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not send account mail: " + e.getMessage());
        }
    }
}
