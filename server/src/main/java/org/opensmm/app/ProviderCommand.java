package org.opensmm.app;

import org.opensmm.client.Balance;
import org.opensmm.client.Outcome;
import org.opensmm.provider.Mapping;
import org.opensmm.provider.Mappings;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Provider.AddErrorPolicy;
import org.opensmm.provider.UpstreamCatalog;
import org.opensmm.provider.UpstreamService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** Upstream providers: who we forward orders to, their services, and which of ours map onto which of theirs. */
@Command(name = "provider", description = "Upstream providers: add, import their services, map ours onto theirs, review failed orders.",
        subcommands = {ProviderCommand.Add.class, ProviderCommand.Edit.class, ProviderCommand.ListProviders.class,
                ProviderCommand.BalanceAt.class, ProviderCommand.Import.class, ProviderCommand.Services.class,
                ProviderCommand.Map.class, ProviderCommand.Unmap.class, ProviderCommand.Mapped.class,
                ProviderCommand.CreateService.class, FailedOrderCommands.Failed.class, FailedOrderCommands.Resend.class,
                FailedOrderCommands.Attach.class, FailedOrderCommands.Refund.class, FailedOrderCommands.Find.class})
final class ProviderCommand extends CommandGroup {

    @Command(name = "add", description = "Add a provider: its API v2 URL and our API key there.")
    static final class Add extends OperatorCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--url", required = true, description = "The provider's API v2 address, e.g. https://panel.example/api/v2") String url;
        @Option(names = "--key", required = true, description = "Our API key at the provider.") String key;
        @Option(names = "--on-add-error", defaultValue = "retry", description = "When the provider refuses an add: retry (later, with backoff) or fail (to the operator). Default: ${DEFAULT-VALUE}.")
        String onAddError;
        @Option(names = "--max-in-flight", defaultValue = "4", description = "Concurrent calls to this provider per process. Default: ${DEFAULT-VALUE}.")
        int maxInFlight;

