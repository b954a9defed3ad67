package org.opensmm.account;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.opensmm.db.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Optional two-factor sign-in: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads it) with the
 * dev.samstevens.totp library, and ten one-time recovery codes kept as SHA-256. A code works once: the step it
 * belongs to is remembered, and a code of that step or an earlier one is refused.
 */
public final class TwoFactor {
    static final int PERIOD = 30;
    static final int RECOVERY_CODES = 10;
    /** One step either side of now: a phone clock a little off, or a code typed as it turned, still works. */
    private static final int DRIFT = 1;
    private static final String ACCEPT = """
            UPDATE customer SET totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL
               AND (totp_last_step IS NULL OR totp_last_step < ?)""";
    private static final String USE_RECOVERY = "UPDATE recovery_code SET used_at = ? WHERE customer_id = ? AND code_hash = ? AND used_at IS NULL";

    private final Database db;
    private final Clock clock;
    private final Passwords passwords;
    private final Supplier<String> issuer; // the panel name, as the operator has it now
    private final Sealer sealer;
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    /** @param sealer the secrets (pending and on) are stored sealed: a copy of the database cannot generate codes */
    public TwoFactor(Database db, Clock clock, Passwords passwords, Sealer sealer, Supplier<String> issuer) {
        this.db = db;
        this.clock = clock;
        this.passwords = passwords;
        this.sealer = sealer;
        this.issuer = issuer;
    }

    /** A secret offered on /account: as text, as the otpauth:// URI, and as a QR code (a PNG data URI; null if none renders). */
    public record Offer(String secret, String uri, String qr) {}

    public boolean enabled(long customer) {
        return db.read(tx -> tx.count("SELECT COUNT(*) FROM customer WHERE id = ? AND totp_secret IS NOT NULL", customer)) > 0;
    }

    /** A new secret to scan, kept pending until {@link #confirm} sees a code from it. */
    public Offer offer(long customer) {
        String secret = new DefaultSecretGenerator(32).generate();
        db.inTransaction(tx -> tx.update("UPDATE customer SET totp_pending = ? WHERE id = ?", sealer.seal(secret), customer));
        return pending(customer).orElseThrow();
    }

    /** The secret offered and not yet confirmed, if any. */
    public Optional<Offer> pending(long customer) {
        record Row(String name, String secret) {}
        return db.read(tx -> tx.one("SELECT name, totp_pending FROM customer WHERE id = ? AND totp_pending IS NOT NULL",
                rs -> new Row(rs.getString(1), sealer.open(rs.getString(2))), customer)).map(r -> offerOf(r.name(), r.secret()));
    }

    private Offer offerOf(String account, String secret) {
        var data = new QrData.Builder().label(account).secret(secret).issuer(issuer.get()).algorithm(HashingAlgorithm.SHA1)
                .digits(6).period(PERIOD).build();
        String qr;
        try {
            var png = new ZxingPngQrGenerator();
            qr = Utils.getDataUriForImage(png.generate(data), png.getImageMimeType());
        } catch (Exception | LinkageError e) { // no image support on this JVM: the text secret is enough
            qr = null;
        }
        return new Offer(secret, data.getUri(), qr);
    }

    /**
     * Switches two-factor on when {@code code} comes from the pending secret: the recovery codes, shown once (only
     * their hashes are kept; any earlier ones stop working). Empty when the code is wrong.
     */
    public Optional<List<String>> confirm(long customer, String code) {
        var offer = pending(customer);
        if (offer.isEmpty()) return Optional.empty();
        long step = matchingStep(offer.get().secret(), code);
        if (step < 0) return Optional.empty();
        List<String> recovery = List.of(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        db.inTransaction(tx -> {
            tx.update("UPDATE customer SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ? WHERE id = ?", step, customer);
            tx.update("DELETE FROM recovery_code WHERE customer_id = ?", customer);
            List<Object[]> rows = new ArrayList<>();
            for (String c : recovery) rows.add(new Object[] {customer, hashCode(c)});
            return tx.batch("INSERT INTO recovery_code (customer_id, code_hash) VALUES (?, ?)", rows);
        });
        return Optional.of(recovery);
    }

    /** Switches two-factor off, given the account's password; its recovery codes go with it. */
    public boolean disable(long customer, String password) {
        if (!passwords.matches(customer, password)) return false;
        db.inTransaction(tx -> {
            tx.update("UPDATE customer SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = ?", customer);
            return tx.update("DELETE FROM recovery_code WHERE customer_id = ?", customer);
        });
        return true;
    }

    /** The second step of sign-in: a current code from the authenticator, or an unused recovery code. Each works once. */
    public boolean check(long customer, String code) {
        if (code == null) return false;
        String clean = code.strip();
        if (clean.matches("\\d{6}") || clean.matches("\\d{3} \\d{3}")) {
            String secret = db.read(tx -> tx.one("SELECT totp_secret FROM customer WHERE id = ?", rs -> sealer.open(rs.getString(1)), customer)).orElse(null);
            if (secret == null) return false;
            long step = matchingStep(secret, clean.replace(" ", ""));
            return step >= 0 && db.inTransaction(tx -> tx.update(ACCEPT, step, customer, step)) == 1;
        }
        if (clean.length() > 40) return false;
        return db.inTransaction(tx -> tx.update(USE_RECOVERY, clock.millis(), customer, hashCode(clean))) == 1;
    }

    /** How many recovery codes are left unused. */
    public long recoveryLeft(long customer) {
        return db.read(tx -> tx.count("SELECT COUNT(*) FROM recovery_code WHERE customer_id = ? AND used_at IS NULL", customer));
    }

    /** The 30-second step {@code code} belongs to (now, or one either side), or -1. Compared in constant time. */
    private long matchingStep(String secret, String code) {
        if (code == null || !code.strip().matches("\\d{6}")) return -1;
        long now = clock.millis() / 1000 / PERIOD;
        byte[] sent = code.strip().getBytes(StandardCharsets.US_ASCII);
        try {
            for (long step = now - DRIFT; step <= now + DRIFT; step++) {
                if (MessageDigest.isEqual(codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII), sent)) return step;
            }
        } catch (CodeGenerationException e) {
            return -1;
        }
        return -1;
    }

    private static String hashCode(String recovery) { return ApiKey.sha256(recovery.strip().toLowerCase(Locale.ROOT)); }
}
