package org.opensmm.provider;

import org.opensmm.catalog.Rate;

/** One entry of a provider's services list as last imported; {@code removed} once the provider stopped listing it. */
public record UpstreamService(long providerId, long service, String name, String type, String category, Rate rate,
                              long min, long max, boolean refill, boolean cancel, boolean removed) {

    /** What an operator wants to know changed between two imports. */
    boolean sameTerms(UpstreamService o) {
        return name.equals(o.name) && type.equals(o.type) && category.equals(o.category)
                && rate.price().equals(o.rate.price()) && min == o.min && max == o.max && refill == o.refill
                && cancel == o.cancel && removed == o.removed;
    }

    /** "rate 0.90 → 1.00, max 10000 → 5000": the fields that differ, for the import report. */
    String changesTo(UpstreamService o) {
        var out = new StringBuilder();
        diff(out, "name", name, o.name);
        diff(out, "type", type, o.type);
        diff(out, "category", category, o.category);
        if (!rate.price().equals(o.rate.price())) diff(out, "rate", rate.toWire(), o.rate.toWire());
        diff(out, "min", Long.toString(min), Long.toString(o.min));
        diff(out, "max", Long.toString(max), Long.toString(o.max));
        diff(out, "refill", Boolean.toString(refill), Boolean.toString(o.refill));
        diff(out, "cancel", Boolean.toString(cancel), Boolean.toString(o.cancel));
        if (removed && !o.removed) diff(out, "listed", "no", "yes");
        return out.toString();
    }

    private static void diff(StringBuilder out, String field, String before, String after) {
        if (before.equals(after)) return;
        if (!out.isEmpty()) out.append(", ");
        out.append(field).append(' ').append(before).append(" → ").append(after);
    }
}
