package org.opensmm.account;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How API keys are stored: HMAC-SHA256 under a server secret (a "pepper") that is not in the database, so a leaked
 * customer table does not let anyone test guesses of operator-chosen keys offline. The secret is OPENSMM_SECRET, else
 * 32 random bytes (as 64 hex digits) kept in {@code secret} under the data directory, created on first start.
 * Every node sharing one database must use the same secret.
 */
public final class KeyHash {
    static final int MIN_SECRET = 16;
    private static final String FILE = "secret";

    private final Mac prototype;

    public KeyHash(String secret) {
        if (secret.length() < MIN_SECRET) throw new IllegalArgumentException("OPENSMM_SECRET must be at least " + MIN_SECRET + " characters");
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code configured} (OPENSMM_SECRET) when set, else the secret file under {@code dataDir}, created if missing. */
    public static KeyHash load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) return new KeyHash(configured.strip());
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) create(file);
            return new KeyHash(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key secret " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Written beside and then moved into place, so a second process starting at the same moment never reads half a file. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path draft = file.resolveSibling(FILE + "." + ProcessHandle.current().pid());
        try {
            Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(draft);
        }
        Files.writeString(draft, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(draft, file); // no REPLACE_EXISTING: whoever came first wins, everyone reads theirs
        } catch (FileAlreadyExistsException lost) {
            Files.delete(draft);
        }
    }

    /** A key of its own for each {@code purpose}, derived from the same secret: what {@link Sealer} encrypts with. */
    public Sealer sealer(String purpose) {
        try {
            var mac = (Mac) prototype.clone();
            return new Sealer(mac.doFinal(("opensmm sealing key: " + purpose).getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of {@code key}: 64 hex digits. */
    public String of(String key) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone(); // a Mac is not thread-safe; a clone skips the provider lookup and key setup
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The plain SHA-256 keys were stored as before the secret: still found once, then rewritten (Accounts.caller). */
    static String legacy(String key) { return ApiKey.sha256(key); }
}
