package org.opensmm.app;

import org.opensmm.account.ApiKey;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/** Demo data for {@code serve --demo}: a customer with a balance and one service of every type. */
public final class Demo {
    static final String CUSTOMER = "demo";
    static final String RESELLER = "reseller";
    static final String PROVIDER = "Simulated provider";

    private Demo() {}

    /** Seeds what is missing and prints how to call the panel. Idempotent across restarts. */
    static void seed(Panel panel, PrintStream out) {
        if (panel.catalog.all().isEmpty()) {
            for (Service s : catalogue()) panel.catalog.add(s);
        }
        String fixed = panel.config.demoKey();
        var existing = panel.accounts.findByName(CUSTOMER);
        String shownKey;
        if (existing.isEmpty()) {
            ApiKey key = fixed == null || fixed.isBlank() ? ApiKey.generate() : new ApiKey(fixed.strip());
            panel.accounts.create(CUSTOMER, key, Money.parse("1000"));
            shownKey = key.value();
        } else if (fixed != null && !fixed.isBlank()) {
            panel.accounts.setKey(existing.get().id(), new ApiKey(fixed.strip()));
            shownKey = fixed.strip();
        } else {
            shownKey = null; // only the hash is stored: the key was shown on first start
        }
        out.println("OpenSMM demo panel: API v2 at http://" + panel.config.host() + ":" + panel.port() + "/api/v2");
        // the website's demo login: OPENSMM_DEMO_PASSWORD, else a new random one each start (printed, as only its hash is kept)
        String password = panel.config.web().demoPassword();
        if (password == null || password.isBlank()) password = ApiKey.generate().value().substring(0, 16);
        long demo = panel.accounts.findByName(CUSTOMER).orElseThrow().id();
        panel.passwords.setPassword(new org.opensmm.account.Actor.Cli("demo"), demo, password.strip());
        out.println("OpenSMM demo website: http://" + panel.config.host() + ":" + panel.port() + "/  sign in as '" + CUSTOMER
                + "' with password: " + password.strip());
        if (shownKey != null) {
            out.println("Demo customer '" + CUSTOMER + "' API key: " + shownKey);
        } else {
            out.println("Demo customer '" + CUSTOMER + "' exists; its key was printed on first start."
                    + " Set OPENSMM_DEMO_KEY, or run: ./opensmm customer key " + CUSTOMER);
        }
        seedAdmin(panel, out);
    }

    static final String ADMIN = "admin";
    static final String MANUAL_SERVICE = "Instagram Followers [Manual]";

    /**
     * The owner 'admin' with an Admin API key, and one manual Default service (not mapped upstream, refill and cancel
     * on), so orders/pull, refill/pull and cancel/pull have work. Passwords and keys are printed only when made here.
     */
    static void seedAdmin(Panel panel, PrintStream out) {
        var seeder = new org.opensmm.account.Actor.Engine("demo");
        Config.Admin admin = panel.config.admin();
        if (panel.catalog.all().stream().noneMatch(s -> s.name().equals(MANUAL_SERVICE))) {
            panel.catalog.add(service(MANUAL_SERVICE, ServiceType.DEFAULT, "Instagram", "0.90", 50, 10_000, true, true, false));
        }
        if (panel.staff.findByName(ADMIN).isEmpty()) {
            String fixed = admin.demoPassword() == null || admin.demoPassword().isBlank() ? null : admin.demoPassword();
            var added = panel.staff.add(seeder, ADMIN, org.opensmm.account.Role.OWNER, fixed);
            if (fixed == null) out.println("Demo staff owner '" + ADMIN + "' password: " + added.password());
        }
        String fixedKey = admin.demoKey() == null || admin.demoKey().isBlank() ? null : admin.demoKey().strip();
        if (fixedKey != null) {
            if (panel.staff.caller(fixedKey).isEmpty()) panel.staff.newKey(seeder, ADMIN, new ApiKey(fixedKey));
            out.println("Demo Admin API key: " + fixedKey + " (Admin API v2 at http://" + panel.config.host() + ":" + panel.port() + "/adminapi/v2)");
        } else if (panel.staff.keys(ADMIN).isEmpty()) {
            out.println("Demo Admin API key: " + panel.staff.newKey(seeder, ADMIN).key().value()
                    + " (Admin API v2 at http://" + panel.config.host() + ":" + panel.port() + "/adminapi/v2)");
        }
    }

