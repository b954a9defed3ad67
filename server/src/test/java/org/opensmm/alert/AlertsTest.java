package org.opensmm.alert;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.app.Config;
import org.opensmm.app.Main;
import org.opensmm.app.Panel;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.provider.Provider;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.fulfil.Upstreams;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts reach the operator once per occurrence: a real SMTP server (GreenMail) and a real HTTP server on loopback
 * receive each alert once however often the rules are checked and by however many nodes, nothing while it stays
 * open, and again when the condition clears and comes back.
 */
class AlertsTest {
    private static final Actor OPERATOR = new Actor.Cli("test");

    private GreenMail smtp;
    private HttpServer hook;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach void servers() throws Exception {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/bot-token/sendMessage", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach void stop() {
        hook.stop(0);
        smtp.stop();
    }

    private Config alerting(Config c) {
        // no workers: the test runs each check itself, so it knows when one happened
        return c.withWorkers(new Config.Workers(false, 1000, 60_000, 3000)).withAlerts(c.alerts().withProviderBalanceBelow("10")
                .withMail("127.0.0.1", smtp.getSmtp().getPort(), "panel@opensmm.test", "operator@opensmm.test", false)
                .withWebhook("http://127.0.0.1:" + hook.getAddress().getPort() + "/bot-token/sendMessage", "4242"));
    }

    @Test void a_low_provider_balance_is_sent_once_by_mail_and_webhook_and_again_after_it_recurs() throws Exception {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start(this::alerting)) {
            var account = wholesaler.customer("5");
            Provider p = reseller.panel.providers.add("wholesaler", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 2);
            Alerts alerts = reseller.panel.alerts;

            alerts.check();
            assertThat(alerts.open()).as("no balance stored yet: nothing to judge").isEmpty();
            assertThat(reseller.panel.fulfilment.askBalancesDue()).containsExactly(p.id()); // the schedule stores it
            alerts.check();
            alerts.check();
            try (Panel otherNode = Panel.open(reseller.panel.config)) {
                otherNode.alerts.check(); // another worker node on the same database sees the same alert open
            }
            assertThat(alerts.open()).singleElement().satisfies(a -> {
                assertThat(a.key()).isEqualTo("provider-balance:" + p.id());
                assertThat(a.text()).contains("wholesaler").contains("balance 5 USD is below 10");
                assertThat(a.mailedAt()).isNotNull();
                assertThat(a.postedAt()).isNotNull();
            });
            assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getSubject()).startsWith("[OpenSMM alert] Provider wholesaler: balance 5 USD is below 10");
            assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("operator@opensmm.test");
            assertThat(posted).hasSize(1);
            var body = TestPanel.JSON.readTree(posted.getFirst());
            assertThat(body.get("chat_id").asText()).isEqualTo("4242");
            assertThat(body.get("text").asText()).startsWith("OpenSMM alert: Provider wholesaler: balance 5 USD");
            assertThat(body.get("alert").asText()).isEqualTo("provider-balance:" + p.id());

            var cli = new ByteArrayOutputStream();
            int exit = Main.run(reseller.panel.config, new PrintStream(cli, true, StandardCharsets.UTF_8), System.err, "alerts");
            assertThat(exit).isEqualTo(4);
            assertThat(cli.toString(StandardCharsets.UTF_8)).contains("provider-balance:" + p.id()).contains("balance 5 USD is below 10");

            wholesaler.panel.funds.deposit(OPERATOR, account.id(), Money.parse("20"), "top-up");
            alerts.check();
            assertThat(alerts.open()).as("the stored balance is still the low one").hasSize(1);
            reseller.panel.providers.balance(p.id()); // asked again, as the schedule does every few minutes
            alerts.check();
            assertThat(alerts.open()).isEmpty();
            assertThat(alerts.recent(10)).singleElement().satisfies(a -> assertThat(a.clearedAt()).isNotNull());
            alerts.check();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(posted).hasSize(1);

