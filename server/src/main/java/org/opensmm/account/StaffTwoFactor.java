package org.opensmm.account;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;

/**
 * Time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for staff sign-in, as every
 * authenticator app reads them from an {@code otpauth://} URI. A code of the step before or after is accepted too (a
 * phone's clock drifts).
 */
public final class StaffTwoFactor {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long STEP_MILLIS = 30_000;

    private StaffTwoFactor() {}

    /** A new secret: 160 random bits in base32 (32 characters), what the app is given. */
    public static String newSecret() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        var out = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    /** The URI an authenticator app scans or is given: issuer and account name, the secret. */
    public static String uri(String issuer, String account, String secret) {
        String i = java.net.URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20");
        String a = java.net.URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + i + ":" + a + "?secret=" + secret + "&issuer=" + i;
    }

    /** The 6-digit code of {@code secret} at {@code millis}. */
    public static String code(String secret, long millis) {
        return code(decode(secret), Math.floorDiv(millis, STEP_MILLIS));
    }

    /** True when {@code code} is the code of this step, the one before or the one after (compared in constant time). */
    public static boolean matches(String secret, String code, long millis) {
        if (secret == null || code == null) return false;
        String typed = code.replace(" ", "").strip();
        if (!typed.matches("\\d{6}")) return false;
        byte[] key = decode(secret);
        long step = Math.floorDiv(millis, STEP_MILLIS);
        boolean ok = false;
        for (long s = step - 1; s <= step + 1; s++) {
            ok |= MessageDigest.isEqual(code(key, s).getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    private static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int at = h[h.length - 1] & 0x0f;
            int n = ((h[at] & 0x7f) << 24) | ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
            return String.format("%06d", n % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java", e);
        }
    }

    private static byte[] decode(String secret) {
        String s = secret.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        var out = new java.io.ByteArrayOutputStream();
        int buffer = 0, bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) throw new IllegalArgumentException("not base32: " + c);
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
