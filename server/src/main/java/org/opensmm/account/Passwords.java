package org.opensmm.account;

import org.opensmm.db.Database;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Website credentials: sign-up with username, email and password, and sign-in. Passwords are kept as bcrypt hashes
 * (Spring Security Crypto); attempts are throttled per username and per client address ({@link SignInThrottle}).
 */
public final class Passwords {
    /** Letters, digits, dot, dash, underscore; not all digits (an operator would read it as an id, see Accounts). */
    private static final Pattern USERNAME = Pattern.compile("(?=.*[A-Za-z_.-])[A-Za-z0-9_.-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    static final int MIN_PASSWORD = 10;
    /** bcrypt reads 72 bytes: beyond that a password would be cut silently, so it is refused instead. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final String INSERT = """
            INSERT INTO customer (name, key_hash, balance, enabled, created_at, email, password_hash)
            VALUES (?, ?, 0, TRUE, ?, ?, ?)""";
    private static final String BY_NAME = "SELECT id, enabled, password_hash FROM customer WHERE name = ?";
    private static final String SET = "UPDATE customer SET password_hash = ? WHERE id = ?";

    private final Database db;
    private final Clock clock;
    private final SignInThrottle throttle;
    /** bcrypt's cost: 2^10 rounds, about 60 ms a check here; enough to make offline guessing slow. */
    private static final int COST = 10;
    /** Compared against when the username is unknown, so a miss takes as long as a wrong password. */
    private final String decoy;

    public Passwords(Database db, Clock clock, SignInThrottle throttle) {
        this.db = db;
        this.clock = clock;
        this.throttle = throttle;
        this.decoy = hash(ApiKey.generate().value());
    }

    /** Why a sign-up is refused: the website words each for the person at the form. */
    public enum SignUpRefusal { USERNAME_INVALID, USERNAME_TAKEN, EMAIL_INVALID, EMAIL_TAKEN, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG }

    /** A sign-up: the new customer's id, or why not. */
    public sealed interface SignUp {
        record Created(long customer) implements SignUp {}
        record Refused(SignUpRefusal reason) implements SignUp {}
    }

    /** A sign-in: the customer, or why not. Wrong username and wrong password look the same. */
    public sealed interface SignIn {
        record SignedIn(long customer) implements SignIn {}
        enum Failed implements SignIn { WRONG_CREDENTIALS, DISABLED, THROTTLED }
    }

    /**
     * A person signs up: a customer with no money and an API key nobody has seen (they make one on the website's API
     * page when they want one).
     */
    public SignUp signUp(String username, String email, String password) { return signUp(null, username, email, password); }

    /**
     * The same sign-up made by an operator for a person (Admin API {@code users/add}): the same rules, and a row in the
     * audit log. {@code who} null: the person themselves, not audited.
     */
    public SignUp signUp(Actor who, String username, String email, String password) {
        String name = username == null ? "" : username.strip();
        String mail = email == null ? "" : email.strip();
        if (!USERNAME.matcher(name).matches()) return refused(SignUpRefusal.USERNAME_INVALID);
        if (mail.length() > 254 || !EMAIL.matcher(mail).matches()) return refused(SignUpRefusal.EMAIL_INVALID);
        Optional<SignUpRefusal> weak = checkPassword(password);
        if (weak.isPresent()) return refused(weak.get());
        String hash = hash(password);
        return db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM customer WHERE LOWER(name) = LOWER(?)", name) > 0) return refused(SignUpRefusal.USERNAME_TAKEN);
            if (tx.count("SELECT COUNT(*) FROM customer WHERE LOWER(email) = LOWER(?)", mail) > 0) return refused(SignUpRefusal.EMAIL_TAKEN);
            try {
                long id = tx.insert(INSERT, name, ApiKey.sha256(ApiKey.generate().value()), clock.millis(), mail.toLowerCase(Locale.ROOT), hash);
                if (who != null) Audit.record(tx, who, "customer.create", "customer", id, null, Map.of("name", name, "email", mail.toLowerCase(Locale.ROOT)));
                return new SignUp.Created(id);
            } catch (SQLException e) { // two sign-ups racing for one name or address: the unique indexes decide
                if ("23505".equals(e.getSQLState())) return refused(String.valueOf(e.getMessage()).contains("email")
                        ? SignUpRefusal.EMAIL_TAKEN : SignUpRefusal.USERNAME_TAKEN);
                throw e;
            }
        });
    }

    /** Spring Security Crypto's BCrypt itself (its encoder class would bring a logging library along for nothing). */
    static String hash(String password) { return BCrypt.hashpw(password, BCrypt.gensalt(COST)); }

    private static SignUp refused(SignUpRefusal r) { return new SignUp.Refused(r); }

    static boolean emailValid(String mail) { return mail.length() <= 254 && EMAIL.matcher(mail).matches(); }

    static Optional<SignUpRefusal> weakness(String password) { return checkPassword(password); }

    /** True when {@code password} is the customer's (no throttle: the person is signed in already). */
    boolean matches(long customer, String password) {
        var hash = db.read(tx -> tx.one("SELECT password_hash FROM customer WHERE id = ?", rs -> rs.getString(1), customer));
        return password != null && password.length() <= 1000 && hash.isPresent() && hash.get() != null
                && BCrypt.checkpw(password, hash.get());
    }

    private static Optional<SignUpRefusal> checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) return Optional.of(SignUpRefusal.PASSWORD_TOO_SHORT);
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) return Optional.of(SignUpRefusal.PASSWORD_TOO_LONG);
        return Optional.empty();
    }

    /** Checks a username and password from {@code address} (the client's IP as the front knows it). */
    public SignIn signIn(String username, String password, String address) {
        String name = username == null ? "" : username.strip();
        if (throttle.blocked(name, address)) return SignIn.Failed.THROTTLED;
        var row = db.read(tx -> tx.one(BY_NAME, rs -> new Stored(rs.getLong(1), rs.getBoolean(2), rs.getString(3)), name));
        String hash = row.map(Stored::hash).filter(h -> h != null).orElse(decoy);
        boolean right = password != null && password.length() <= 1000 && BCrypt.checkpw(password, hash) && row.isPresent()
                && row.get().hash() != null;
        if (!right) {
            throttle.failed(name, address);
            return SignIn.Failed.WRONG_CREDENTIALS;
        }
        if (!row.get().enabled()) return SignIn.Failed.DISABLED;
        throttle.succeeded(name);
        return new SignIn.SignedIn(row.get().id());
    }

    private record Stored(long id, boolean enabled, String hash) {}

    /** An operator (or the demo) sets a customer's password. */
    public void setPassword(Actor who, long customer, String password) {
        Optional<SignUpRefusal> weak = checkPassword(password);
        if (weak.isPresent()) throw new Refused("a password is " + MIN_PASSWORD + " to " + MAX_PASSWORD_BYTES + " bytes long");
        String hash = hash(password);
        db.inTransaction(tx -> {
            if (tx.update(SET, hash, customer) != 1) throw new Refused("no customer " + customer);
            return null;
        });
    }
}