        @Override int run() {
            Provider p = panel.providers.add(operator, name, url, key, AddErrorPolicy.parse(onAddError), maxInFlight);
            out.println("Added provider " + p.id() + " '" + p.name() + "' at " + p.apiUrl() + ". Next: opensmm provider import " + p.id());
            return 0;
        }
    }

    @Command(name = "edit", description = "Change a provider's error policy, concurrency, or switch it off and on.")
    static final class Edit extends OperatorCommand {
        @Parameters(paramLabel = "PROVIDER_ID") long id;
        @Option(names = "--on-add-error", description = "retry or fail") String onAddError;
        @Option(names = "--max-in-flight") Integer maxInFlight;
        @Option(names = "--enabled", arity = "1", description = "false: stop forwarding to it and polling it") Boolean enabled;
        @Option(names = "--package-quantity", arity = "0..1", paramLabel = "BOOLEAN",
                description = "Send quantity=1 with Package orders (the provider says \"Quantity is required\" without it).") Boolean packageQuantity;
        @Option(names = "--username-as-link", arity = "0..1", paramLabel = "BOOLEAN",
                description = "Send the username as link with Subscriptions (the provider says \"Bad Link\" without it).") Boolean usernameAsLink;
        @Option(names = "--refill", arity = "1", paramLabel = "BOOLEAN",
                description = "false: the provider has no refills; our services mapped to it stop offering refill.") Boolean refill;
        @Option(names = "--cancel", arity = "1", paramLabel = "BOOLEAN",
                description = "false: the provider has no cancel; our services mapped to it stop offering cancel.") Boolean cancel;

        @Override int run() {
            Provider p = panel.providers.update(operator, id, onAddError == null ? null : AddErrorPolicy.parse(onAddError), maxInFlight, enabled);
            if (packageQuantity != null || usernameAsLink != null || refill != null || cancel != null) {
                p = panel.providers.setCompat(operator, id, packageQuantity, usernameAsLink, refill, cancel);
                panel.catalog.forget();
            }
            out.println("Provider " + p.id() + " '" + p.name() + "': on add error " + p.onAddError().name().toLowerCase()
                    + ", " + p.maxInFlight() + " in flight, " + (p.enabled() ? "enabled" : "disabled")
                    + ", compatibility: " + p.compat().describe() + ".");
            return 0;
        }
    }

    @Command(name = "list", description = "Every provider (keys shown masked).")
    static final class ListProviders extends OperatorCommand {
        @Override int run() {
            var table = new Table("ID", "NAME", "URL", "KEY", "ON-ADD-ERROR", "IN-FLIGHT", "ENABLED", "MAPPED", "COMPATIBILITY");
            for (Provider p : panel.providers.list()) {
                table.row(p.id(), p.name(), p.apiUrl(), p.maskedKey(), p.onAddError().name().toLowerCase(), p.maxInFlight(),
                        yesNo(p.enabled()), panel.mappings.ofProvider(p.id()).size(), p.compat().describe());
            }
            if (table.isEmpty()) out.println("No providers yet. Add one: opensmm provider add NAME --url URL --key KEY");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "balance", description = "Our balance at the provider, as it reports it.")
    static final class BalanceAt extends OperatorCommand {
        @Parameters(paramLabel = "PROVIDER_ID") long id;

        @Override int run() {
            Provider p = panel.providers.get(id);
            Balance b = switch (panel.providers.balance(id)) {
                case Outcome.Ok<Balance> ok -> ok.value();
                case Outcome.Rejected<Balance> r -> throw new IllegalStateException("provider " + id + " refused: " + r.error());
                case Outcome.NoReply<Balance> n -> throw new IllegalStateException("provider " + id + " did not answer: " + n.reason());
            };
            out.println(p.name() + ": " + b.balance().toPlainString() + (b.currency() == null ? "" : " " + b.currency()));
            return 0;
        }
    }

    @Command(name = "import", description = "Fetch the provider's services list, store it, and show what is new, changed or removed.")
    static final class Import extends OperatorCommand {
        @Parameters(paramLabel = "PROVIDER_ID") long id;

        @Override int run() {
            UpstreamCatalog.Diff diff = panel.upstreamCatalog.importServices(operator, id);
            for (UpstreamService s : diff.added()) {
                out.println("new      " + s.service() + " " + s.type() + " '" + s.name() + "' rate " + s.rate() + " min " + s.min() + " max " + s.max());
            }
            for (UpstreamCatalog.Change c : diff.changed()) {
                out.println("changed  " + c.after().service() + " '" + c.after().name() + "': " + c.describe() + mapped(c.mappedBy()));
            }
            for (UpstreamCatalog.Change c : diff.removed()) {
                out.println("removed  " + c.before().service() + " '" + c.before().name() + "'" + mapped(c.mappedBy()));
            }
            for (String r : diff.repriced()) out.println("repriced " + r);
            for (String w : diff.warnings()) out.println("warning  " + w);
            out.println(diff.added().size() + " new, " + diff.changed().size() + " changed, " + diff.removed().size() + " removed.");
            return 0;
        }

        private static String mapped(List<Long> services) {
            return services.isEmpty() ? "" : " (mapped by our service " + services.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")";
        }
    }

    @Command(name = "services", description = "The provider's services as last imported.")
    static final class Services extends OperatorCommand {
        @Parameters(paramLabel = "PROVIDER_ID") long id;
        @Option(names = "--all", description = "Include services the provider no longer lists.") boolean all;

        @Override int run() {
            panel.providers.get(id);
            var table = new Table("SERVICE", "NAME", "TYPE", "CATEGORY", "RATE", "MIN", "MAX", "REFILL", "CANCEL", "LISTED");
            for (UpstreamService s : panel.upstreamCatalog.services(id)) {
                if (s.removed() && !all) continue;
                table.row(s.service(), s.name(), s.type(), s.category(), s.rate(), s.min(), s.max(), yesNo(s.refill()), yesNo(s.cancel()), yesNo(!s.removed()));
            }
            if (table.isEmpty()) out.println("Nothing imported yet: opensmm provider import " + id);
            else table.print(out);
            return 0;
        }
    }

    /** Exactly one of --rate and --markup. */
    static final class Price {
        @Option(names = "--rate", required = true, description = "Our fixed rate per 1000 (per package).") String rate;
        @Option(names = "--markup", required = true, description = "Percent over the upstream rate; our rate follows upstream's changes.") String markup;

        PriceRule rule() {
            return rate != null ? new PriceRule.Fixed(OperatorCommand.rate(rate)) : PriceRule.Markup.parse(markup);
        }
    }

    @Command(name = "map", description = "Fulfil our service through a provider's service, at a fixed rate or a markup.")
    static final class Map extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "SERVICE_ID") long service;
        @Parameters(index = "1", paramLabel = "PROVIDER_ID") long provider;
        @Parameters(index = "2", paramLabel = "UPSTREAM_SERVICE_ID") long upstream;
        @ArgGroup(exclusive = true, multiplicity = "1") Price price;
        @Option(names = "--upstream-drip-feed", description = "Forward drip-feed orders with runs/interval (the upstream service supports it); otherwise we send each run ourselves.")
        boolean upstreamDrip;
        @Option(names = "--force", description = "Map even though the provider does not support refill or cancel our service offers; ours stops offering them.")
        boolean force;

        @Override int run() {
            print(this, panel.mappings.map(operator, service, provider, upstream, price.rule(), upstreamDrip, force));
            return 0;
        }
    }

    @Command(name = "create-service", description = "Create our service from a provider's service at a markup, and map it.")
    static final class CreateService extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "PROVIDER_ID") long provider;
        @Parameters(index = "1", paramLabel = "UPSTREAM_SERVICE_ID") long upstream;
        @Option(names = "--markup", required = true, description = "Percent over the upstream rate.") String markup;
        @Option(names = "--upstream-drip-feed", description = "Forward drip-feed orders with runs/interval as they are.") boolean upstreamDrip;

        @Override int run() {
            print(this, panel.mappings.createService(operator, provider, upstream, PriceRule.Markup.parse(markup), upstreamDrip));
            return 0;
        }
    }

    private static void print(OperatorCommand cmd, Mappings.Mapped m) {
        Mapping mapping = m.mapping();
        cmd.out.println(OperatorCommand.describe(m.service()) + " → provider " + mapping.providerId() + " service "
                + mapping.upstreamService() + ", " + mapping.rule().describe() + ": our rate " + m.service().rate() + " "
                + OperatorCommand.per(m.service()) + (mapping.upstreamDrip() ? ", drip-feed forwarded" : ""));
        for (String w : m.warnings()) cmd.out.println("warning: " + w);
    }

    @Command(name = "unmap", description = "Make our service manual again; its orders not yet forwarded stay with us.")
    static final class Unmap extends OperatorCommand {
        @Parameters(paramLabel = "SERVICE_ID") long service;

        @Override int run() {
            int kept = panel.mappings.unmap(operator, service);
            out.println("Service " + service + " is manual now." + (kept > 0 ? " " + kept + " order(s) not yet forwarded are yours to deliver." : ""));
            return 0;
        }
    }

    @Command(name = "mappings", description = "Which of our services go to which provider service.")
    static final class Mapped extends OperatorCommand {
        @Override int run() {
            var table = new Table("SERVICE", "PROVIDER", "UPSTREAM", "PRICE", "DRIP-FEED");
            for (Mapping m : panel.mappings.all()) {
                table.row(m.serviceId(), m.providerId(), m.upstreamService(), m.rule().describe(), m.upstreamDrip() ? "forwarded" : "runs by us");
            }
            if (table.isEmpty()) out.println("No service is mapped: every order is delivered by hand.");
            else table.print(out);
            return 0;
        }
    }
}
