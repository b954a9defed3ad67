package org.opensmm.provider;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.client.Outcome;
import org.opensmm.client.ServiceInfo;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Providers' services lists: imported, kept, and compared with the previous import so the operator sees what moved. */
public final class UpstreamCatalog {
    private static final String COLUMNS = """
            provider_id, service, name, type, category, rate, rate_scale, min_quantity, max_quantity, refill, cancel, removed""";
    private static final String INSERT = """
            INSERT INTO upstream_service (provider_id, service, name, type, category, rate, rate_scale, min_quantity,
                                          max_quantity, refill, cancel, removed, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE upstream_service SET name = ?, type = ?, category = ?, rate = ?, rate_scale = ?, min_quantity = ?,
                   max_quantity = ?, refill = ?, cancel = ?, removed = ?, imported_at = ?
            WHERE provider_id = ? AND service = ?""";

    private final Database db;
    private final Catalog catalog;
    private final Providers providers;
    private final Clock clock;

    public UpstreamCatalog(Database db, Catalog catalog, Providers providers, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.providers = providers;
        this.clock = clock;
    }

    /** A change to one upstream service, with our services mapped to it. */
    public record Change(UpstreamService before, UpstreamService after, List<Long> mappedBy) {
        public String describe() { return before.changesTo(after); }
    }

    /** What an import found, and our rates it moved (markup rules follow upstream; fixed rates stay). */
    public record Diff(List<UpstreamService> added, List<Change> changed, List<Change> removed, List<String> repriced,
                       List<String> warnings) {}

    /** The provider, or a refusal naming the unknown id. */
    Provider provider(long providerId) { return providers.get(providerId); }

    /** A person imports the provider's services list: stored, and compared with the last import. */
    public Diff importServices(Actor who, long providerId) {
        return importServices(Optional.of(who), providerId);
    }

    /** Fetches the provider's services list, stores it, and reports what differs from the last import. */
    public Diff importServices(long providerId) {
        return importServices(Optional.empty(), providerId);
    }

    /** What an import would find now: the provider's list fetched and compared, nothing stored or repriced. */
    public Diff preview(long providerId) {
        List<ServiceInfo> listed = fetch(providers.get(providerId));
        Map<Long, List<Mapping>> mappedBy = mappedBy(providerId);
        return db.read(tx -> compare(list(tx, providerId), providerId, listed, mappedBy));
    }

    private List<ServiceInfo> fetch(Provider provider) {
        long providerId = provider.id();
        return switch (providers.client(provider).services()) {
            case Outcome.Ok<List<ServiceInfo>> ok -> ok.value();
            case Outcome.Rejected<List<ServiceInfo>> r ->
                    throw new Refused("provider " + providerId + " refused: " + r.error(), "refused.provider_refused", r.error());
            case Outcome.NoReply<List<ServiceInfo>> n -> throw new Refused("provider " + providerId
                    + " did not answer: " + n.reason() + (n.raw().isBlank() ? "" : " — " + n.raw().strip().lines().findFirst().orElse("")),
                    "refused.provider_silent", n.reason());
        };
    }

    private Map<Long, List<Mapping>> mappedBy(long providerId) {
        Map<Long, List<Mapping>> mappedBy = new LinkedHashMap<>();
        for (Mapping m : db.read(tx -> Mappings.ofProvider(tx, providerId))) {
            mappedBy.computeIfAbsent(m.upstreamService(), k -> new ArrayList<>()).add(m);
        }
        return mappedBy;
    }

    /** The last import ({@code stored}) against the list just fetched: new, changed and no longer listed services. */
    private static Diff compare(List<UpstreamService> stored, long providerId, List<ServiceInfo> listed, Map<Long, List<Mapping>> mappedBy) {
        Map<Long, UpstreamService> known = new LinkedHashMap<>();
        for (UpstreamService s : stored) known.put(s.service(), s);
        var added = new ArrayList<UpstreamService>();
        var changed = new ArrayList<Change>();
        var removed = new ArrayList<Change>();
        for (ServiceInfo info : listed) {
            UpstreamService now = of(providerId, info);
            UpstreamService before = known.remove(info.service());
            if (before == null) added.add(now);
            else if (!before.sameTerms(now)) changed.add(new Change(before, now, ids(mappedBy.get(info.service()))));
        }
        for (UpstreamService gone : known.values()) {
            if (!gone.removed()) removed.add(new Change(gone, withRemoved(gone), ids(mappedBy.get(gone.service()))));
        }
        return new Diff(added, changed, removed, new ArrayList<>(), new ArrayList<>());
    }

    private Diff importServices(Optional<Actor> who, long providerId) {
        Provider provider = providers.get(providerId);
        List<ServiceInfo> listed = fetch(provider);
        long now = clock.millis();
        Map<Long, List<Mapping>> mappedBy = mappedBy(providerId);
        Diff diff = db.inTransaction(tx -> {
            List<UpstreamService> stored = list(tx, providerId);
            long listedBefore = stored.stream().filter(s -> !s.removed()).count();
            Diff found = compare(stored, providerId, listed, mappedBy);
            for (UpstreamService s : found.added()) tx.update(INSERT, args(s, now, true));
            for (Change c : found.changed()) tx.update(UPDATE, args(c.after(), now, false));
            for (Change c : found.removed()) tx.update(UPDATE, args(c.after(), now, false));
            tx.update("UPDATE provider SET imported_at = ? WHERE id = ?", now, providerId);
            if (who.isPresent()) {
                Audit.record(tx, who.get(), "provider.import", "provider", providerId, Map.of("services", listedBefore),
                        Map.of("services", listed.size(), "added", found.added().stream().map(UpstreamService::service).toList(),
                                "changed", found.changed().stream().map(c -> c.after().service()).toList(),
                                "removed", found.removed().stream().map(c -> c.after().service()).toList()));
            }
            return found;
        });
        follow(who, diff, mappedBy);
        return diff;
    }

