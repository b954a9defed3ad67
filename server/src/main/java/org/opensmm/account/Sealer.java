package org.opensmm.account;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets the panel must read back (a gateway's API key, the mail password) kept encrypted in the database with
 * AES-256-GCM under a key derived from OPENSMM_SECRET, which is not in the database: a leaked dump or backup does not
 * give them away. A value stored before sealing existed reads as it is and is sealed when next stored.
 */
public final class Sealer {
    private static final String PREFIX = "sealed:v1:";
    private static final int IV_BYTES = 12, TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    Sealer(byte[] key) { this.key = new SecretKeySpec(key, "AES"); }

    public String seal(String plain) {
        if (plain == null || plain.isEmpty()) return plain;
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value {@link #seal} was given; a value never sealed as it is. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) return stored;
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be opened: was OPENSMM_SECRET changed since it was stored?");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
