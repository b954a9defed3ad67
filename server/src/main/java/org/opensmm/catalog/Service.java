package org.opensmm.catalog;

import java.util.Set;

/**
 * A service as a customer may order it. {@code rate} is the customer's own when they have a custom rate.
 * {@code delays} narrows the subscription delays of PROTOCOL.md; empty means all of them. {@code description} is
 * sent as {@code desc} in {@code action=services} ("" when none).
 */
public record Service(long id, String name, ServiceType type, String category, Rate rate, long min, long max,
                      boolean refill, boolean cancel, boolean dripFeed, int refillDays, int refillCooldownMinutes,
                      Set<Integer> delays, boolean enabled, String description) {

    /** Every subscription delay the seeds show, in minutes. */
    public static final Set<Integer> ALL_DELAYS = Set.of(0, 5, 10, 15, 20, 30, 40, 50, 60, 90, 120, 150, 180, 210, 240,
            270, 300, 360, 420, 480, 540, 600);

    public Service {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a service needs a name");
        if (category == null || category.isBlank()) throw new IllegalArgumentException("a service needs a category");
        if (min < 1 || max < min) throw new IllegalArgumentException("need 1 <= min <= max");
        if (refillDays < 0 || refillCooldownMinutes < 0) throw new IllegalArgumentException("refill days and cool-down cannot be negative");
        delays = delays == null ? Set.of() : Set.copyOf(delays);
        if (!ALL_DELAYS.containsAll(delays)) throw new IllegalArgumentException("delays must be among " + ALL_DELAYS);
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION) throw new IllegalArgumentException("a description has at most " + MAX_DESCRIPTION + " characters");
    }

    /** A service without a description ("desc" is then ""). */
    public Service(long id, String name, ServiceType type, String category, Rate rate, long min, long max, boolean refill,
                   boolean cancel, boolean dripFeed, int refillDays, int refillCooldownMinutes, Set<Integer> delays, boolean enabled) {
        this(id, name, type, category, rate, min, max, refill, cancel, dripFeed, refillDays, refillCooldownMinutes, delays, enabled, "");
    }

    /** What panels importing our services show as "desc"; the column's size. */
    public static final int MAX_DESCRIPTION = 2000;

    /** "0,5,10" → those delays; "all" or empty → every delay of PROTOCOL.md. What the CLI and /admin accept. */
    public static Set<Integer> parseDelays(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("all")) return Set.of();
        var out = new java.util.TreeSet<Integer>();
        for (String part : t.split("\\s*,\\s*")) {
            try {
                out.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad delay '" + part + "': give minutes separated by commas, like 0,5,10");
            }
        }
        if (!ALL_DELAYS.containsAll(out)) {
            throw new IllegalArgumentException("delays must be among " + new java.util.TreeSet<>(ALL_DELAYS).stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + " minutes");
        }
        return out;
    }

    public boolean allowsDelay(int minutes) {
        return delays.isEmpty() ? ALL_DELAYS.contains(minutes) : delays.contains(minutes);
    }

    public Service withRate(Rate r) {
        return new Service(id, name, type, category, r, min, max, refill, cancel, dripFeed, refillDays, refillCooldownMinutes, delays, enabled, description);
    }

    public Service withId(long newId) {
        return new Service(newId, name, type, category, rate, min, max, refill, cancel, dripFeed, refillDays, refillCooldownMinutes, delays, enabled, description);
    }

    /** The same service offering refill and cancel only where {@code refill}/{@code cancel} allow. */
    public Service limitedTo(boolean refillOk, boolean cancelOk) {
        return new Service(id, name, type, category, rate, min, max, refill && refillOk, cancel && cancelOk, dripFeed, refillDays,
                refillCooldownMinutes, delays, enabled, description);
    }
}
