package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.web.WebClient.cookieOf;

/**
 * A catalogue of 1,000 services (BENCHMARKS.md's "Website pages"): every page stays under 100 KB on first load, HTML and
 * the assets it links, because the price list and the order form show one category (or a search) at a time; and a
 * service of the last category is still reachable, by its category and by a search.
 */
class PageWeightBrowserTest extends BrowserTest {
    private static final int SERVICES = 1_000, CATEGORIES = 20, FIRST_LOAD_LIMIT = 100_000;
    private static final Pattern ASSET = Pattern.compile("<(?:link rel=\"stylesheet\" href|script src|img src)=\"(/[^\"]+)\"");
    private static final String LAST_CATEGORY = "Category " + (CATEGORIES - 1);
    private static final List<Long> IDS = new ArrayList<>();
    static WebClient web;
    static String cookie;

    @BeforeAll static void aThousandServices() {
        for (int n = 0; n < SERVICES; n++) {
            IDS.add(panel.panel.catalog.add(new Service(0, "Service %04d".formatted(n), ServiceType.DEFAULT, "Category " + (n % CATEGORIES),
                    Rate.parse("0.90"), 10, 1_000_000, n % 2 == 0, n % 3 == 0, n % 5 == 0, 30, 0, Set.of(), true)).id());
        }
        web = new WebClient(panel.panel.port());
        long me = panel.panel.accounts.create("weigher", Money.parse("10")).customer().id();
        panel.panel.passwords.setPassword(new Actor.Cli("test"), me, "a long enough password");
        cookie = cookieOf(web.signIn("weigher", "a+long+enough+password", "/"));
    }

    /** What a first visit downloads: the page's HTML and each stylesheet, script and image it links, in bytes. */
    private static int firstLoad(String path, String cookie) {
        WebClient.Reply page = web.get(path, cookie);
        assertThat(page.status()).as(path).isEqualTo(200);
        int bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
        var assets = ASSET.matcher(page.body());
        int linked = 0;
        while (assets.find()) {
            WebClient.Reply asset = web.get(assets.group(1), null);
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            bytes += asset.body().getBytes(StandardCharsets.UTF_8).length;
            linked++;
        }
        assertThat(linked).as("the stylesheet and the script of " + path).isGreaterThanOrEqualTo(2);
        return bytes;
    }

    @Test void every_page_is_under_100_kb_on_first_load_with_1000_services() {
        assertThat(panel.panel.catalog.onSale(0)).hasSizeGreaterThanOrEqualTo(SERVICES);
        for (String path : List.of("/", "/services", "/services?q=Service", "/services?q=Service&page=10")) {
            assertThat(firstLoad(path, null)).as("signed out " + path).isLessThan(FIRST_LOAD_LIMIT);
        }
        for (String path : List.of("/", "/services", "/orders", "/api", "/?category=" + Fields.encode(LAST_CATEGORY))) {
            assertThat(firstLoad(path, cookie)).as("signed in " + path).isLessThan(FIRST_LOAD_LIMIT);
        }
    }

    @Test void a_service_of_the_last_category_is_reachable_by_its_category_and_by_a_search() {
        long last = IDS.getLast(); // "Service 0999", in the last category
        String row = "data-service=\"" + last + "\"";
        assertThat(web.get("/services", null).body()).as("the first category only").doesNotContain(row)
                .contains("<option value=\"" + LAST_CATEGORY + "\"");
        assertThat(web.get("/services?category=" + Fields.encode(LAST_CATEGORY), null).body()).contains(row);
        assertThat(web.get("/services?q=service+0999", null).body()).contains(row).contains("id=\"search-note\"");
        assertThat(web.get("/services?q=" + last, null).body()).as("by its id").contains(row);

        // every match of a search is reachable through its pages: 1,000 matches, 100 a page
        String tenth = web.get("/services?q=Service&page=10", null).body();
        assertThat(tenth).contains(row).doesNotContain("rel=\"next\"").contains("href=\"/services?q=Service&amp;page=9\"");

        // the order form without JavaScript: a GET of the chosen category lists its services only, the first one chosen
        String form = web.get("/?category=" + Fields.encode(LAST_CATEGORY) + "&service=" + IDS.getFirst(), cookie).body();
        assertThat(form).contains("<option value=\"" + last + "\"").doesNotContain("<option value=\"" + IDS.getFirst() + "\"")
                .contains("name=\"service\" value=\"" + IDS.get(CATEGORIES - 1) + "\"");
        assertThat(web.get("/?service=" + last, cookie).body()).as("a service's own link picks its category")
                .contains("<option value=\"" + LAST_CATEGORY + "\" selected>").contains("name=\"service\" value=\"" + last + "\"");
    }

    @Test void with_javascript_choosing_a_category_updates_the_order_form_in_place() {
        signUp("weight", "10");
        browser.open("/");
        browser.find("#category");
        assertThat(browser.raw().findElement(By.cssSelector("button[data-nojs]")).isDisplayed()).as("the script chooses").isFalse();
        browser.script("window.samePage = 'yes'; arguments[arguments.length - 1]()");
        new Select(browser.find("#category")).selectByValue(LAST_CATEGORY);
        browser.waitFor().until(d -> browser.path().contains("category=Category+" + (CATEGORIES - 1)));
        browser.waitFor().until(d -> new Select(d.findElement(By.id("service"))).getOptions().size() == SERVICES / CATEGORIES
                && d.findElement(By.cssSelector("#order-form input[name=service]")).getAttribute("value").equals(String.valueOf(IDS.get(CATEGORIES - 1))));
        List<String> shown = new Select(browser.find("#service")).getOptions().stream().map(WebElement::getText).toList();
        assertThat(shown).allSatisfy(o -> assertThat(Integer.parseInt(o.replaceAll(".*Service (\\d{4}).*", "$1")) % CATEGORIES).isEqualTo(CATEGORIES - 1));
        assertThat(browser.script("arguments[arguments.length - 1](window.samePage)")).as("no page load: updated in place").isEqualTo("yes");

        new Select(browser.find("#service")).selectByValue(String.valueOf(IDS.getLast()));
        browser.waitFor().until(d -> d.findElement(By.cssSelector("#order-form input[name=service]")).getAttribute("value").equals(String.valueOf(IDS.getLast())));
        browser.type("#f-link", "https://instagram.com/p/weight");
        browser.type("#f-quantity", "1000");
        browser.waitFor().until(d -> d.findElement(By.id("quote")).getText().contains("0.9"));
        browser.submit("#place");
        assertThat(browser.path()).startsWith("/orders?placed=");
    }
}
