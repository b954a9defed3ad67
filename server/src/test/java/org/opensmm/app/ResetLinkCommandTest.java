package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Links;
import org.opensmm.account.Passwords.SignIn;
import org.opensmm.testing.TestPanel;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm customer reset-link}: a customer made by the CLI gets a website password through a one-time link. */
class ResetLinkCommandTest {
    static TestPanel panel;
    static Cli cli;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withWeb(c.web().withAccounts("https://panel.example.com/", false, null)));
        cli = new Cli(panel);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void the_printed_link_sets_a_password_once_and_only_its_hash_is_stored() {
        cli.createCustomer("linked", "0");
        assertThat(panel.panel.passwords.signIn("linked", "anything at all", "127.0.0.9")).isEqualTo(SignIn.Failed.WRONG_CREDENTIALS);

        String out = cli.ok("customer", "reset-link", "linked");
        String link = out.replaceAll("(?s).*?(https://\\S+).*", "$1");
        assertThat(link).matches("https://panel\\.example\\.com/reset-password/new\\?token=[A-Za-z0-9_-]{43}");
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(panel.snapshot()).doesNotContain(token);

        assertThat(panel.panel.links.resetLive(token)).isTrue();
        assertThat(panel.panel.links.reset(token, "short")).contains(Links.ResetRefusal.PASSWORD_TOO_SHORT);
        assertThat(panel.panel.links.reset(token, "the customer's own choice")).isEqualTo(Optional.empty());
        assertThat(panel.panel.links.reset(token, "someone else's choice")).contains(Links.ResetRefusal.LINK_INVALID);
        assertThat(panel.panel.passwords.signIn("linked", "the customer's own choice", "127.0.0.9")).isInstanceOf(SignIn.SignedIn.class);
        assertThat(cli.ok("audit", "--limit", "5")).contains("customer.reset_link");
    }

    @Test void a_new_link_retires_the_one_before() {
        cli.createCustomer("twice", "0");
        String first = cli.ok("customer", "reset-link", "twice").replaceAll("(?s).*token=(\\S+).*", "$1");
        String second = cli.ok("customer", "reset-link", "twice").replaceAll("(?s).*token=(\\S+).*", "$1");
        assertThat(panel.panel.links.resetLive(first)).isFalse();
        assertThat(panel.panel.links.resetLive(second)).isTrue();
    }
}
