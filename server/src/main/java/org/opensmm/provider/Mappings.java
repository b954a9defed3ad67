package org.opensmm.provider;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.order.Stages;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which of our services go to which upstream service, at what price; a service without a mapping is manual. */
public final class Mappings {
    // A fixed rule's rate is the service's own rate: joined in, never stored twice.
    private static final String SELECT = """
            SELECT m.service_id, m.provider_id, m.upstream_service, m.rule, m.markup, m.upstream_drip, s.rate, s.rate_scale
            FROM service_provider m JOIN service s ON s.id = m.service_id""";

    private final Database db;
    private final Catalog catalog;
    private final UpstreamCatalog upstream;
    private final Clock clock;

    public Mappings(Database db, Catalog catalog, UpstreamCatalog upstream, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.upstream = upstream;
        this.clock = clock;
    }

    /** The mapping plus what the operator should look at (our min/max outside upstream's, refill or cancel we offer but upstream does not). */
    public record Mapped(Mapping mapping, Service service, List<String> warnings) {}

    /** A person maps our service onto a provider's service: new orders of it go there from now on. */
    public Mapped map(Actor who, long serviceId, long providerId, long upstreamServiceId, PriceRule rule, boolean upstreamDrip) {
        return map(who, serviceId, providerId, upstreamServiceId, rule, upstreamDrip, false);
    }

    /**
     * As above; our service offering refill or cancel that the provider is known not to support (its services list, or
     * its "This action is Invalid") is refused unless {@code force}, which maps it and stops our service offering them.
     */
    public Mapped map(Actor who, long serviceId, long providerId, long upstreamServiceId, PriceRule rule, boolean upstreamDrip,
                      boolean force) {
        upstream.provider(providerId);
        return map(who, "service.map", serviceId, providerId, upstreamServiceId, rule, upstreamDrip, force);
    }

    /** A person creates our service from a provider's service at a markup, mapped to it. */
    public Mapped createService(Actor who, long providerId, long upstreamServiceId, PriceRule.Markup markup, boolean upstreamDrip) {
        upstream.provider(providerId);
        return createMapped(who, providerId, upstreamServiceId, markup, upstreamDrip);
    }

    /** A person makes our service manual again: how many of its orders not yet forwarded are now theirs to deliver. */
    public int unmap(Actor who, long serviceId) {
        ours(serviceId); // refused when there is no such service
        return unmapAs(who, serviceId);
    }

    /**
     * Maps our service onto an imported upstream service of the same type, and sets our rate by the rule. New orders
     * of the service go upstream from now on; orders already placed stay where they are.
     */
    public Mapped map(long serviceId, long providerId, long upstreamServiceId, PriceRule rule, boolean upstreamDrip) {
        return map(serviceId, providerId, upstreamServiceId, rule, upstreamDrip, false);
    }

    public Mapped map(long serviceId, long providerId, long upstreamServiceId, PriceRule rule, boolean upstreamDrip, boolean force) {
        return map(null, null, serviceId, providerId, upstreamServiceId, rule, upstreamDrip, force);
    }

