package org.opensmm.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmm.app.Config;
import org.opensmm.testing.TestPanel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys are stored as HMAC-SHA256 under a secret outside the database; rows from before still work, once. */
class KeyStorageTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    @Test void the_database_holds_the_keyed_hash_of_a_key_never_its_plain_sha256() throws Exception {
        var alice = panel.customer("1");

        String stored = storedHash(alice.id());

        assertThat(stored).isNotEqualTo(ApiKey.sha256(alice.key())).isEqualTo(hmac(TestPanel.SECRET, alice.key()));
        assertThat(panel.call(alice.key(), "action", "balance").path("balance").asText()).isEqualTo("1");
    }

    @Test void a_row_still_holding_plain_sha256_authenticates_and_is_rewritten_to_the_keyed_hash() throws Exception {
        var old = panel.customer("2");
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE customer SET key_hash = ? WHERE id = ?", ApiKey.sha256(old.key()), old.id()));

        assertThat(panel.call(old.key(), "action", "balance").path("balance").asText()).isEqualTo("2");
        assertThat(storedHash(old.id())).isEqualTo(hmac(TestPanel.SECRET, old.key()));
        assertThat(panel.call(old.key(), "action", "balance").path("balance").asText()).isEqualTo("2");
    }

    @Test void without_opensmm_secret_one_is_created_in_the_data_directory_for_the_owner_only_and_kept(@TempDir Path data) throws Exception {
        String first = KeyHash.load(null, data).of("some-key-of-32-characters-000000");
        Path file = data.resolve("secret");

        assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyHash.load("", data).of("some-key-of-32-characters-000000")).isEqualTo(first);
        assertThat(first).isEqualTo(hmac(Files.readString(file).strip(), "some-key-of-32-characters-000000")); // OPENSMM_SECRET=<file> is the same
    }

    @Test void opensmm_secret_wins_over_the_file_and_must_not_be_short(@TempDir Path data) throws Exception {
        assertThat(KeyHash.load("a-secret-of-enough-length", data).of("k")).isEqualTo(hmac("a-secret-of-enough-length", "k"));
        assertThat(data.resolve("secret")).doesNotExist();
        assertThatThrownBy(() -> KeyHash.load("short", data)).hasMessage("OPENSMM_SECRET must be at least 16 characters");
    }

    @Test void a_demo_key_shorter_than_16_characters_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> Config.from(Map.of("OPENSMM_DEMO_KEY", "demo-key-15char")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OPENSMM_DEMO_KEY must be at least 16 characters (generated keys are 32 hex digits); unset it to get a random key");
        assertThat(Config.from(Map.of("OPENSMM_DEMO_KEY", "demo-key-16chars")).demoKey()).isEqualTo("demo-key-16chars");
    }

    private static String storedHash(long customer) {
        return panel.panel.db.read(tx -> tx.one("SELECT key_hash FROM customer WHERE id = ?", rs -> rs.getString(1), customer)).orElseThrow();
    }

    /** Computed here independently of KeyHash: HMAC-SHA256 of the key's UTF-8 under the secret's UTF-8, as hex. */
    private static String hmac(String secret, String key) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }
}
