package org.opensmm.payment;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.account.Role;
import org.opensmm.account.Sealer;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adding funds, every method: the methods and their settings, manual deposits and the staff decisions on them, gateway
 * payments and their webhooks. The plug-ins ({@link Method}) speak their gateways; the money rules are here, the same
 * for each. Every credit goes through {@link #credit}: one ledger entry per (method, external payment id), so a
 * repeated, reordered or concurrent callback credits once.
 */
public final class Deposits {
    static final String COLUMNS = "id, customer_id, method, external_id, amount, credit, currency, state, reference, note, decision, created_at";

    private final Database db;
    private final Ledger ledger;
    private final Clock clock;
    private final Supplier<String> currency; // the operator may change it at /admin/settings
    private final List<Method> plugins;
    private final Sealer sealer;
    private final Credentials credentials;
    private final Callbacks callbacks;

    /** {@code plugins}: every method there is, in the order /addfunds offers them; each has its payment_method row. */
    public Deposits(Database db, Ledger ledger, Clock clock, Supplier<String> currency, Sealer sealer, List<Method> plugins) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
        this.currency = currency;
        this.sealer = sealer;
        this.plugins = List.copyOf(plugins);
        this.credentials = new Credentials(db, sealer);
        this.callbacks = new Callbacks(db, clock, this);
    }

    /** The same deposits with the plug-in of {@code other}'s code replaced (a gateway pointed at the simulated one). */
    public Deposits with(Method other) {
        return new Deposits(db, ledger, clock, currency, sealer, plugins.stream().map(m -> m.code().equals(other.code()) ? other : m).toList());
    }

    /** The plug-in with this code, with the credentials the operator stored, if there is one. */
    public Optional<Method> method(String code) { return plugins().stream().filter(m -> m.code().equals(code)).findFirst(); }

    private List<Method> plugins() { return credentials.over(plugins); }

    // ---- gateway credentials: write-only

    /** Which of a method's credentials the operator stored here (true) and which come from the environment (false). */
    public Map<String, Boolean> credentials(String code) {
        return credentials.stored(method(code).orElseThrow(() -> new Refused("no payment method " + code)));
    }

    /** Staff (with the payments permission) or the CLI store gateway credentials; an empty value keeps what there is. */
    public void storeCredentials(Actor who, String code, Map<String, String> values) {
        credentials.store(who, method(code).orElseThrow(() -> new Refused("no payment method " + code)), values);
    }

    // ---- methods and their settings

    private static final String SETTINGS = """
            SELECT code, enabled, display_name, instructions, min_amount, max_amount, bonus_percent, fee_percent
            FROM payment_method""";

    /** Every plug-in's settings, in plug-in order. */
    public List<MethodSettings> methods() {
        return db.read(tx -> { var out = new java.util.ArrayList<MethodSettings>();
            for (Method m : plugins) settings(tx, m.code()).ifPresent(out::add);
            return out; });
    }

    /**
     * What /addfunds offers: the enabled methods whose gateway keys are set, and the origins of the configured gateways'
     * payment pages (a form there may lead to them: CSP form-action). One reading of the stored credentials for both.
     */
    public record Offered(List<MethodSettings> methods, List<String> payOrigins) {}

    public Offered offered() {
        var configured = plugins().stream().filter(Method::configured).toList();
        var codes = configured.stream().map(Method::code).toList();
        return new Offered(methods().stream().filter(MethodSettings::enabled).filter(s -> codes.contains(s.code())).toList(),
                configured.stream().flatMap(m -> m.payOrigin().stream()).distinct().toList());
    }

    private static Optional<MethodSettings> settings(Tx tx, String code) throws SQLException {
        return tx.one(SETTINGS + " WHERE code = ?", rs -> new MethodSettings(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                rs.getString(4), new Money(rs.getLong(5)), new Money(rs.getLong(6)), rs.getBigDecimal(7).stripTrailingZeros(),
                rs.getBigDecimal(8).stripTrailingZeros()), code);
    }

    /** Staff (with the payments permission) or the CLI configure a method; audited. */
    public MethodSettings configure(Actor who, MethodSettings s) {
        if (s.displayName() == null || s.displayName().isBlank() || s.displayName().length() > 100) throw new Refused("a display name is 1 to 100 characters");
        if (s.min().isNegative() || s.min().isZero() || s.max().compareTo(s.min()) < 0) throw new Refused("0 < min <= max");
        if (s.bonusPercent().signum() < 0 || s.feePercent().signum() < 0 || s.feePercent().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new Refused("bonus and fee are percentages from 0");
        }
        return db.inTransaction(tx -> {
            mayDecide(tx, who);
            MethodSettings before = settings(tx, s.code()).orElseThrow(() -> new Refused("no payment method " + s.code()));
            tx.update("""
                    UPDATE payment_method SET enabled = ?, display_name = ?, instructions = ?, min_amount = ?, max_amount = ?,
                    bonus_percent = ?, fee_percent = ? WHERE code = ?""", s.enabled(), s.displayName().strip(),
                    s.instructions() == null ? "" : s.instructions().strip(), s.min().micros(), s.max().micros(),
                    s.bonusPercent(), s.feePercent(), s.code());
            MethodSettings after = settings(tx, s.code()).orElseThrow();
            Audit.record(tx, who, "payment.method", "payment_method", s.code(), before, after);
            return after;
        });
    }

    // ---- starting a deposit (the customer)

    private static final String INSERT = """
            INSERT INTO deposit (customer_id, method, amount, credit, currency, state, reference, note, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private MethodSettings usable(Tx tx, String code, Money amount) throws SQLException {
        MethodSettings s = settings(tx, code).filter(MethodSettings::enabled)
                .orElseThrow(() -> new Refused("this payment method is not available", "payment.method_unavailable"));
        if (amount.compareTo(s.min()) < 0 || amount.compareTo(s.max()) > 0) {
            throw new Refused("the amount " + amount + " is outside this method's minimum " + s.min() + " and maximum " + s.max(), "payment.amount_range");
        }
        return s;
    }

    /** A manual transfer the customer says they made; it waits for staff. */
    public Deposit declare(Actor.Customer who, String method, Money amount, String reference, String note) {
        if (!Manual.CODE.equals(method)) throw new Refused("only the manual method takes a declared transfer", "payment.method_unavailable");
        String ref = reference == null ? "" : reference.strip();
        String memo = note == null ? "" : note.strip();
        if (ref.isEmpty() || ref.length() > 200 || memo.length() > 500) {
            throw new Refused("a manual transfer needs its reference (at most 200 characters); a note has at most 500", "payment.reference_required");
        }
        return db.inTransaction(tx -> {
            MethodSettings s = usable(tx, method, amount);
            long id = tx.insert(INSERT, who.customerId(), method, amount.micros(), s.credit(amount).micros(), currency.get(),
                    DepositState.PENDING.name(), ref, memo, clock.millis());
            // a manual deposit's payment id is its own row: approving it twice meets the ledger's unique index
            tx.update("UPDATE deposit SET external_id = ? WHERE id = ?", "deposit-" + id, id);
            Deposit d = find(tx, id).orElseThrow();
            Audit.record(tx, who, "deposit.declare", "deposit", id, null, d);
            return d;
        });
    }

    /** Where to send the customer to pay, and the deposit it pays. */
    public record Checkout(Deposit deposit, String url) {}

    /**
     * Starts a gateway payment of {@code amount} (what the balance is topped up by, before bonus) with method
     * {@code code}: the server decides what is charged (amount plus fee) and the gateway is asked for that; nothing the
     * browser sends later changes it. {@code site} is our base URL: the gateway calls back to
     * {@code site/payments/{code}/webhook} and sends the customer back to {@code site/addfunds?deposit=ID}.
     */
    public Checkout start(Actor.Customer who, String code, Money amount, String site) {
        Method m = method(code).filter(p -> !p.manual() && p.configured()).orElseThrow(() ->
                new Refused("this payment method is not available: no such gateway, or its credentials are not set", "payment.method_unavailable"));
        Deposit d = open(who, code, amount);
        // the gateway is called outside any transaction, after our row is committed: its webhook may come before this
        // call returns, and finds the deposit by the id the payment carries (see PAID_BY)
        var started = m.start(d, site + "/payments/" + code + "/webhook", site + "/addfunds");
        return started(who, d, started.externalId(), started.url());
    }

    /** A gateway deposit of {@code amount} plus fee, committed PENDING with no payment id before the gateway is called. */
    private Deposit open(Actor.Customer who, String method, Money amount) {
        return db.inTransaction(tx -> {
            MethodSettings s = usable(tx, method, amount);
            Money charge = s.charge(amount);
            if (charge.micros() % 10_000 != 0) {
                throw new Refused("this method takes at most two decimals, and " + amount + " with its fee is " + charge, "payment.amount_cents");
            }
            long id = tx.insert(INSERT, who.customerId(), method, charge.micros(), s.credit(amount).micros(), currency.get(),
                    DepositState.PENDING.name(), "", "", clock.millis());
            return find(tx, id).orElseThrow();
        });
    }

    static final String ATTACH = "UPDATE deposit SET external_id = ? WHERE id = ? AND external_id IS NULL";

    /** Attaches the gateway's payment id (unless an early callback did already) and audits the start. */
    private Checkout started(Actor.Customer who, Deposit d, String externalId, String url) {
        return db.inTransaction(tx -> {
            tx.update(ATTACH, externalId, d.id());
            Deposit started = find(tx, d.id()).orElseThrow();
            Audit.record(tx, who, "deposit.start", "deposit", d.id(), null, started);
            return new Checkout(started, url);
        });
    }

    // ---- gateway callbacks

    /** What a verified callback did: credited now, credited before (a repeat), held, cancelled, or nothing to do. */
    public enum Outcome { CREDITED, ALREADY, HELD, CANCELLED, IGNORED }

    /**
     * A gateway's webhook for method {@code code}, verified by its plug-in and matched against the deposit we created
     * ({@link Callbacks}). Anything that does not match throws {@link Method.Forged} (4xx, logged) and changes nothing.
     */
    public Outcome webhook(String code, String payload, java.util.function.Function<String, String> header) {
        Method m = method(code).filter(p -> !p.manual()).orElseThrow(() -> new Method.Forged("no gateway " + code));
        return callbacks.handle(m, payload, header);
    }

    // ---- staff decisions (the deposits queue)

    /** Which deposits wait for staff: held ones, and manual ones not yet decided. */
    private static final String WAITING = " FROM deposit WHERE state = '" + DepositState.HELD.name() + "' OR (state = '"
            + DepositState.PENDING.name() + "' AND method = '" + Manual.CODE + "')";

    /** Deposits waiting for a decision, oldest first. */
    public List<Deposit> queue(int limit) {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + WAITING + " ORDER BY id LIMIT ?", Deposits::row, limit));
    }

    /** How many deposits wait in {@link #queue} (the admin dashboard's count). */
    public static long waiting(Tx tx) throws SQLException { return tx.count("SELECT COUNT(*)" + WAITING); }

    /**
     * Approves a manual (or held) deposit: credits its amount and bonus, or {@code corrected} (the amount actually
     * received, before bonus) with {@code reason}. Only staff whose role has the payments permission, or the operator's
     * CLI; a customer (or an API key) is refused, so no one approves their own deposit.
     */
    public Deposit approve(Actor who, long id, Money corrected, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (corrected != null && (corrected.isNegative() || corrected.isZero())) throw new Refused("a corrected amount must be positive", "payment.amount_range");
        if (corrected != null && why.isEmpty()) throw new Refused("a corrected amount needs a reason: say what was received", "payment.reason_required");
        if (why.length() > 500) throw new Refused("a reason has at most 500 characters", "payment.reason_required");
        return db.inTransaction(tx -> {
            mayDecide(tx, who);
            Deposit d = waitingForStaff(tx, id);
            Money credit = d.credit();
            if (corrected != null) {
                MethodSettings s = settings(tx, d.method()).orElseThrow();
                credit = s.credit(corrected);
            }
            credit(tx, who, d, credit, why);
            return find(tx, id).orElseThrow();
        });
    }

    /** Rejects a manual (or held) deposit with the reason; nothing is credited. */
    public Deposit reject(Actor who, long id, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) throw new Refused("a rejection needs a reason of 1 to 500 characters", "payment.reason_required");
        return db.inTransaction(tx -> {
            mayDecide(tx, who);
            Deposit d = waitingForStaff(tx, id);
            tx.update("UPDATE deposit SET state = ?, decision = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                    DepositState.REJECTED.name(), why, who.describe(), clock.millis(), id);
            Deposit after = find(tx, id).orElseThrow();
            Audit.record(tx, who, "deposit.reject", "deposit", id, d, after);
            return after;
        });
    }

    static void mayDecide(Tx tx, Actor who) throws SQLException {
        if (who instanceof Actor.Cli) return;
        if (!(who instanceof Actor.Staff s)) throw staffOnly();
        boolean may = tx.one("SELECT role, enabled FROM staff WHERE id = ?",
                rs -> rs.getBoolean(2) && Role.parse(rs.getString(1)).may(Role.Permission.PAYMENTS), s.staffId()).orElse(false);
        if (!may) throw staffOnly();
    }

    private static Refused staffOnly() {
        return new Refused("only staff whose role has the payments permission may handle payments", "payment.staff_only");
    }

    /**
     * The deposit, locked, if staff may decide it: a manual one still pending, or one held for them. Refused when it is
     * settled (credited, rejected, cancelled) or is a gateway payment still waiting for its gateway.
     */
    private static Deposit waitingForStaff(Tx tx, long id) throws SQLException {
        Deposit d = locked(tx, id);
        if (d.state() == DepositState.PENDING && !d.method().equals(Manual.CODE)) {
            throw new Refused("deposit #" + d.id() + " waits for its gateway (" + d.method() + "), not for staff", "payment.not_pending");
        }
        if (!d.state().open()) throw notWaiting(d);
        return d;
    }

    /** A settled deposit: no decision moves it any more. */
    private static Refused notWaiting(Deposit d) {
        return new Refused("deposit #" + d.id() + " is no longer waiting for a decision: it is " + d.state(), "payment.not_pending");
    }

    // ---- the one place a deposit is credited

    /**
     * Credits {@code amount} for deposit {@code d} once. The deposit row is locked; the ledger's unique (method,
     * external id) index is the last word: of two racing callbacks one inserts the entry, the other inserts nothing.
     * A disabled customer's payment is HELD for staff, not lost.
     */
    Outcome credit(Tx tx, Actor who, Deposit d, Money amount, String why) throws SQLException {
        if (d.state() == DepositState.CREDITED) return Outcome.ALREADY;
        // a callback, however late or reordered, moves only a deposit still waiting for it: a held one is staff's to
        // decide, a rejected one stays rejected
        if (who instanceof Actor.Engine && d.state() != DepositState.PENDING) return d.state() == DepositState.HELD ? Outcome.HELD : Outcome.IGNORED;
        if (!d.state().open()) throw notWaiting(d);
        boolean enabled = tx.one("SELECT enabled FROM customer WHERE id = ? FOR UPDATE", rs -> rs.getBoolean(1), d.customerId()).orElse(false);
        if (!enabled && (who instanceof Actor.Engine)) {
            tx.update("UPDATE deposit SET state = ? WHERE id = ?", DepositState.HELD.name(), d.id());
            Audit.record(tx, who, "deposit.hold", "deposit", d.id(), d, find(tx, d.id()).orElseThrow());
            return Outcome.HELD;
        }
        String reason = "deposit #" + d.id() + " via " + d.method() + (d.reference().isEmpty() ? "" : " ref " + d.reference())
                + (amount.equals(d.credit()) ? "" : " (corrected: " + why + ")");
        if (!ledger.depositOnce(tx, d.customerId(), amount, reason.length() > 500 ? reason.substring(0, 500) : reason, d.method(), d.externalId())) {
            return Outcome.ALREADY;
        }
        tx.update("UPDATE deposit SET state = ?, credit = ?, decision = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                DepositState.CREDITED.name(), amount.micros(), why, who.describe(), clock.millis(), d.id());
        Audit.record(tx, who, "deposit.credit", "deposit", d.id(), d, find(tx, d.id()).orElseThrow());
        return Outcome.CREDITED;
    }

    // ---- reads

    public List<Deposit> of(long customer, int limit) {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM deposit WHERE customer_id = ? ORDER BY id DESC" + Tx.limit(limit), Deposits::row, customer));
    }

    /**
     * This customer's deposits that moved no money and are not a payment merely left unfinished at a gateway: rejected,
     * held for review, cancelled, and manual ones still waiting for staff; newest first, with staff's reason.
     */
    public List<Deposit> unpaid(long customer, int limit) {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + """
                 FROM deposit WHERE customer_id = ? AND (state IN (?, ?, ?) OR (state = ? AND method = ?))
                ORDER BY id DESC""" + Tx.limit(limit), Deposits::row, customer, DepositState.REJECTED.name(), DepositState.HELD.name(),
                DepositState.CANCELLED.name(), DepositState.PENDING.name(), Manual.CODE));
    }

    /** One of this customer's deposits (another customer's reads as none). */
    public Optional<Deposit> of(long customer, long id) {
        return db.read(tx -> find(tx, id)).filter(d -> d.customerId() == customer);
    }

    public Optional<Deposit> find(long id) { return db.read(tx -> find(tx, id)); }

    static Optional<Deposit> find(Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM deposit WHERE id = ?", Deposits::row, id);
    }

    static Deposit locked(Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM deposit WHERE id = ? FOR UPDATE", Deposits::row, id)
                .orElseThrow(() -> new Refused("there is no deposit #" + id, "payment.not_pending"));
    }

    static Deposit row(ResultSet rs) throws SQLException {
        return new Deposit(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), new Money(rs.getLong(5)),
                new Money(rs.getLong(6)), rs.getString(7).toUpperCase(Locale.ROOT), DepositState.valueOf(rs.getString(8)),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getLong(12));
    }
}
