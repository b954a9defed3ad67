package org.opensmm.account;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for staff sign-in, through the same
 * library as the customers' {@link TwoFactor}. A code of the step before or after is accepted too (a phone's clock
 * drifts).
 */
public final class StaffTwoFactor {
    private static final long STEP_SECONDS = 30;
    private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private StaffTwoFactor() {}

    /** A new secret: 160 random bits in base32 (32 characters), what the app is given. */
    public static String newSecret() { return new DefaultSecretGenerator(32).generate(); }

    /** The URI an authenticator app scans or is given: issuer and account name, the secret. */
    public static String uri(String issuer, String account, String secret) {
        return new QrData.Builder().label(account).secret(secret).issuer(issuer).algorithm(HashingAlgorithm.SHA1)
                .digits(6).period((int) STEP_SECONDS).build().getUri();
    }

    /** The 6-digit code of {@code secret} at {@code millis}. */
    public static String code(String secret, long millis) { return atStep(secret, Math.floorDiv(millis / 1000, STEP_SECONDS)); }

    /** True when {@code code} is the code of this step, the one before or the one after (compared in constant time). */
    public static boolean matches(String secret, String code, long millis) {
        if (secret == null || code == null) return false;
        String typed = code.replace(" ", "").strip();
        if (!typed.matches("\\d{6}")) return false;
        long step = Math.floorDiv(millis / 1000, STEP_SECONDS);
        boolean ok = false;
        for (long s = step - 1; s <= step + 1; s++) {
            ok |= MessageDigest.isEqual(atStep(secret, s).getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    private static String atStep(String secret, long step) {
        try {
            return CODES.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("not a base32 TOTP secret", e);
        }
    }
}