    /** A simulated provider's data: the same catalogue at wholesale prices and a reseller customer with a large balance. */
    static void seedProvider(Panel panel, PrintStream out) {
        String fixed = panel.config.demoKey();
        ApiKey key = fixed == null || fixed.isBlank() ? ApiKey.generate() : new ApiKey(fixed.strip());
        boolean created = seedProvider(panel, key, fixed != null && !fixed.isBlank());
        if (created || (fixed != null && !fixed.isBlank())) out.println("Simulated provider: reseller API key: " + key.value());
        out.println("Simulated provider: API v2 at http://" + panel.config.host() + ":" + panel.port() + "/api/v2");
    }

    /** Seeds what is missing; {@code replaceKey} makes {@code key} the reseller's key even if one exists. True if created. */
    private static boolean seedProvider(Panel panel, ApiKey key, boolean replaceKey) {
        if (panel.catalog.all().isEmpty()) {
            for (Service s : catalogue()) panel.catalog.add(s.withRate(wholesale(s.rate())));
        }
        var existing = panel.accounts.findByName(RESELLER);
        if (existing.isEmpty()) {
            panel.accounts.create(RESELLER, key, Money.parse("100000"));
            return true;
        }
        if (replaceKey) panel.accounts.setKey(existing.get().id(), key);
        return false;
    }

    /**
     * The demo upstream: a simulated provider in this process, on the next port (OPENSMM_SIMULATOR_PORT to choose),
     * with a database of its own (in the panel's embedded server, else an embedded server beside the panel's data), so
     * its orders outlive restarts as a real provider's would.
     */
    static Config upstreamConfig(Panel panel) {
        Config config = panel.config;
        String fixedPort = System.getenv("OPENSMM_SIMULATOR_PORT");
        int port = fixedPort != null && !fixedPort.isBlank() ? Integer.parseInt(fixedPort.strip()) : config.port() == 0 ? 0 : config.port() + 1;
        String url = panel.embedded != null ? panel.embedded.jdbcUrl("simulator") : "";
        Config.Workers w = config.workers();
        return config.withPort(port).withDbUrl(url).withDataDir(config.dataDir().resolve("simulator")).withRateLimit(0).withPoolSize(4)
                .withWorkers(new Config.Workers(false, w.tickMillis(), w.syncMillis(), w.upstreamTimeoutMillis()));
    }

    /**
     * Makes {@code upstream} the demo panel's provider: registers it (its key kept in our provider row, so restarts
     * find it again), imports its services and maps each of ours onto its twin at our own list price.
     */
    static void wire(Panel panel, Panel upstream, PrintStream out) {
        String url = "http://127.0.0.1:" + upstream.port() + "/api/v2";
        var provider = panel.providers.list().stream().filter(p -> p.name().equals(PROVIDER)).findFirst();
        if (provider.isEmpty()) {
            ApiKey key = ApiKey.generate();
            seedProvider(upstream, key, true);
            provider = Optional.of(panel.providers.add(PROVIDER, url, key.value(), Provider.AddErrorPolicy.RETRY, 8));
        } else {
            seedProvider(upstream, new ApiKey(provider.get().apiKey()), true);
            if (!provider.get().apiUrl().toString().equals(url)) provider = Optional.of(panel.providers.relocate(provider.get().id(), url));
        }
        long providerId = provider.get().id();
        panel.upstreamCatalog.importServices(providerId);
        var theirs = panel.upstreamCatalog.services(providerId);
        for (Service ours : panel.catalog.all()) {
            if (panel.mappings.find(ours.id()).isPresent()) continue;
            theirs.stream().filter(t -> t.name().equals(ours.name()) && !t.removed()).findFirst().ifPresent(t ->
                    panel.mappings.map(ours.id(), providerId, t.service(), new PriceRule.Fixed(ours.rate()), true));
        }
        out.println("Demo upstream: a simulated provider at " + url + " fulfils the demo catalogue; orders progress within a minute");
    }

    /** Wholesale is 60 % of our list price: what the demo reseller keeps is the rest. */
    static Rate wholesale(Rate list) {
        return new Rate(list.price().share(60, 100), Math.max(list.scale(), 2));
    }