    /** {@code who} null: no person asked (tests, the demo); otherwise one audit row named {@code action}, in the mapping's transaction. */
    private Mapped map(Actor who, String action, long serviceId, long providerId, long upstreamServiceId, PriceRule rule,
                       boolean upstreamDrip, boolean force) {
        Service ours = ours(serviceId);
        UpstreamService theirs = imported(providerId, upstreamServiceId);
        if (theirs.removed()) {
            throw new Refused("provider " + providerId + " no longer lists service " + upstreamServiceId, "refused.upstream_removed", upstreamServiceId);
        }
        // fields are forwarded as they are: a type mismatch would be refused upstream or, worse, delivered wrongly
        ServiceType type = typeOf(theirs);
        if (type != ours.type()) {
            throw new Refused("service " + serviceId + " is " + ours.type().wire() + " but upstream service "
                    + upstreamServiceId + " is " + type.wire(), "refused.type_mismatch", ours.type().wire(), type.wire());
        }
        // a customer told {"refill":"1"} who later sees Rejected was promised what the provider never does
        Provider.Compat compat = upstream.provider(providerId).compat();
        boolean refillOk = theirs.refill() && compat.refill(), cancelOk = theirs.cancel() && compat.cancel();
        var lost = new ArrayList<String>();
        if (ours.refill() && !refillOk) lost.add("refill");
        if (ours.cancel() && !cancelOk) lost.add("cancel");
        if (!lost.isEmpty() && !force) {
            throw new Refused("service " + serviceId + " offers " + String.join(" and ", lost) + " but provider " + providerId
                    + (theirs.refill() && theirs.cancel() ? "" : " service " + upstreamServiceId) + " does not: map with --force"
                    + " to stop offering " + (lost.size() == 2 ? "them" : "it") + ", or turn " + (lost.size() == 2 ? "them" : "it")
                    + " off first (opensmm service edit " + serviceId + ")", "refused.provider_lacks", String.join(" and ", lost));
        }
        Rate rate = rule.ourRate(theirs.rate());
        Service priced = ours.withRate(rate).limitedTo(refillOk, cancelOk);
        var mapping = new Mapping(serviceId, providerId, upstreamServiceId, rule, upstreamDrip);
        db.inTransaction(tx -> {
            Mapping old = find(tx, serviceId).orElse(null);
            tx.update("DELETE FROM service_provider WHERE service_id = ?", serviceId);
            tx.update("INSERT INTO service_provider (service_id, provider_id, upstream_service, rule, markup, upstream_drip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    serviceId, providerId, upstreamServiceId, rule instanceof PriceRule.Markup ? "MARKUP" : "RATE",
                    rule instanceof PriceRule.Markup m ? m.percent().toPlainString() : null, upstreamDrip, clock.millis());
            if (who != null) {
                Audit.record(tx, who, action, "service", serviceId, "service.create".equals(action) ? null : audited(old, ours),
                        audited(mapping, priced));
            }
            return null;
        });
        if (!priced.equals(ours)) catalog.update(priced);
        catalog.forget(); // new orders of the service go upstream from now on
        var warnings = new ArrayList<>(warnings(priced, theirs));
        for (String l : lost) warnings.add("our service no longer offers " + l + ": the provider does not support it");
        return new Mapped(mapping, priced, warnings);
    }

    /** Our service built from the upstream one (name, type, limits, flags) at a markup, and mapped to it. */
    public Mapped createService(long providerId, long upstreamServiceId, PriceRule.Markup markup, boolean upstreamDrip) {
        return createMapped(null, providerId, upstreamServiceId, markup, upstreamDrip);
    }

    private Service ours(long serviceId) {
        return catalog.find(serviceId).orElseThrow(() -> new Refused("no service " + serviceId + " (see: opensmm service list)",
                "refused.no_service", serviceId));
    }

    private UpstreamService imported(long providerId, long upstreamServiceId) {
        return upstream.find(providerId, upstreamServiceId).orElseThrow(() -> new Refused("provider " + providerId + " has no service "
                + upstreamServiceId + " (run: opensmm provider import " + providerId + ")", "refused.upstream_missing", upstreamServiceId));
    }

    private static ServiceType typeOf(UpstreamService theirs) {
        return ServiceType.parse(theirs.type()).orElseThrow(() -> new Refused("upstream service " + theirs.service() + " has type '"
                + theirs.type() + "', which API v2 does not define", "refused.upstream_type", theirs.service(), theirs.type()));
    }

    private Mapped createMapped(Actor who, long providerId, long upstreamServiceId, PriceRule.Markup markup, boolean upstreamDrip) {
        UpstreamService theirs = imported(providerId, upstreamServiceId);
        ServiceType type = typeOf(theirs);
        Provider.Compat compat = upstream.provider(providerId).compat();
        // drip-feed is ours to offer on Default services: we deliver the runs ourselves when upstream cannot
        Service created = catalog.add(new Service(0, theirs.name(), type, theirs.category().isBlank() ? "Other" : theirs.category(),
                markup.ourRate(theirs.rate()), theirs.min(), theirs.max(), theirs.refill() && compat.refill(),
                theirs.cancel() && compat.cancel(), type == ServiceType.DEFAULT, 30, 0, Set.of(), true));
        return map(who, "service.create", created.id(), providerId, upstreamServiceId, markup, upstreamDrip, false);
    }

