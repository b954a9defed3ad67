package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.catalog.ServiceType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer's language switches the whole website: words, amounts and dates; signed out, the browser's choice. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LanguageBrowserTest extends BrowserTest {
    static long followers;

    @BeforeAll static void start() { followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000); }

    @BeforeEach void signedOut() { signOut("/services"); }

    @Test void a_customer_who_picks_espanol_reads_the_order_form_and_orders_in_spanish_with_spanish_numbers_and_dates() {
        long me = signUp("es", "10.5");
        long order = panel.panel.orders.add(me, followers, Map.of("link", "https://instagram.com/p/es", "quantity", "100")::get);
        browser.open("/account");
        var language = new Select(browser.find("#language"));
        assertThat(language.getOptions()).extracting(o -> o.getText()).contains("English", "Español");
        language.selectByValue("es");
        browser.submit("form[action='/account/preferences'] button[type=submit]");
        assertThat(browser.find("#account-notice").getText()).isEqualTo("Sus preferencias se han guardado.");

        browser.open("/?service=" + followers);
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("es");
        assertThat(browser.find("h1").getText()).isEqualTo("Nuevo pedido");
        assertThat(browser.find("#place").getText()).isEqualTo("Realizar pedido");
        assertThat(browser.find("#balance").getText()).isEqualTo("10,41 USD"); // 10.5 less 100 × 0.90 / 1000
        browser.type("#f-link", "https://instagram.com/p/es2");
        browser.type("#f-quantity", "1000");
        browser.waitFor().until(ExpectedConditions.textToBe(By.id("charge"), "0,9"));

        browser.open("/orders");
        assertThat(browser.find("h1").getText()).isEqualTo("Pedidos");
        assertThat(browser.find("#order-" + order + " .status").getText()).isEqualTo("Pendiente");
        assertThat(browser.find("#order-" + order + " .charge").getText()).isEqualTo("0,09");
        long placed = panel.panel.db.read(tx -> tx.count("SELECT created_at FROM orders WHERE id = ?", order));
        String day = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(placed));
        assertThat(browser.find("#order-" + order + " td:nth-child(2)").getText()).isEqualTo(day + " UTC");
        assertThat(browser.find("nav[aria-label] a[href='/orders']").getText()).isEqualTo("Pedidos");

        browser.open("/orders/" + order);
        assertThat(browser.find("h1").getText()).isEqualTo("Pedido " + order);
        assertThat(browser.find("#order-status").getText()).isEqualTo("Pendiente");
        assertThat(browser.find("button.cancel").getText()).isEqualTo("Cancelar");
        fits("/orders", "orders-es");
    }

    @Test void signed_out_the_browsers_language_is_used_when_the_panel_has_it_and_english_otherwise() throws Exception {
        assertThat(login("es-ES,es;q=0.9,en;q=0.5")).contains("<html lang=\"es\">").contains("Iniciar sesión");
        assertThat(login("de-DE,de;q=0.9")).contains("<html lang=\"en\">").contains("Sign in");
        assertThat(login("de, es;q=0.4")).as("the best one the panel has").contains("<html lang=\"es\">");
        assertThat(login("not a ;;; language")).as("a malformed header is no header").contains("<html lang=\"en\">");
        assertThat(login(null)).contains("<html lang=\"en\">");
    }

    @Test void a_person_who_signs_up_in_spanish_keeps_reading_in_spanish_whatever_the_browser_says_next() throws Exception {
        var signup = get("/signup", null, "es");
        String cookie = signup.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = signup.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        String name = "es" + System.nanoTime() % 1_000_000;
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + "/signup")).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("Accept-Language", "es").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&username=" + name + "&email=" + name + "%40example.com&password="
                        + CUSTOMER_PASSWORD.replace(" ", "+")));
        HttpResponse<String> created;
        try (var client = HttpClient.newHttpClient()) {
            created = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(created.statusCode()).isEqualTo(303);
        long id = panel.panel.accounts.findByName(name).orElseThrow().id();
        String language = panel.panel.db.read(tx -> tx.one("SELECT language FROM customer WHERE id = ?", rs -> rs.getString(1), id)).orElseThrow();
        assertThat(language).isEqualTo("es");
        String session = created.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get("/orders", session, "en").body()).contains("<html lang=\"es\">").contains("Pedidos");
    }

    @Test void an_owner_picks_the_language_of_visitors_whose_browser_asks_for_none_of_ours() throws Exception {
        panel.panel.staff.add(new org.opensmm.account.Actor.Cli("test"), "langowner", org.opensmm.account.Role.OWNER, "staff password 1234");
        try {
            staffSignIn("langowner", "staff password 1234");
            browser.open("/admin/settings");
            new Select(browser.find("#language")).selectByValue("es");
            browser.submit("#save");
            assertThat(browser.find("#done").isDisplayed()).isTrue();
            assertThat(panel.panel.settings.current().language()).isEqualTo("es");

            assertThat(login(null)).contains("<html lang=\"es\">").contains("Iniciar sesión");
            assertThat(login("de-DE,de;q=0.9")).as("none of ours: the panel's").contains("<html lang=\"es\">");
            assertThat(login("en-US,en;q=0.9")).as("the browser's, when we have it").contains("<html lang=\"en\">");
        } finally {
            panel.panel.settings.change(new org.opensmm.account.Actor.Cli("test"), panel.panel.settings.defaults()); // English again
        }
        assertThat(login(null)).contains("<html lang=\"en\">");
    }

    private static String login(String acceptLanguage) throws Exception {
        var r = get("/login", null, acceptLanguage);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(String path, String cookie, String acceptLanguage) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + path)).timeout(Duration.ofSeconds(30));
        if (acceptLanguage != null) b.header("Accept-Language", acceptLanguage);
        if (cookie != null) b.header("Cookie", cookie);
        try (var client = HttpClient.newHttpClient()) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
