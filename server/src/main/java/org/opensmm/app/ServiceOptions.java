package org.opensmm.app;

import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The fields of a service as options: all of them for {@code service add}, any of them for {@code service edit}. */
final class ServiceOptions {
    private static final int DEFAULT_REFILL_DAYS = 30;

    @Option(names = "--name", paramLabel = "NAME") String name;
    @Option(names = "--type", paramLabel = "TYPE", description = "A PROTOCOL.md type, e.g. Default, Package, \"Custom Comments\" (or custom_comments).")
    String type;
    @Option(names = "--category", paramLabel = "CATEGORY") String category;
    @Option(names = "--rate", paramLabel = "RATE", description = "List price per 1000 units (per package for package types).")
    String rate;
    @Option(names = "--min", paramLabel = "N") Long min;
    @Option(names = "--max", paramLabel = "N") Long max;
    @Option(names = "--refill", arity = "0..1", paramLabel = "BOOLEAN", description = "Customers may ask for refills.") Boolean refill;
    @Option(names = "--cancel", arity = "0..1", paramLabel = "BOOLEAN", description = "Customers may ask to cancel.") Boolean cancel;
    @Option(names = "--drip-feed", arity = "0..1", paramLabel = "BOOLEAN", description = "Orders may use runs/interval.") Boolean dripFeed;
    @Option(names = "--refill-days", paramLabel = "N", description = "Refill window after completion (default 30).") Integer refillDays;
    @Option(names = "--refill-cooldown", paramLabel = "MINUTES", description = "Pause between two refills of one order (default 0).")
    Integer refillCooldown;
    @Option(names = "--delays", paramLabel = "LIST", description = "Subscription delays in minutes, e.g. 0,5,10; 'all' for every one.")
    String delays;
    @Option(names = "--desc", paramLabel = "TEXT", description = "Description sent as \"desc\" in the services list (\"\" to clear).")
    String description;

    List<String> missingForAdd() {
        var missing = new ArrayList<String>();
        if (name == null) missing.add("--name");
        if (type == null) missing.add("--type");
        if (category == null) missing.add("--category");
        if (rate == null) missing.add("--rate");
        if (min == null) missing.add("--min");
        if (max == null) missing.add("--max");
        return missing;
    }

    boolean none() {
        return Arrays.asList(name, type, category, rate, min, max, refill, cancel, dripFeed, refillDays, refillCooldown, delays, description)
                .stream().allMatch(o -> o == null);
    }

    /** The options given, over {@code base} (null: a new service with the defaults). */
    Service applyTo(Service base) {
        return new Service(base == null ? 0 : base.id(),
                name != null ? name.strip() : base.name(),
                type != null ? type(type) : base.type(),
                category != null ? category.strip() : base.category(),
                rate != null ? OperatorCommand.rate(rate) : base.rate(),
                min != null ? min : base.min(),
                max != null ? max : base.max(),
                refill != null ? refill : base != null && base.refill(),
                cancel != null ? cancel : base != null && base.cancel(),
                dripFeed != null ? dripFeed : base != null && base.dripFeed(),
                refillDays != null ? refillDays : base == null ? DEFAULT_REFILL_DAYS : base.refillDays(),
                refillCooldown != null ? refillCooldown : base == null ? 0 : base.refillCooldownMinutes(),
                delays != null ? delays(delays) : base == null ? Set.of() : base.delays(),
                base == null || base.enabled(),
                description != null ? description : base == null ? "" : base.description());
    }

    static ServiceType type(String text) {
        return ServiceType.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown service type '" + text + "'; valid: "
                + Arrays.stream(ServiceType.values()).map(ServiceType::wire).collect(Collectors.joining(", "))));
    }

    static Set<Integer> delays(String text) { return Service.parseDelays(text); }
}