    /**
     * Makes the service manual again. Its orders not yet picked up stay with us for the operator; orders already
     * sent upstream keep being synced with the provider they went to.
     */
    public int unmap(long serviceId) {
        return unmapAs(null, serviceId);
    }

    private int unmapAs(Actor who, long serviceId) {
        catalog.forget();
        try {
            return unmapNow(who, serviceId);
        } finally {
            catalog.forget(); // an add that raced the change must not keep the old answer for long
        }
    }

    private int unmapNow(Actor who, long serviceId) {
        return db.inTransaction(tx -> {
            Mapping old = find(tx, serviceId).orElse(null);
            if (tx.update("DELETE FROM service_provider WHERE service_id = ?", serviceId) == 0) {
                throw new Refused("service " + serviceId + " is not mapped to a provider", "refused.not_mapped");
            }
            int manual = new Stages().unmap(tx, serviceId);
            if (who != null) Audit.record(tx, who, "service.unmap", "service", serviceId, audited(old, null),
                    java.util.Map.of("mapping", "none", "ordersNowManual", manual));
            return manual;
        });
    }

    /** A mapping and its service as the audit log shows them: the rule in the operator's words. */
    private static java.util.Map<String, Object> audited(Mapping m, Service s) {
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("mapping", m == null ? "none" : java.util.Map.of("provider", m.providerId(), "upstreamService", m.upstreamService(),
                "rule", m.rule().describe(), "upstreamDrip", m.upstreamDrip()));
        if (s != null) out.put("service", s);
        return out;
    }

    public Optional<Mapping> find(long serviceId) {
        return db.read(tx -> find(tx, serviceId));
    }

    public Optional<Mapping> find(Tx tx, long serviceId) throws SQLException {
        return tx.one(SELECT + " WHERE m.service_id = ?", Mappings::mapping, serviceId);
    }

    public List<Mapping> ofProvider(long providerId) {
        return db.read(tx -> ofProvider(tx, providerId));
    }

    static List<Mapping> ofProvider(Tx tx, long providerId) throws SQLException {
        return tx.list(SELECT + " WHERE m.provider_id = ? ORDER BY m.service_id", Mappings::mapping, providerId);
    }

    public List<Mapping> all() {
        return db.read(tx -> tx.list(SELECT + " ORDER BY m.service_id", Mappings::mapping));
    }

    static List<String> warnings(Service ours, UpstreamService theirs) {
        var out = new ArrayList<String>();
        if (ours.min() < theirs.min()) out.add("our min " + ours.min() + " is below upstream's " + theirs.min() + ": such orders will be refused upstream");
        if (ours.max() > theirs.max()) out.add("our max " + ours.max() + " is above upstream's " + theirs.max() + ": such orders will be refused upstream");
        if (ours.refill() && !theirs.refill()) out.add("we offer refill but upstream does not");
        if (ours.cancel() && !theirs.cancel()) out.add("we offer cancel but upstream does not");
        if (ours.rate().price().compareTo(theirs.rate().price()) < 0) out.add("our rate " + ours.rate().toWire() + " is below upstream's " + theirs.rate().toWire());
        return out;
    }

    static Mapping mapping(ResultSet rs) throws SQLException {
        PriceRule rule = "MARKUP".equals(rs.getString(4)) ? new PriceRule.Markup(new BigDecimal(rs.getString(5)))
                : new PriceRule.Fixed(new Rate(new org.opensmm.ledger.Money(rs.getLong(7)), rs.getInt(8)));
        return new Mapping(rs.getLong(1), rs.getLong(2), rs.getLong(3), rule, rs.getBoolean(6));
    }
}
