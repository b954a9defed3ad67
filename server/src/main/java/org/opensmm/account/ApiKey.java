package org.opensmm.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A customer's API key: 128 random bits as 32 hex digits, the shape real panels hand out. Only its {@link KeyHash} is stored. */
public record ApiKey(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ApiKey(HexFormat.of().formatHex(bytes));
    }

    /** Plain SHA-256 as hex: a fingerprint of any text (links too), and how keys were stored before {@link KeyHash}. */
    public static String sha256(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public String toString() { return "ApiKey[****]"; }
}