    /** One service of every PROTOCOL.md type, priced like a real panel's list. */
    static java.util.List<Service> catalogue() {
        return java.util.List.of(
                service("Instagram Followers [Real, refill 30 days]", ServiceType.DEFAULT, "Instagram", "0.90", 50, 10_000, true, true, true),
                service("Instagram Likes Package 1000", ServiceType.PACKAGE, "Instagram", "1.20", 1, 1, false, true, false),
                service("Instagram Custom Comments", ServiceType.CUSTOM_COMMENTS, "Instagram", "8", 10, 1500, false, true, false),
                service("Instagram Custom Comments Package 10", ServiceType.CUSTOM_COMMENTS_PACKAGE, "Instagram", "2.50", 1, 10, false, true, false),
                service("Instagram Mentions Custom List", ServiceType.MENTIONS_CUSTOM_LIST, "Instagram Mentions", "4.00", 10, 5000, false, true, false),
                service("Instagram Mentions with Hashtags", ServiceType.MENTIONS_WITH_HASHTAGS, "Instagram Mentions", "5.00", 10, 5000, false, true, false),
                service("Instagram Mentions Hashtag", ServiceType.MENTIONS_HASHTAG, "Instagram Mentions", "3.50", 100, 10_000, false, true, false),
                service("Instagram Mentions User Followers", ServiceType.MENTIONS_USER_FOLLOWERS, "Instagram Mentions", "3.00", 100, 10_000, false, true, false),
                service("Instagram Mentions Media Likers", ServiceType.MENTIONS_MEDIA_LIKERS, "Instagram Mentions", "3.00", 100, 10_000, false, true, false),
                service("Instagram Comment Likes", ServiceType.COMMENT_LIKES, "Instagram", "2.00", 20, 5000, true, true, false),
                service("Instagram Comment Replies", ServiceType.COMMENT_REPLIES, "Instagram", "9.00", 5, 1000, false, true, false),
                service("Twitter Poll Votes", ServiceType.POLL, "Twitter", "1.50", 100, 50_000, false, true, false),
                service("Telegram Invites from Groups", ServiceType.INVITES_FROM_GROUPS, "Telegram", "6.00", 100, 20_000, false, true, false),
                service("Website Traffic from Google (SEO)", ServiceType.SEO, "Website Traffic", "0.75", 500, 100_000, false, true, false),
                service("Instagram Auto Likes (Subscription)", ServiceType.SUBSCRIPTIONS, "Instagram Auto", "1.10", 50, 5000, false, true, false));
    }

    private static Service service(String name, ServiceType type, String category, String rate, long min, long max,
                                   boolean refill, boolean cancel, boolean dripFeed) {
        return new Service(0, name, type, category, Rate.parse(rate), min, max, refill, cancel, dripFeed, 30, 0, Set.of(), true);
    }

    /**
     * Adding funds in the demo: a simulated Stripe and Cryptomus on loopback (unless real keys are set) with no bonus
     * and no fee, so paying 10 credits exactly 10, and manual transfers for staff to approve. Closing the answer stops
     * the simulated gateways (a test does; serve --demo runs until it is killed).
     */
    public static AutoCloseable payments(Panel panel, PrintStream out) {
        var cli = new org.opensmm.account.Actor.Cli("demo");
        var min = org.opensmm.ledger.Money.parse("1");
        var max = org.opensmm.ledger.Money.parse("10000");
        var started = new java.util.ArrayList<AutoCloseable>();
        if (Config.Payments.from(System.getenv()).stripeSecretKey().isBlank()) {
            String secret = "whsec_demo_" + java.util.UUID.randomUUID().toString().replace("-", "");
            var sim = org.opensmm.simulator.StripeSimulator.start(secret);
            started.add(sim);
            panel.useStripe(new org.opensmm.payment.StripeCheckout.Settings(sim.apiBase(), org.opensmm.simulator.StripeSimulator.SECRET_KEY, secret));
            sim.webhookTo("http://127.0.0.1:" + panel.port() + "/payments/stripe/webhook");
            out.println("Simulated Stripe: " + sim.apiBase() + " (its checkout page has Pay and Cancel)");
        }
        if (Config.Payments.from(System.getenv()).cryptomusMerchant().isBlank()) {
            String key = "demo-" + java.util.UUID.randomUUID();
            var sim = org.opensmm.simulator.CryptomusSimulator.start(key);
            started.add(sim);
            panel.useCryptomus(new org.opensmm.payment.Cryptomus.Settings(sim.apiBase(), org.opensmm.simulator.CryptomusSimulator.MERCHANT, key));
            out.println("Simulated Cryptomus: " + sim.apiBase() + " (its payment page has Pay and Cancel)");
        }
        var deposits = panel.deposits;
        deposits.configure(cli, new org.opensmm.payment.MethodSettings("cryptomus", true, "Crypto (simulated Cryptomus)", "", min, max,
                java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO));
        deposits.configure(cli, new org.opensmm.payment.MethodSettings("stripe", true, "Card (simulated Stripe)", "", min, max,
                java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO));
        deposits.configure(cli, new org.opensmm.payment.MethodSettings("manual", true, "Bank transfer",
                "Send the amount to the demo account and give your transfer reference.", min, max, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO));
        return () -> {
            for (AutoCloseable sim : started) sim.close();
        };
    }
}