            wholesaler.panel.funds.adjust(OPERATOR, account.id(), Money.parse("-17"), "spent");
            reseller.panel.providers.balance(p.id());
            alerts.check();
            alerts.check();
            assertThat(alerts.open()).singleElement().satisfies(a -> assertThat(a.text()).contains("balance 8 USD is below 10"));
            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(smtp.getReceivedMessages()).hasSize(2);
            assertThat(posted).hasSize(2);
            assertThat(alerts.recent(10)).hasSize(2);
        }
    }

    @Test void a_webhook_that_fails_is_tried_again_and_the_mail_is_not_repeated() throws Exception {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start(c -> alerting(c).withAlerts(alerting(c).alerts()
                .withWebhook("http://127.0.0.1:" + hook.getAddress().getPort() + "/nowhere", "")))) {
            var account = wholesaler.customer("1");
            reseller.panel.providers.add("wholesaler", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 2);
            reseller.panel.fulfilment.askBalancesDue();
            reseller.panel.alerts.check();
            assertThat(reseller.panel.alerts.open()).singleElement().satisfies(a -> {
                assertThat(a.mailedAt()).isNotNull();
                assertThat(a.postedAt()).as("the webhook answered 404").isNull();
            });
            reseller.panel.alerts.check(); // held for a minute after a failed delivery: not sent again at once
            assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }

    @Test void a_balance_never_asked_or_asked_too_long_ago_is_no_low_balance_alert() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start(this::alerting)) {
            var account = wholesaler.customer("5");
            Provider p = reseller.panel.providers.add("wholesaler", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 2);
            Alerts alerts = reseller.panel.alerts;
            alerts.check();
            assertThat(alerts.open()).as("never asked").isEmpty();

            reseller.panel.fulfilment.askBalancesDue();
            long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            reseller.panel.db.inTransaction(tx -> tx.update("UPDATE provider SET balance_at = ? WHERE id = ?", twoHoursAgo, p.id()));
            alerts.check();
            assertThat(alerts.open()).as("a 5 USD balance said two hours ago").isEmpty();

            reseller.panel.providers.balance(p.id());
            alerts.check();
            assertThat(alerts.open()).singleElement().satisfies(a -> assertThat(a.text()).contains("balance 5 USD is below 10"));
        }
    }

    @Test void stuck_orders_failed_orders_and_a_provider_error_rate_open_alerts_and_clear_them() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start(c -> c.withWorkers(new Config.Workers(false, 1000, 60_000, 3000)))) {
            var account = wholesaler.customer("100");
            Provider p = reseller.panel.providers.add("flaky", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 2);
            long service = reseller.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
            var alice = reseller.customer("100");
            long first = reseller.call(alice.key(), "action", "add", "service", Long.toString(service), "link", "https://x.test/1", "quantity", "100")
                    .get("order").asLong();
            long second = reseller.call(alice.key(), "action", "add", "service", Long.toString(service), "link", "https://x.test/2", "quantity", "100")
                    .get("order").asLong();
            long now = System.currentTimeMillis();
            reseller.panel.db.inTransaction(tx -> {
                tx.update("UPDATE orders SET stage = 'SENT', provider_id = ?, external_id = '7', updated_at = ? WHERE id = ?", p.id(), now - 7 * 3_600_000L, first);
                tx.update("UPDATE orders SET stage = 'FAIL', provider_id = ? WHERE id = ?", p.id(), second);
                // what the workers' call counts come to: 12 of 20 calls unanswered this minute
                return tx.update("INSERT INTO provider_calls (provider_id, minute, calls, failures) VALUES (?, ?, 20, 12)", p.id(), now - now % 60_000);
            });
            Alerts alerts = reseller.panel.alerts;
            alerts.check();
            assertThat(alerts.open()).extracting(Alert::key)
                    .containsExactlyInAnyOrder("stuck-orders", "failed-orders", "provider-errors:" + p.id());
            assertThat(alerts.open()).extracting(Alert::text).anySatisfy(t -> assertThat(t).contains("1 orders sent upstream")
                    .contains("for 6 h").contains("order " + first))
                    .anySatisfy(t -> assertThat(t).startsWith("1 orders wait in FAIL").contains("order " + second))
                    .anySatisfy(t -> assertThat(t).isEqualTo("Provider flaky: 12 of 20 calls in the last 15 minutes got no reply"));

            reseller.panel.db.inTransaction(tx -> {
                tx.update("UPDATE orders SET updated_at = ? WHERE id = ?", System.currentTimeMillis(), first);
                tx.update("UPDATE orders SET stage = 'SENT' WHERE id = ?", second);
                return tx.update("UPDATE provider_calls SET calls = 200 WHERE provider_id = ?", p.id());
            });
            alerts.check();
            assertThat(alerts.open()).isEmpty();
        }
    }

    @Test void a_provider_that_stops_answering_opens_the_error_rate_alert_and_its_recovery_clears_it() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start(this::alerting)) {
            var faults = wholesaler.simulate(Simulator.Settings.fast());
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            Provider p = Upstreams.provider(reseller, wholesaler, wholesaler.customer("1000"), Provider.AddErrorPolicy.RETRY);
            long service = Upstreams.resell(reseller, p, "25").get(ServiceType.DEFAULT);
            faults.setTimeoutDelay(Duration.ofSeconds(1));
            faults.setPerMille(1000); // from now on every call fails: 500s, HTML pages, empty bodies, timeouts
            Fulfilment engine = Upstreams.fastEngine(reseller, Duration.ofMillis(500), Clock.systemUTC());
            try {
                var alice = reseller.customer("1000");
                var placed = new AtomicInteger();
                Runnable order = () -> reseller.call(alice.key(), "action", "add", "service", Long.toString(service),
                        "link", "https://x.test/errors/" + placed.incrementAndGet(), "quantity", "100");
                Alerts alerts = reseller.panel.alerts;
                String key = "provider-errors:" + p.id();
                // the engine's real calls, counted per minute, reach the rule: nothing here writes provider_calls
                // (each order is tried three times, then waits in FAIL: new ones keep calls coming)
                Upstreams.await("error-rate alert open", Duration.ofSeconds(60), () -> {
                    order.run();
                    alerts.check();
                    return alerts.open().stream().anyMatch(a -> a.key().equals(key));
                });
                assertThat(alerts.open()).filteredOn(a -> a.key().equals(key)).singleElement()
                        .satisfies(a -> assertThat(a.text()).startsWith("Provider " + p.name() + ": ").contains("got no reply"));

                faults.setPerMille(0); // it answers again: answered calls outnumber the failed ones within the window
                Upstreams.await("error-rate alert cleared", Duration.ofSeconds(90), () -> {
                    order.run();
                    alerts.check();
                    return alerts.open().stream().noneMatch(a -> a.key().equals(key));
                });
                assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
            } finally {
                engine.close();
            }
        }
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