    /**
     * Markup rules follow an upstream price change; everything else about a mapped service is the operator's call.
     * With a person (or the scheduled re-import) behind the import, each repriced service is an audited edit.
     */
    private void follow(Optional<Actor> who, Diff diff, Map<Long, List<Mapping>> mappedBy) {
        for (Change c : diff.changed()) {
            for (Mapping m : mappedBy.getOrDefault(c.after().service(), List.of())) {
                Service ours = catalog.find(m.serviceId()).orElse(null);
                if (ours == null) continue;
                if (m.rule() instanceof PriceRule.Markup markup) {
                    Rate rate = markup.ourRate(c.after().rate());
                    if (!rate.price().equals(ours.rate().price())) {
                        save(who, ours.withRate(rate));
                        diff.repriced().add("service " + ours.id() + " '" + ours.name() + "': rate " + ours.rate().toWire() + " → " + rate.toWire()
                                + " (" + markup.describe() + ")");
                        ours = ours.withRate(rate);
                    }
                }
                // the provider's own list says it no longer refills or cancels: our service must not promise it
                Service limited = ours.limitedTo(c.after().refill(), c.after().cancel());
                if (!limited.equals(ours)) {
                    save(who, limited);
                    diff.warnings().add("service " + ours.id() + " '" + ours.name() + "' no longer offers"
                            + (ours.refill() && !limited.refill() ? " refill" : "") + (ours.cancel() && !limited.cancel() ? " cancel" : "")
                            + ": upstream service " + c.after().service() + " does not");
                    ours = limited;
                }
                for (String w : Mappings.warnings(ours, c.after())) diff.warnings().add("service " + ours.id() + ": " + w);
            }
        }
        for (Change c : diff.removed()) {
            for (long service : c.mappedBy()) {
                diff.warnings().add("service " + service + " is mapped to upstream service " + c.before().service()
                        + ", which the provider no longer lists: its orders will be refused (remap or unmap it)");
            }
        }
    }

    private void save(Optional<Actor> who, Service s) {
        if (who.isPresent()) catalog.edit(who.get(), s.id(), before -> s);
        else catalog.update(s);
    }

    /** The provider's services as last imported, removed ones included. */
    public List<UpstreamService> services(long providerId) {
        return db.read(tx -> list(tx, providerId));
    }

    public Optional<UpstreamService> find(long providerId, long service) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM upstream_service WHERE provider_id = ? AND service = ?",
                UpstreamCatalog::upstream, providerId, service));
    }

    private static List<UpstreamService> list(Tx tx, long providerId) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM upstream_service WHERE provider_id = ? ORDER BY service",
                UpstreamCatalog::upstream, providerId);
    }

    static UpstreamService of(long providerId, ServiceInfo s) {
        BigDecimal rate = s.rate();
        int scale = Math.min(5, Math.max(0, rate.scale()));
        return new UpstreamService(providerId, s.service(), clip(s.name(), 500), clip(s.type(), 60), clip(s.category(), 500),
                new Rate(Money.of(rate.max(BigDecimal.ZERO)), scale), s.min(), s.max(), s.refill(), s.cancel(), false);
    }

    private static UpstreamService withRemoved(UpstreamService s) {
        return new UpstreamService(s.providerId(), s.service(), s.name(), s.type(), s.category(), s.rate(), s.min(), s.max(),
                s.refill(), s.cancel(), true);
    }

    /** Column values for INSERT ({@code insert}) or UPDATE (key last). */
    private static Object[] args(UpstreamService s, long now, boolean insert) {
        Object[] terms = {s.name(), s.type(), s.category(), s.rate().price().micros(), s.rate().scale(), s.min(), s.max(),
                s.refill(), s.cancel(), s.removed(), now};
        var out = new ArrayList<>();
        if (insert) {
            out.add(s.providerId());
            out.add(s.service());
            out.addAll(List.of(terms));
        } else {
            out.addAll(List.of(terms));
            out.add(s.providerId());
            out.add(s.service());
        }
        return out.toArray();
    }

    private static List<Long> ids(List<Mapping> mappings) {
        return mappings == null ? List.of() : mappings.stream().map(Mapping::serviceId).toList();
    }

    private static String clip(String s, int max) {
        String t = s == null ? "" : s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }

    private static UpstreamService upstream(ResultSet rs) throws SQLException {
        return new UpstreamService(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                new Rate(new Money(rs.getLong(6)), rs.getInt(7)), rs.getLong(8), rs.getLong(9), rs.getBoolean(10),
                rs.getBoolean(11), rs.getBoolean(12));
    }
}
