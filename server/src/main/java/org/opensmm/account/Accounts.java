package org.opensmm.account;

import org.opensmm.db.Database;
import org.opensmm.db.Recent;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Customers, their API keys and balance reads. Balances move only through {@link Ledger}. */
public final class Accounts {
    static final String COLUMNS = "id, name, balance, enabled, created_at";
    /** One query finds a key stored either way: keyed hash, or the plain SHA-256 of rows from before the secret. */
    private static final String BY_KEY = "SELECT " + COLUMNS + ", key_hash FROM customer WHERE key_hash IN (?, ?)";
    private static final String UPGRADE = "UPDATE customer SET key_hash = ? WHERE id = ? AND key_hash = ?";

    private final Database db;
    private final Ledger ledger;
    private final Clock clock;
    private final KeyHash keyHash;

    public Accounts(Database db, Ledger ledger, Clock clock, KeyHash keyHash) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
        this.keyHash = keyHash;
    }

    public record Created(Customer customer, ApiKey key) {}

    /** Key hash → customer id, for two seconds: every API request names its key, and this saves a query for each. */
    private final Recent<String, Long> callers = new Recent<>(Duration.ofSeconds(2), 100_000, false);

    /** The id of the enabled customer this API key belongs to; empty for an unknown key or a disabled customer. */
    public OptionalLong caller(String key) {
        if (key == null || key.isBlank() || key.length() > 200) return OptionalLong.empty();
        String clean = key.strip();
        return callers.get(keyHash.of(clean), hash -> byKey(hash, clean)).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A row still holding the legacy hash is rewritten to the keyed one on its first use (a lazy upgrade). */
    private Optional<Long> byKey(String hash, String key) {
        String legacy = KeyHash.legacy(key);
        var found = db.read(tx -> tx.one(BY_KEY, rs -> new Stored(customer(rs), rs.getString(6)), hash, legacy));
        if (found.isPresent() && found.get().hash().equals(legacy)) {
            db.inTransaction(tx -> tx.update(UPGRADE, hash, found.get().customer().id(), legacy));
        }
        return found.map(Stored::customer).filter(Customer::enabled).map(Customer::id);
    }

    private record Stored(Customer customer, String hash) {}

    /** An operator creates a customer; its key is shown once, here, and only its hash is kept. */
    public Created create(Actor who, String name, Money opening) {
        if (opening.isNegative()) throw new Refused("an opening balance cannot be negative");
        return create(who, name, null, ApiKey.generate(), opening);
    }

    /** An operator creates a customer with an email (or none: null or blank) and no money, from /admin. */
    public Created create(Actor who, String name, String email) {
        return create(who, name, email, ApiKey.generate(), Money.ZERO);
    }

    public Created create(String name, Money opening) {
        return create(name, ApiKey.generate(), opening);
    }

    public Created create(String name, ApiKey key, Money opening) { return create(null, name, null, key, opening); }

    /** {@code who} null: seeding (demo, tests), not an operator action, so not audited. */
    private Created create(Actor who, String name, String email, ApiKey key, Money opening) {
        String clean = name(name);
        String mail = email(email);
        return db.inTransaction(tx -> {
            unique(tx, 0, clean, mail);
            long id = tx.insert("INSERT INTO customer (name, key_hash, balance, enabled, created_at, email) VALUES (?, ?, 0, TRUE, ?, ?)",
                    clean, keyHash.of(key.value()), clock.millis(), mail);
            if (!opening.isZero()) ledger.deposit(tx, id, opening, "opening balance");
            Customer created = find(tx, id).orElseThrow();
            if (who != null) Audit.record(tx, who, "customer.create", "customer", id, null, new Opened(created, mail));
            return new Created(created, key);
        });
    }

    private record Opened(Customer customer, String email) {}

    /** What an operator edits of a customer: the name and the email (null: none). */
    public record Identity(String name, String email) {}

    /** Renames a customer and sets their email (blank: none); a changed email is unverified again. */
    public Identity edit(Actor who, long customer, String name, String email) {
        String clean = name(name);
        String mail = email(email);
        callers.clear();
        return db.inTransaction(tx -> {
            Identity before = tx.one("SELECT name, email FROM customer WHERE id = ? FOR UPDATE", rs -> new Identity(rs.getString(1), rs.getString(2)), customer)
                    .orElseThrow(() -> new Refused("no customer " + customer));
            unique(tx, customer, clean, mail);
            tx.update("UPDATE customer SET name = ?, email = ?, email_verified_at = CASE WHEN email IS NOT DISTINCT FROM ? THEN email_verified_at END WHERE id = ?",
                    clean, mail, mail, customer);
            Identity after = new Identity(clean, mail);
            Audit.record(tx, who, "customer.edit", "customer", customer, before, after);
            return after;
        });
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) throw new Refused("a customer name is 1 to 100 characters", "refused.customer_name");
        // operators write an id as #5 and a name as it is: a name of digits, or one starting with #, would read as both
        if (clean.matches("\\d+")) throw new Refused("a customer name cannot be only digits: '" + clean + "' would read as an id", "refused.customer_name");
        if (clean.startsWith("#")) throw new Refused("a customer name cannot start with '#': that is how ids are written", "refused.customer_name");
        return clean;
    }

    /** An address as stored (lower case), or null for none. */
    private static String email(String email) {
        if (email == null || email.isBlank()) return null;
        String mail = email.strip().toLowerCase(java.util.Locale.ROOT);
        if (!Passwords.emailValid(mail)) throw new Refused("'" + mail + "' is not an email address", "refused.email_invalid");
        return mail;
    }

    /** Names are unique as typed, emails whatever their case (the customer_email index); {@code self}: the customer edited. */
    private static void unique(Tx tx, long self, String name, String mail) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM customer WHERE name = ? AND id <> ?", name, self) > 0) {
            throw new Refused("a customer named '" + name + "' already exists", "refused.customer_name_taken");
        }
        if (mail != null && tx.count("SELECT COUNT(*) FROM customer WHERE LOWER(email) = ? AND id <> ?", mail, self) > 0) {
            throw new Refused("a customer with the email '" + mail + "' already exists", "refused.email_taken");
        }
    }

    /** Replaces a customer's key; the old one stops working at once. The new key is shown once, never stored. */
    public ApiKey regenerateKey(Actor who, long customer) {
        ApiKey key = ApiKey.generate();
        callers.clear();
        db.inTransaction(tx -> {
            requireOne(tx.update("UPDATE customer SET key_hash = ? WHERE id = ?", keyHash.of(key.value()), customer), customer);
            Audit.record(tx, who, "customer.key", "customer", customer, Map.of("key", "old"), Map.of("key", "replaced"));
            return null;
        });
        return key;
    }

    public ApiKey setKey(long customer, ApiKey key) {
        callers.clear();
        db.inTransaction(tx -> requireOne(tx.update("UPDATE customer SET key_hash = ? WHERE id = ?", keyHash.of(key.value()), customer), customer));
        return key;
    }

    /** A disabled customer's key is refused ("Invalid API key") until an operator enables it again. The customer as it is now. */
    public Customer setEnabled(Actor who, long customer, boolean enabled) {
        callers.clear();
        return db.inTransaction(tx -> {
            Customer before = find(tx, customer).orElseThrow(() -> new Refused("no customer " + customer));
            requireOne(tx.update("UPDATE customer SET enabled = ? WHERE id = ?", enabled, customer), customer);
            Customer after = find(tx, customer).orElseThrow();
            Audit.record(tx, who, enabled ? "customer.enable" : "customer.disable", "customer", customer, before, after);
            return after;
        });
    }

    public void setEnabled(long customer, boolean enabled) {
        callers.clear();
        db.inTransaction(tx -> requireOne(tx.update("UPDATE customer SET enabled = ? WHERE id = ?", enabled, customer), customer));
    }

    public Optional<Customer> find(long id) { return db.read(tx -> find(tx, id)); }

    public Optional<Customer> findByName(String name) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM customer WHERE name = ?", Accounts::customer, name));
    }

    public List<Customer> list() {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM customer ORDER BY id", Accounts::customer));
    }

    public Money balance(long customer) {
        return db.read(tx -> new Money(tx.count("SELECT balance FROM customer WHERE id = ?", customer)));
    }

    static Optional<Customer> find(Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM customer WHERE id = ?", Accounts::customer, id);
    }

    private static int requireOne(int rows, long customer) {
        if (rows != 1) throw new Refused("no customer " + customer);
        return rows;
    }

    static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong(1), rs.getString(2), new Money(rs.getLong(3)), rs.getBoolean(4), rs.getLong(5));
    }
}
