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

    private Diff importServices(Optional<Actor> who, long providerId) {
        Provider provider = providers.get(providerId);
        List<ServiceInfo> listed = switch (providers.client(provider).services()) {
            case Outcome.Ok<List<ServiceInfo>> ok -> ok.value();
            case Outcome.Rejected<List<ServiceInfo>> r -> throw new Refused("provider " + providerId + " refused: " + r.error());
            case Outcome.NoReply<List<ServiceInfo>> n -> throw new Refused("provider " + providerId
                    + " did not answer: " + n.reason() + (n.raw().isBlank() ? "" : " — " + n.raw().strip().lines().findFirst().orElse("")));
        };
        long now = clock.millis();
        Map<Long, List<Mapping>> mappedBy = new LinkedHashMap<>();
        for (Mapping m : db.read(tx -> Mappings.ofProvider(tx, providerId))) {
            mappedBy.computeIfAbsent(m.upstreamService(), k -> new ArrayList<>()).add(m);
        }
        Diff diff = db.inTransaction(tx -> {
            Map<Long, UpstreamService> known = new LinkedHashMap<>();
            for (UpstreamService s : list(tx, providerId)) known.put(s.service(), s);
            long listedBefore = known.values().stream().filter(s -> !s.removed()).count();
            var added = new ArrayList<UpstreamService>();
            var changed = new ArrayList<Change>();
            var removed = new ArrayList<Change>();
            for (ServiceInfo info : listed) {
                UpstreamService now2 = of(providerId, info);
                UpstreamService before = known.remove(info.service());
                if (before == null) {
                    tx.update(INSERT, args(now2, now, true));
                    added.add(now2);
                } else if (!before.sameTerms(now2)) {
                    tx.update(UPDATE, args(now2, now, false));
                    changed.add(new Change(before, now2, ids(mappedBy.get(info.service()))));
                }
            }
            for (UpstreamService gone : known.values()) {
                if (gone.removed()) continue;
                UpstreamService after = withRemoved(gone);
                tx.update(UPDATE, args(after, now, false));
                removed.add(new Change(gone, after, ids(mappedBy.get(gone.service()))));
            }
            if (who.isPresent()) {
                Audit.record(tx, who.get(), "provider.import", "provider", providerId, Map.of("services", listedBefore),
                        Map.of("services", listed.size(), "added", added.stream().map(UpstreamService::service).toList(),
                                "changed", changed.stream().map(c -> c.after().service()).toList(),
                                "removed", removed.stream().map(c -> c.after().service()).toList()));
            }
            return new Diff(added, changed, removed, new ArrayList<>(), new ArrayList<>());
        });
        follow(diff, mappedBy);
        return diff;
    }

    /** Markup rules follow an upstream price change; everything else about a mapped service is the operator's call. */
    private void follow(Diff diff, Map<Long, List<Mapping>> mappedBy) {
        for (Change c : diff.changed()) {
            for (Mapping m : mappedBy.getOrDefault(c.after().service(), List.of())) {
                Service ours = catalog.find(m.serviceId()).orElse(null);
                if (ours == null) continue;
                if (m.rule() instanceof PriceRule.Markup markup) {
                    Rate rate = markup.ourRate(c.after().rate());
                    if (!rate.price().equals(ours.rate().price())) {
                        catalog.update(ours.withRate(rate));
                        diff.repriced().add("service " + ours.id() + " '" + ours.name() + "': rate " + ours.rate().toWire() + " → " + rate.toWire()
                                + " (" + markup.describe() + ")");
                        ours = ours.withRate(rate);
                    }
                }
                // the provider's own list says it no longer refills or cancels: our service must not promise it
                Service limited = ours.limitedTo(c.after().refill(), c.after().cancel());
                if (!limited.equals(ours)) {
                    catalog.update(limited);
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
