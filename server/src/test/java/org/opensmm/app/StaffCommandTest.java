package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Role;
import org.opensmm.testing.TestPanel;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm staff …} and {@code opensmm audit}: accounts, keys shown once, and one audit row per CLI change. */
class StaffCommandTest {
    static TestPanel panel;
    static Cli cli;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void staff_are_added_with_a_password_shown_once_and_keys_act_with_their_role() {
        String out = cli.ok("staff", "add", "mia", "--role", "support");
        var password = Pattern.compile("(?m)^password\\s+(\\S{20})$").matcher(out);
        assertThat(password.find()).as(out).isTrue();
        assertThat(panel.panel.staff.signIn("mia", password.group(1))).isPresent();
        long bcrypt = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM staff WHERE password_hash LIKE '$2%'"));
        assertThat(bcrypt).isPositive();
        assertThat(cli.refused("staff", "add", "mia", "--role", "owner")).contains("already exists");
        assertThat(cli.refused("staff", "add", "zed", "--role", "boss")).contains("owner, manager or support");

        String keyOut = cli.ok("staff", "key", "mia");
        var key = Pattern.compile("(?m)^admin api key\\s+([0-9a-f]{32})$").matcher(keyOut);
        assertThat(key.find()).as(keyOut).isTrue();
        var caller = panel.panel.staff.caller(key.group(1)).orElseThrow();
        assertThat(caller.member().role()).isEqualTo(Role.SUPPORT);
        long plain = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM staff_key WHERE key_hash = ?", key.group(1)));
        assertThat(plain).as("only the hash is stored").isZero();

        assertThat(cli.ok("staff", "list")).contains("mia", "support");
        cli.ok("staff", "disable", "mia");
        assertThat(panel.panel.staff.caller(key.group(1))).isEmpty();
        cli.ok("staff", "enable", "mia");
        assertThat(panel.panel.staff.caller(key.group(1))).isPresent();
        assertThat(cli.ok("staff", "keys", "list", "mia")).contains(Long.toString(caller.keyId()));
        cli.ok("staff", "keys", "revoke", Long.toString(caller.keyId()));
        assertThat(panel.panel.staff.caller(key.group(1))).isEmpty();
        assertThat(cli.ok("audit", "--object", "staff", "--limit", "10")).contains("staff.add", "staff.disable", "staff.enable");
    }

    @Test void a_cli_deposit_leaves_exactly_one_audit_row_with_who_what_before_and_after() {
        var ann = cli.createCustomer("ann-audit", "1");
        cli.ok("funds", "deposit", "ann-audit", "25", "--reason", "bank transfer 123");
        var rows = panel.panel.db.read(tx -> tx.list(
                "SELECT actor, action, before_json, after_json FROM audit WHERE object_type = 'customer' AND object_id = ? AND action = 'funds.deposit'",
                rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), Long.toString(ann.id())));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo("cli:" + System.getProperty("user.name"));
        assertThat(rows.get(0).get(2)).contains("\"balance\":\"1\"");
        assertThat(rows.get(0).get(3)).contains("\"balance\":\"26\"", "bank transfer 123");
        String listed = cli.ok("audit", "--object", "customer:" + ann.id());
        assertThat(listed).contains("funds.deposit", "customer.create");
        assertThat(cli.ok("audit", "--actor", "nobody:0")).contains("No audit rows match.");
    }
}
