package org.opensmm.payment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.account.Role;
import org.opensmm.ledger.Money;
import org.opensmm.simulator.StripeSimulator;
import org.opensmm.testing.TestPanel;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deposits credited exactly once: Stripe through the official SDK against the simulated gateway, and manual deposits. */
class PaymentsTest {
    static final String WHSEC = "whsec_test_simulated";
    static TestPanel panel;
    static StripeSimulator stripe;
    static final String CRYPTOMUS_KEY = "cryptomus-test-key";
    static org.opensmm.simulator.CryptomusSimulator crypto;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll static void start() {
        panel = TestPanel.start();
        stripe = StripeSimulator.start(WHSEC);
        panel.panel.useStripe(new StripeCheckout.Settings(stripe.apiBase(), StripeSimulator.SECRET_KEY, WHSEC));
        stripe.webhookTo("http://127.0.0.1:" + panel.panel.port() + "/payments/stripe/webhook");
        crypto = org.opensmm.simulator.CryptomusSimulator.start(CRYPTOMUS_KEY);
        panel.panel.useCryptomus(new Cryptomus.Settings(crypto.apiBase(), org.opensmm.simulator.CryptomusSimulator.MERCHANT, CRYPTOMUS_KEY));
        var cli = new Actor.Cli("test");
        var d = panel.panel.deposits;
        d.configure(cli, new MethodSettings("stripe", true, "Card", "", Money.parse("1"), Money.parse("1000"), new BigDecimal("5"), BigDecimal.ZERO));
        panel.panel.deposits.configure(cli, new MethodSettings("cryptomus", true, "Crypto", "", Money.parse("1"), Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
        d.configure(cli, new MethodSettings("manual", true, "Bank transfer", "IBAN X", Money.parse("1"), Money.parse("1000"), new BigDecimal("10"), BigDecimal.ZERO));
    }

    @AfterAll static void stop() {
        stripe.close();
        crypto.close();
        panel.close();
    }

    @AfterEach void ledgerEqualsBalances() {
        assertThat(panel.ledgerDrift()).as("customers whose balance differs from their ledger").isZero();
    }

    private long customer(String name) { return panel.panel.accounts.create(name, Money.ZERO).customer().id(); }

    private Money balance(long id) { return panel.panel.accounts.balance(id); }

    private Deposits deposits() { return panel.panel.deposits; }

    private Deposits.Checkout checkout(long customer, String amount) {
        return deposits().start(new Actor.Customer(customer), StripeCheckout.CODE, Money.parse(amount), "http://127.0.0.1:" + panel.panel.port());
    }

    private static int post(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test void stripe_end_to_end_credits_once_with_the_bonus() throws Exception {
        long c = customer("stripe-e2e");
        var co = checkout(c, "10");
        assertThat(co.url()).startsWith(stripe.apiBase() + "/checkout/");
        assertThat(stripe.session(co.deposit().externalId()).amount()).as("the SDK sent our amount").isEqualTo(1000);
        assertThat(post(co.url() + "/pay")).isEqualTo(303); // Pay: the simulator posts the signed webhook, then redirects back
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(deposits().find(co.deposit().id()).orElseThrow().state()).isEqualTo(DepositState.CREDITED);
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).as("a repeat is acknowledged").isEqualTo(200);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
    }

    @Test void twenty_concurrent_deliveries_credit_once() throws Exception {
        long c = customer("stripe-race");
        var co = checkout(c, "20");
        String event = stripe.completedEvent(co.deposit().externalId());
        var pool = Executors.newFixedThreadPool(20);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 20; i++) calls.add(() -> stripe.deliver(event));
            for (var f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) assertThat(f.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(c)).isEqualTo(Money.parse("21"));
        long entries = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ?", c));
        assertThat(entries).isEqualTo(1);
    }

    @Test void unsigned_forged_replayed_and_mismatched_callbacks_are_refused_and_change_nothing() {
        long c = customer("stripe-fraud");
        var co = checkout(c, "10");
        String id = co.deposit().externalId();
        String good = stripe.completedEvent(id);
        long now = System.currentTimeMillis() / 1000;
        assertThat(stripe.deliver(good, null)).as("unsigned").isEqualTo(400);
        assertThat(stripe.deliver(good, StripeSimulator.signature("whsec_wrong", now, good))).as("wrongly signed").isEqualTo(400);
        assertThat(stripe.deliver(good, StripeSimulator.signature(WHSEC, now - 3600, good))).as("an old replay").isEqualTo(400);
        String more = StripeSimulator.completedEvent(id, 100000, "usd");
        assertThat(stripe.deliver(more)).as("another amount, correctly signed").isEqualTo(400);
        String tampered = StripeSimulator.completedEvent(id, 1, "usd");
        assertThat(stripe.deliver(tampered)).as("a smaller amount").isEqualTo(400);
        String euros = StripeSimulator.completedEvent(id, 1000, "eur");
        assertThat(stripe.deliver(euros)).as("another currency").isEqualTo(400);
        String unknown = StripeSimulator.completedEvent("cs_test_unknown", 1000, "usd");
        assertThat(stripe.deliver(unknown)).as("a session we never created").isEqualTo(400);
        String resigned = good.replace("\"amount_total\":1000", "\"amount_total\":999");
        assertThat(stripe.deliver(resigned, StripeSimulator.signature(WHSEC, now, good))).as("payload changed after signing").isEqualTo(400);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(deposits().find(co.deposit().id()).orElseThrow().state()).isEqualTo(DepositState.PENDING);
    }

    @Test void manual_deposit_approved_credits_once_rejected_credits_nothing_and_only_staff_decide() {
        long c = customer("manual-1");
        var who = new Actor.Customer(c);
        Deposit d = deposits().declare(who, "manual", Money.parse("50"), "BANK-REF-1", "sent today");
        assertThat(deposits().queue(100)).extracting(Deposit::id).contains(d.id());
        var support = panel.panel.staff.add(new Actor.Cli("test"), "support-pay", Role.SUPPORT, "a long enough password").member();
        assertThatThrownBy(() -> deposits().approve(new Actor.Staff(support.id()), d.id(), null, "")).isInstanceOf(Refused.class);
        var owner = panel.panel.staff.add(new Actor.Cli("test"), "owner-pay", Role.OWNER, "a long enough password").member();
        var boss = new Actor.Staff(owner.id());
        assertThatThrownBy(() -> deposits().approve(boss, d.id(), Money.parse("40"), "")).as("a correction needs a reason").isInstanceOf(Refused.class);
        deposits().approve(boss, d.id(), Money.parse("40"), "received 40 only");
        assertThat(balance(c)).isEqualTo(Money.parse("44"));
        assertThatThrownBy(() -> deposits().approve(boss, d.id(), null, "")).isInstanceOf(Refused.class);
        assertThat(balance(c)).isEqualTo(Money.parse("44"));

        Deposit r = deposits().declare(who, "manual", Money.parse("30"), "BANK-REF-2", "");
        deposits().reject(boss, r.id(), "no such transfer");
        assertThat(balance(c)).isEqualTo(Money.parse("44"));
        assertThat(deposits().find(r.id()).orElseThrow().state()).isEqualTo(DepositState.REJECTED);
    }

    @Test void a_customer_cannot_approve_their_own_deposit() {
        long c = customer("self-approver");
        var self = new Actor.Customer(c);
        Deposit d = deposits().declare(self, "manual", Money.parse("50"), "BANK-SELF", "");
        assertThatThrownBy(() -> deposits().approve(self, d.id(), null, ""))
                .hasMessage("only staff whose role has the payments permission may handle payments")
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.key()).contains("payment.staff_only"));
        assertThatThrownBy(() -> deposits().approve(self, d.id(), Money.parse("500"), "I say so")).isInstanceOf(Refused.class);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(deposits().find(d.id()).orElseThrow().state()).isEqualTo(DepositState.PENDING);
    }

    // ---- the website: /addfunds over plain HTTP

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    record Reply(int status, String cookie, String location, String body) {}

    private Reply send(String method, String path, String cookie, String form) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + panel.panel.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(cookie),
                r.headers().firstValue("Location").orElse(null), r.body());
    }

    private static String csrf(Reply r) {
        var m = CSRF.matcher(r.body());
        assertThat(m.find()).as("a csrf field").isTrue();
        return m.group(1);
    }

    /** A session cookie for customer {@code c}, named {@code name}, signed in through /login. */
    private String signIn(long c, String name) throws Exception {
        panel.panel.passwords.setPassword(new Actor.Cli("test"), c, "a long enough password");
        Reply login = send("GET", "/login", null, null);
        return send("POST", "/login", login.cookie(), "csrf=" + csrf(login) + "&username=" + name
                + "&password=a+long+enough+password&next=%2Faddfunds").cookie();
    }

    @Test void addfunds_page_pays_through_the_simulated_gateway_and_the_return_only_shows_state() throws Exception {
        long c = customer("web-payer");
        String cookie = signIn(c, "web-payer");
        Reply page = send("GET", "/addfunds", cookie, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"method\">Method</label>").contains("<label for=\"amount\">Amount</label>")
                .contains("value=\"stripe\"").contains("value=\"manual\"");
        assertThat(send("POST", "/addfunds", cookie, "method=stripe&amount=10").status()).as("no CSRF token").isEqualTo(403);
        // whatever else the browser sends, the session is for the amount the server decided
        Reply start = send("POST", "/addfunds", cookie, "csrf=" + csrf(page) + "&method=stripe&amount=10&amount_total=1&price=0.01");
        assertThat(start.status()).isEqualTo(303);
        assertThat(start.location()).startsWith(stripe.apiBase() + "/checkout/");
        String sessionId = start.location().substring(start.location().lastIndexOf('/') + 1);
        assertThat(stripe.session(sessionId).amount()).isEqualTo(1000);
        Reply checkoutPage = send("GET", start.location(), null, null);
        assertThat(checkoutPage.body()).contains(">Pay</button>").contains(">Cancel</button>");
        Reply back = send("POST", start.location() + "/pay", null, null);
        assertThat(back.status()).isEqualTo(303);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        Reply shown = send("GET", back.location().replace("http://127.0.0.1:" + panel.panel.port(), ""), cookie, null);
        assertThat(shown.body()).contains("credited");
        for (int i = 0; i < 3; i++) send("GET", back.location().replace("http://127.0.0.1:" + panel.panel.port(), ""), cookie, null);
        assertThat(balance(c)).as("returning again credits nothing").isEqualTo(Money.parse("10.5"));

        Reply manual = send("POST", "/addfunds", cookie, "csrf=" + csrf(page) + "&method=manual&amount=25&reference=REF-9&note=");
        assertThat(manual.status()).isEqualTo(303);
        assertThat(send("GET", manual.location(), cookie, null).body()).contains("waiting for confirmation");
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
    }

    @Test void addfunds_words_a_refusal_from_the_bundle_and_the_operator_gets_a_sentence() throws Exception {
        long c = customer("web-refused");
        String cookie = signIn(c, "web-refused");
        Reply page = send("GET", "/addfunds", cookie, null);
        Reply tooMuch = send("POST", "/addfunds", cookie, "csrf=" + csrf(page) + "&method=stripe&amount=5000");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("This amount is outside what this method accepts.").doesNotContain("payment.amount_range");
        Reply noSuch = send("POST", "/addfunds", cookie, "csrf=" + csrf(page) + "&method=paypal&amount=10");
        assertThat(noSuch.body()).contains("This payment method is not available.").doesNotContain("payment.method_unavailable");
        Reply noReference = send("POST", "/addfunds", cookie, "csrf=" + csrf(page) + "&method=manual&amount=10&reference=+");
        assertThat(noReference.body()).contains("A manual transfer needs its reference (at most 200 characters).");
        assertThat(deposits().of(c, 10)).isEmpty();

        var who = new Actor.Customer(c);
        assertThatThrownBy(() -> deposits().start(who, StripeCheckout.CODE, Money.parse("5000"), "http://127.0.0.1"))
                .hasMessage("the amount 5000 is outside this method's minimum 1 and maximum 1000")
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.key()).contains("payment.amount_range"));
        assertThatThrownBy(() -> deposits().declare(who, "manual", Money.parse("10"), "", ""))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.key()).contains("payment.reference_required"));
    }

    @Test void a_payment_for_a_disabled_customer_is_held_not_lost() {
        long c = customer("stripe-disabled");
        var co = checkout(c, "10");
        panel.panel.accounts.setEnabled(new Actor.Cli("test"), c, false);
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).isEqualTo(200);
        assertThat(deposits().find(co.deposit().id()).orElseThrow().state()).isEqualTo(DepositState.HELD);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        var owner = panel.panel.staff.add(new Actor.Cli("test"), "owner-held", Role.OWNER, "a long enough password").member();
        deposits().approve(new Actor.Staff(owner.id()), co.deposit().id(), null, "");
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).isEqualTo(200);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
    }

    @Test void a_late_webhook_for_a_held_payment_that_staff_rejected_is_acknowledged_and_changes_nothing() {
        long c = customer("stripe-rejected");
        var co = checkout(c, "10");
        var cli = new Actor.Cli("test");
        panel.panel.accounts.setEnabled(cli, c, false);
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).isEqualTo(200);
        var owner = panel.panel.staff.add(cli, "owner-rejects", Role.OWNER, "a long enough password").member();
        deposits().reject(new Actor.Staff(owner.id()), co.deposit().id(), "refunded to the card");
        panel.panel.accounts.setEnabled(cli, c, true);
        // a 200, not a 500 that Stripe would retry for days: a rejected deposit stays rejected
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).isEqualTo(200);
        assertThat(deposits().find(co.deposit().id()).orElseThrow().state()).isEqualTo(DepositState.REJECTED);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
    }

    @Test void a_webhook_before_the_session_is_attached_is_matched_by_its_deposit_only_for_our_amount_and_currency() {
        long c = customer("stripe-early");
        var co = checkout(c, "10");
        long id = co.deposit().id();
        String session = co.deposit().externalId();
        // as if the webhook came before our create call returned: the deposit has no session id yet
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE deposit SET external_id = NULL WHERE id = ?", id));
        long now = System.currentTimeMillis() / 1000;
        String completed = "checkout.session.completed";
        assertThat(stripe.deliver(StripeSimulator.event(completed, session, Long.toString(id), 100000, "usd", "paid", now)))
                .as("another amount").isEqualTo(400);
        assertThat(stripe.deliver(StripeSimulator.event(completed, session, Long.toString(id), 1000, "eur", "paid", now)))
                .as("another currency").isEqualTo(400);
        var theirs = checkout(customer("stripe-early-other"), "10");
        assertThat(stripe.deliver(StripeSimulator.event(completed, "cs_test_other", Long.toString(theirs.deposit().id()), 1000, "usd", "paid", now)))
                .as("naming a deposit that has its own session").isEqualTo(400);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(deposits().find(id).orElseThrow().externalId()).isNull();

        assertThat(stripe.deliver(stripe.completedEvent(session))).isEqualTo(200);
        Deposit paid = deposits().find(id).orElseThrow();
        assertThat(paid.state()).isEqualTo(DepositState.CREDITED);
        assertThat(paid.externalId()).as("the session is attached by the webhook").isEqualTo(session);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(stripe.deliver(stripe.completedEvent(session))).isEqualTo(200);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
    }

    // ---- Cryptomus

    private Deposits.Checkout invoice(long customer, String amount) {
        return deposits().start(new Actor.Customer(customer), Cryptomus.CODE, Money.parse(amount), "http://127.0.0.1:" + panel.panel.port());
    }

    @Test void cryptomus_end_to_end_and_twenty_concurrent_callbacks_credit_once() throws Exception {
        long c = customer("crypto-e2e");
        var co = invoice(c, "10");
        String uuid = co.deposit().externalId();
        assertThat(crypto.invoice(uuid).amount()).isEqualTo("10");
        assertThat(post(co.url() + "/pay")).isEqualTo(303);
        assertThat(balance(c)).as("no bonus, no fee: 10 credits exactly 10").isEqualTo(Money.parse("10"));
        String again = crypto.callback(uuid, "paid");
        var pool = Executors.newFixedThreadPool(20);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 20; i++) calls.add(() -> crypto.deliver(uuid, again));
            for (var f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) assertThat(f.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(c)).isEqualTo(Money.parse("10"));
    }

    @Test void cryptomus_forged_mismatched_and_unconfirmed_callbacks_change_nothing_and_over_or_underpaid_are_held() {
        long c = customer("crypto-fraud");
        var co = invoice(c, "10");
        String uuid = co.deposit().externalId();
        String order = "deposit-" + co.deposit().id();
        assertThat(crypto.deliver(uuid, org.opensmm.simulator.CryptomusSimulator.callback(uuid, order, "paid", "10", "USD", "wrong-key"))).as("wrong key").isEqualTo(400);
        String unsigned = crypto.callback(uuid, "paid").replaceAll(",\"sign\":\"[0-9a-f]+\"", "");
        assertThat(crypto.deliver(uuid, unsigned)).as("unsigned").isEqualTo(400);
        assertThat(crypto.deliver(uuid, org.opensmm.simulator.CryptomusSimulator.callback(uuid, order, "paid", "1000", "USD", CRYPTOMUS_KEY))).as("another amount").isEqualTo(400);
        assertThat(crypto.deliver(uuid, org.opensmm.simulator.CryptomusSimulator.callback(uuid, order, "paid", "10", "EUR", CRYPTOMUS_KEY))).as("another currency").isEqualTo(400);
        assertThat(crypto.deliver(uuid, crypto.callback(uuid, "paid"))).as("signed, but payment/info says unpaid").isEqualTo(400);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        crypto.status(uuid, "paid_over");
        assertThat(crypto.deliver(uuid, crypto.callback(uuid, "paid_over"))).isEqualTo(200);
        assertThat(deposits().find(co.deposit().id()).orElseThrow().state()).isEqualTo(DepositState.HELD);
        assertThat(deposits().queue(1000)).extracting(Deposit::id).contains(co.deposit().id());
        assertThat(balance(c)).isEqualTo(Money.ZERO);
    }

    // ---- payments the gateway ends unpaid (issue 12: abandoned, expired, failed)

    private long entries(long customer) {
        return panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ?", customer));
    }

    private Deposit deposit(Deposits.Checkout co) { return deposits().find(co.deposit().id()).orElseThrow(); }

    @Test void a_stripe_session_that_expires_cancels_its_deposit_and_moves_no_money() {
        long c = customer("stripe-expired");
        var co = checkout(c, "10");
        assertThat(stripe.expire(co.deposit().externalId())).isEqualTo(200);
        Deposit d = deposit(co);
        assertThat(d.state()).isEqualTo(DepositState.CANCELLED);
        assertThat(d.decision()).isEqualTo("payment.ended.expired");
        assertThat(deposits().unpaid(c, 10)).extracting(Deposit::id).containsExactly(d.id());
        assertThat(stripe.expire(co.deposit().externalId())).as("a repeat is acknowledged").isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CANCELLED);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(entries(c)).isZero();
    }

    @Test void a_failed_delayed_stripe_payment_cancels_its_deposit() {
        long c = customer("stripe-async-failed");
        var co = checkout(c, "10");
        assertThat(stripe.failAsync(co.deposit().externalId())).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CANCELLED);
        assertThat(deposit(co).decision()).isEqualTo("payment.ended.failed");
        assertThat(balance(c)).isEqualTo(Money.ZERO);
    }

    @Test void a_delayed_stripe_payment_is_credited_once_when_its_money_arrives_not_when_the_session_completes() {
        long c = customer("stripe-async-paid");
        var co = checkout(c, "10");
        String session = co.deposit().externalId();
        assertThat(stripe.completeUnpaid(session)).as("completed, payment_status unpaid").isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.PENDING);
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(entries(c)).isZero();

        assertThat(stripe.succeedAsync(session)).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CREDITED);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(stripe.succeedAsync(session)).as("a repeated delivery").isEqualTo(200);
        assertThat(stripe.completeUnpaid(session)).as("the unpaid completion, late").isEqualTo(200);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(entries(c)).isEqualTo(1);
        Money ledger = panel.panel.db.read(tx -> panel.panel.ledger.sum(tx, c));
        assertThat(ledger).as("the ledger sums to the balance").isEqualTo(balance(c));
    }

    @Test void an_expired_event_for_a_session_we_never_created_is_acknowledged_and_changes_nothing() {
        long c = customer("stripe-expired-unknown");
        var co = checkout(c, "10");
        long now = System.currentTimeMillis() / 1000;
        assertThat(stripe.deliver(StripeSimulator.event("checkout.session.expired", "cs_test_elsewhere", null, 1000, "usd", "unpaid", now)))
                .as("another integration's session on the same account").isEqualTo(200);
        assertThat(stripe.deliver(StripeSimulator.event("checkout.session.expired", co.deposit().externalId(), "999999999", 1000, "usd", "unpaid", now)))
                .as("our session, naming another deposit").isEqualTo(400);
        assertThat(deposit(co).state()).isEqualTo(DepositState.PENDING);
    }

    @Test void an_expired_event_after_the_payment_changes_nothing() {
        long c = customer("stripe-paid-then-expired");
        var co = checkout(c, "10");
        assertThat(stripe.deliver(stripe.completedEvent(co.deposit().externalId()))).isEqualTo(200);
        assertThat(stripe.expire(co.deposit().externalId())).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CREDITED);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(entries(c)).isEqualTo(1);
    }

    @Test void a_payment_after_the_session_expired_is_held_for_staff_and_credited_once() {
        long c = customer("stripe-expired-then-paid");
        var co = checkout(c, "10");
        String session = co.deposit().externalId();
        assertThat(stripe.expire(session)).isEqualTo(200);
        assertThat(stripe.deliver(stripe.completedEvent(session))).isEqualTo(200);
        Deposit held = deposit(co);
        assertThat(held.state()).isEqualTo(DepositState.HELD);
        assertThat(held.decision()).isEqualTo(Callbacks.PAID_AFTER_END);
        assertThat(deposits().queue(1000)).extracting(Deposit::id).contains(held.id());
        assertThat(stripe.deliver(stripe.completedEvent(session))).as("a repeat").isEqualTo(200);
        assertThat(stripe.expire(session)).as("and the expiry again").isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.HELD);
        assertThat(balance(c)).isEqualTo(Money.ZERO);

        var owner = panel.panel.staff.add(new Actor.Cli("test"), "owner-late-pay", Role.OWNER, "a long enough password").member();
        deposits().approve(new Actor.Staff(owner.id()), held.id(), null, "");
        assertThat(stripe.deliver(stripe.completedEvent(session))).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CREDITED);
        assertThat(balance(c)).isEqualTo(Money.parse("10.5"));
        assertThat(entries(c)).isEqualTo(1);
    }

    @Test void a_cancelled_cryptomus_invoice_cancels_its_deposit_and_a_late_payment_is_held() {
        long c = customer("crypto-cancelled");
        var co = invoice(c, "10");
        String uuid = co.deposit().externalId();
        assertThat(crypto.deliver(uuid, crypto.callback(uuid, "cancel"))).as("signed, but payment/info says check").isEqualTo(400);
        assertThat(deposit(co).state()).isEqualTo(DepositState.PENDING);
        assertThat(crypto.end(uuid, "cancel")).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.CANCELLED);
        assertThat(deposit(co).decision()).isEqualTo("payment.ended.cancelled");
        assertThat(balance(c)).isEqualTo(Money.ZERO);
        assertThat(entries(c)).isZero();

        crypto.status(uuid, "paid"); // paid after all, late
        assertThat(crypto.deliver(uuid, crypto.callback(uuid, "paid"))).isEqualTo(200);
        assertThat(deposit(co).state()).isEqualTo(DepositState.HELD);
        assertThat(balance(c)).isEqualTo(Money.ZERO);

        long other = customer("crypto-failed");
        var failed = invoice(other, "10");
        assertThat(crypto.end(failed.deposit().externalId(), "system_fail")).isEqualTo(200);
        assertThat(deposit(failed).decision()).isEqualTo("payment.ended.failed");
    }
}
