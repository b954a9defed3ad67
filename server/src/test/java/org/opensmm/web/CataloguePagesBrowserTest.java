package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.provider.PriceRule;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/services and /admin/providers in real headless Chromium, against a real panel and a simulated provider panel. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CataloguePagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static TestPanel wholesaler;
    static long ownerId, wholesaleService, noRefillService;
    static TestPanel.Customer account;

    @BeforeAll static void start() {
        var cli = new Actor.Cli("test");
        ownerId = panel.panel.staff.add(cli, "catowner", Role.OWNER, PASSWORD).member().id();
        panel.panel.staff.add(cli, "catsupport", Role.SUPPORT, PASSWORD);
        wholesaler = TestPanel.start();
        wholesaler.simulate(Simulator.Settings.fast());
        wholesaleService = wholesaler.service(ServiceType.DEFAULT, "0.8", 10, 100_000);
        noRefillService = wholesaler.service(ServiceType.DEFAULT, "0.9", 10, 100_000, false, false);
        account = wholesaler.customer("100");
    }

    @AfterAll static void stopWholesaler() {
        if (wholesaler != null) wholesaler.close();
    }

    @BeforeEach void signedOut() { signOut("/admin/login"); }

    private void signIn(String username) { staffSignIn(username, PASSWORD); }

    private static long idIn(String path, String prefix) {
        return Long.parseLong(path.substring(prefix.length()).replaceAll("\\?.*", ""));
    }

    private String auditPage(String object) {
        browser.open("/admin/audit?object=" + object);
        return browser.find("#audit").getText();
    }

    @Test void a_category_and_a_service_made_on_the_page_sell_at_the_edited_rate_on_the_website_and_in_api_v2() {
        signIn("catowner");
        browser.open("/admin/services");
        browser.type("#category-name", "Page Likes");
        browser.submit("#add-category-submit");
        assertThat(browser.find("#done").isDisplayed()).isTrue();
        assertThat(browser.raw().findElements(By.cssSelector("h2.category")).stream().map(e -> e.getText())).contains("Page Likes");

        browser.open("/admin/services/new");
        browser.type("#name", "Page likes, fast");
        new Select(browser.find("#type")).selectByValue("Default");
        browser.type("#category", "Page Likes");
        browser.type("#rate", "1.5");
        browser.type("#min", "10");
        browser.type("#max", "5000");
        browser.submit("#save");
        long id = idIn(browser.path(), "/admin/services/");
        browser.type("#rate", "2.25");
        browser.submit("#save");
        assertThat(browser.find("#done").isDisplayed()).isTrue();
        assertThat(panel.panel.catalog.find(id).orElseThrow().rate().toWire()).isEqualTo("2.25");

        // the public price list, signed out of the website
        browser.open("/services");
        assertThat(browser.find("tr[data-service='" + id + "']").getText()).contains("Page likes, fast").contains("2.25");
        // API v2
        var services = panel.call(panel.customer("0").key(), "action", "services");
        var mine = java.util.stream.StreamSupport.stream(services.spliterator(), false)
                .filter(s -> s.get("service").asLong() == id).findFirst().orElseThrow();
        assertThat(mine.get("rate").asText()).isEqualTo("2.25");
        assertThat(mine.get("category").asText()).isEqualTo("Page Likes");

        // a bad rate changes nothing and says so
        browser.open("/admin/services/" + id);
        browser.type("#rate", "two");
        browser.submit("#save");
        assertThat(browser.find("#error").getText()).isNotBlank();
        assertThat(panel.panel.catalog.find(id).orElseThrow().rate().toWire()).isEqualTo("2.25");

        String log = auditPage("service:" + id);
        assertThat(log).contains("service.add").contains("service.edit").contains("staff:" + ownerId);
        assertThat(auditPage("category")).contains("category.add");
    }

    @Test void a_bulk_ten_percent_change_of_a_category_moves_every_rate_exactly() {
        long one = panel.panel.catalog.add(new Service(0, "Bulk one", ServiceType.DEFAULT, "Bulk", Rate.parse("1"), 10, 1000,
                false, false, false, 30, 0, Set.of(), true)).id();
        long third = panel.panel.catalog.add(new Service(0, "Bulk third", ServiceType.DEFAULT, "Bulk", Rate.parse("0.33333"), 10, 1000,
                false, false, false, 30, 0, Set.of(), true)).id();
        long other = panel.service(ServiceType.DEFAULT, "3", 10, 1000);
        signIn("catowner");
        browser.open("/admin/services");
        new Select(browser.find("#reprice-category")).selectByValue("Bulk");
        browser.type("#percent", "10");
        browser.submit("#reprice-submit");
        assertThat(browser.find("#done").isDisplayed()).isTrue();
        assertThat(browser.find("#service-" + one + " .rate").getText()).isEqualTo("1.1");
        assertThat(browser.find("#service-" + third + " .rate").getText()).isEqualTo("0.36666"); // 0.366663, half-up to 5 decimals
        assertThat(panel.panel.catalog.find(other).orElseThrow().rate().toWire()).isEqualTo("3");

        // ticked services only
        browser.find("#select-" + other).click();
        browser.type("#percent", "-50");
        browser.submit("#reprice-submit");
        assertThat(panel.panel.catalog.find(other).orElseThrow().rate().toWire()).isEqualTo("1.5");
        assertThat(panel.panel.catalog.find(one).orElseThrow().rate().toWire()).isEqualTo("1.1");
        assertThat(auditPage("service:" + third)).contains("service.reprice");
    }

    @Test void a_provider_added_on_the_page_is_previewed_imported_asked_for_its_balance_scheduled_and_mapped() {
        long manual = panel.panel.catalog.add(new Service(0, "To map", ServiceType.DEFAULT, "Mapped", Rate.parse("5"), 10, 1000,
                false, false, false, 30, 0, Set.of(), true)).id();
        signIn("catowner");
        browser.open("/admin/providers");
        browser.type("#name", "Wholesale " + System.nanoTime());
        browser.type("#url", wholesaler.api.toString());
        browser.type("#key", account.key());
        browser.submit("#add-provider-submit");
        long provider = idIn(browser.path(), "/admin/providers/");
        assertThat(browser.find("#key").getAttribute("value")).isEmpty(); // never echoed back
        assertThat(browser.raw().getPageSource()).doesNotContain(account.key());

        browser.submit("#preview");
        assertThat(browser.find("#diff-heading").getText()).contains("If imported now");
        assertThat(browser.find("#diff").getText()).contains("#" + wholesaleService);
        assertThat(panel.panel.upstreamCatalog.services(provider)).isEmpty(); // a preview stores nothing
        browser.submit("#apply");
        assertThat(browser.find("#diff-heading").getText()).startsWith("Imported");
        assertThat(panel.panel.upstreamCatalog.services(provider)).extracting(u -> u.service()).contains(wholesaleService);

        browser.find("#ask-balance").click();
        assertThat(browser.find("#balance").getText()).startsWith("100");

        browser.type("#reimport_hours", "6");
        browser.submit("#save");
        assertThat(panel.panel.reimport.schedule(provider).everyHours()).isEqualTo(6);
        assertThat(panel.panel.reimport.runDue()).doesNotContain(provider); // imported a moment ago
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE provider SET imported_at = 0 WHERE id = ?", provider));
        assertThat(panel.panel.reimport.runDue()).contains(provider);
        assertThat(panel.panel.reimport.runDue()).doesNotContain(provider);

        browser.open("/admin/services/" + manual);
        new Select(browser.find("#upstream")).selectByValue(provider + ":" + wholesaleService);
        browser.find("#rule-markup").click();
        browser.type("#price", "25");
        browser.submit("#map-submit");
        assertThat(browser.find("#mapped").getText()).contains("#" + wholesaleService).contains("markup");
        var mapping = panel.panel.mappings.find(manual).orElseThrow();
        assertThat(mapping.rule()).isEqualTo(new PriceRule.Markup(new java.math.BigDecimal("25")));
        assertThat(panel.panel.catalog.find(manual).orElseThrow().rate().price()).isEqualTo(org.opensmm.ledger.Money.parse("1")); // 0.8 + 25%

        // a refusal is worded for the page, not with the CLI's --force or "opensmm" commands
        long refillable = panel.panel.catalog.add(new Service(0, "Refillable", ServiceType.DEFAULT, "Mapped", Rate.parse("5"), 10, 1000,
                true, false, false, 30, 0, Set.of(), true)).id();
        browser.open("/admin/services/" + refillable);
        new Select(browser.find("#upstream")).selectByValue(provider + ":" + noRefillService);
        browser.find("#rule-markup").click();
        browser.type("#price", "25");
        browser.submit("#map-submit");
        assertThat(browser.find("#error").getText()).contains("Map even if").doesNotContain("--force").doesNotContain("opensmm");
        assertThat(panel.panel.mappings.find(refillable)).isEmpty();

        // a bulk change of a service mapped at a markup says the next import with a new upstream price recomputes it
        browser.open("/admin/services");
        browser.find("#select-" + manual).click();
        browser.type("#percent", "10");
        browser.submit("#reprice-submit");
        assertThat(panel.panel.catalog.find(manual).orElseThrow().rate().toWire()).isEqualTo("1.10");
        assertThat(browser.find("#markup-note").getText()).contains("One of them").contains("next import");
        assertThat(auditPage("service:" + manual)).contains("service.map").contains("service.reprice").contains("next import");

        String providerLog = auditPage("provider:" + provider);
        assertThat(providerLog).contains("provider.add").contains("provider.import").contains("provider.edit").contains("engine:reimport");
    }

    @Test void a_provider_edit_with_one_bad_field_changes_nothing_and_a_good_one_is_one_audit_row() {
        long provider = panel.panel.providers.add(new Actor.Cli("test"), "Edited " + System.nanoTime(), wholesaler.api.toString(),
                account.key(), org.opensmm.provider.Provider.AddErrorPolicy.RETRY, 4).id();
        signIn("catowner");
        browser.open("/admin/providers/" + provider);
        browser.type("#url", "http://127.0.0.1:1/api/v2");
        browser.type("#key", "a new key 123");
        browser.type("#max_in_flight", "2");
        browser.type("#reimport_hours", "999"); // out of range: the whole edit is refused
        browser.submit("#save");
        assertThat(browser.find("#error").getText()).contains("720");
        var p = panel.panel.providers.get(provider);
        assertThat(p.apiUrl().toString()).isEqualTo(wholesaler.api.toString());
        assertThat(p.apiKey()).isEqualTo(account.key());
        assertThat(p.maxInFlight()).isEqualTo(4);

        browser.type("#url", "http://127.0.0.1:1/api/v2");
        browser.type("#key", "a new key 123");
        browser.type("#max_in_flight", "2");
        browser.type("#reimport_hours", "12");
        browser.submit("#save");
        assertThat(browser.find("#done").isDisplayed()).isTrue();
        p = panel.panel.providers.get(provider);
        assertThat(p.apiUrl().toString()).isEqualTo("http://127.0.0.1:1/api/v2");
        assertThat(p.apiKey()).isEqualTo("a new key 123");
        assertThat(p.maxInFlight()).isEqualTo(2);
        assertThat(panel.panel.reimport.schedule(provider).everyHours()).isEqualTo(12);
        var rows = org.opensmm.account.Audit.list(panel.panel.db, null, "provider:" + provider, 10);
        assertThat(rows).extracting(org.opensmm.account.Audit.Entry::action).containsExactly("provider.edit", "provider.add");
        assertThat(rows.getFirst().before()).contains("\"maxInFlight\":4", "\"reimportHours\":\"null\"", wholesaler.api.toString());
        assertThat(rows.getFirst().after()).contains("\"maxInFlight\":2", "\"reimportHours\":\"12\"", "(changed)")
                .doesNotContain("a new key 123");
    }

    @Test void a_support_member_gets_403_on_the_catalogue_and_providers_pages_and_forms() throws Exception {
        signIn("catsupport");
        String cookie = "opensmm_admin=" + browser.raw().manage().getCookieNamed("opensmm_admin").getValue();
        String base = "http://127.0.0.1:" + panel.panel.port();
        for (String page : new String[] {"/admin/services", "/admin/providers"}) {
            browser.open(page);
            assertThat(browser.find("h1").getText()).isEqualTo("Not allowed for your role");
        }
        int before = new org.opensmm.catalog.Categories(panel.panel.db, panel.panel.catalog).list().size();
        var post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/categories")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("name=Sneaky"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(new org.opensmm.catalog.Categories(panel.panel.db, panel.panel.catalog).list()).hasSize(before).doesNotContain("Sneaky");
    }
}
