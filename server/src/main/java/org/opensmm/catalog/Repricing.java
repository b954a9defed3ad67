package org.opensmm.catalog;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.opensmm.ledger.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Bulk price changes: many list rates moved by one percentage, all or none. */
public final class Repricing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(1000);
    // the guard: a rate edited since we read it is not overwritten with a price computed from the old one
    private static final String SET_RATE = "UPDATE service SET rate = ?, rate_scale = ? WHERE id = ? AND rate = ?";
    // a service mapped at a markup has its rate recomputed by the next import that finds a new upstream price
    private static final String MARKUP = "SELECT markup FROM service_provider WHERE service_id = ? AND markup IS NOT NULL";
    private static final String MARKUP_NOTE = "mapped at a markup: the next import that changes the upstream price recomputes this rate";

    private final Database db;
    private final Catalog catalog;

    public Repricing(Database db, Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** {@code markup}: the service is mapped at a markup, so a changed upstream price will overwrite {@code after}. */
    public record Repriced(long service, String name, Rate before, Rate after, boolean markup) {}

    /**
     * A person moves the list rates of {@code services} (or, when none are given, of every service in {@code category})
     * by {@code percent} (-99.99 to 1000, at most 4 decimals): one audit row per service, one transaction.
     */
    public List<Repriced> byPercent(Actor who, Collection<Long> services, String category, BigDecimal percent) {
        if (percent.scale() > 4 || percent.compareTo(HUNDRED.negate()) <= 0 || percent.compareTo(MAX_PERCENT) > 0) {
            throw new Refused("a price change is a percentage above -100 and at most 1000, with at most 4 decimals", "refused.percent_range");
        }
        catalog.forget();
        try {
            return db.inTransaction(tx -> {
                var ids = new LinkedHashSet<>(services);
                if (ids.isEmpty() && category != null && !category.isBlank()) {
                    ids.addAll(tx.list("SELECT id FROM service WHERE category = ? ORDER BY id", rs -> rs.getLong(1), category));
                }
                if (ids.isEmpty()) throw new Refused("choose services or a category to change", "refused.reprice_none");
                var out = new ArrayList<Repriced>();
                for (long id : ids) {
                    Service s = catalog.find(tx, id).orElseThrow(() -> new Refused("no service " + id, "refused.no_service", id));
                    Rate after = scaled(s.rate(), percent);
                    if (tx.update(SET_RATE, after.price().micros(), after.scale(), id, s.rate().price().micros()) != 1) {
                        throw new Refused("service " + id + " changed meanwhile: try again", "refused.service_changed", id);
                    }
                    boolean markup = tx.one(MARKUP, rs -> true, id).isPresent();
                    var audited = new LinkedHashMap<String, String>(Map.of("rate", after.toWire(), "percent", percent.toPlainString()));
                    if (markup) audited.put("note", MARKUP_NOTE);
                    Audit.record(tx, who, "service.reprice", "service", id, Map.of("rate", s.rate().toWire()), audited);
                    out.add(new Repriced(id, s.name(), s.rate(), after, markup));
                }
                return out;
            });
        } finally {
            catalog.forget();
        }
    }

    /** rate × (100 + percent) / 100, half-up to the 5 decimals a rate may have; shown with at least its old decimals. */
    static Rate scaled(Rate rate, BigDecimal percent) {
        BigDecimal price = rate.price().toDecimal().multiply(HUNDRED.add(percent)).divide(HUNDRED)
                .setScale(5, RoundingMode.HALF_UP).stripTrailingZeros();
        return new Rate(Money.of(price), Math.min(5, Math.max(rate.scale(), Math.max(0, price.scale()))));
    }
}
