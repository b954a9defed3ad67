package org.opensmm.web;

import org.opensmm.catalog.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services one visitor may order, as /services and the new-order form pick from them: one category at a time (a
 * page with every service of a big catalogue weighs hundreds of KB), or a search over all categories, so that every
 * service stays reachable.
 */
record OnSale(List<Service> services) {
    /** The categories in catalogue order. */
    List<String> categories() { return services.stream().map(Service::category).distinct().toList(); }

    /** {@code asked} when it is a category on sale, else the first one ("" when nothing is on sale). */
    String category(String asked) {
        var all = categories();
        return all.contains(asked) ? asked : all.isEmpty() ? "" : all.getFirst();
    }

    List<Service> in(String category) { return services.stream().filter(s -> s.category().equals(category)).toList(); }

    Optional<Service> find(long id) { return services.stream().filter(s -> s.id() == id).findFirst(); }

    /** Services whose name or category holds {@code search} (any case), or whose id it is, in every category. */
    List<Service> matching(String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        return services.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).contains(needle)
                || s.category().toLowerCase(Locale.ROOT).contains(needle) || String.valueOf(s.id()).equals(needle)).toList();
    }

    /** How many services each category holds, in catalogue order. */
    Map<String, Integer> counts() {
        var out = new LinkedHashMap<String, Integer>();
        for (Service s : services) out.merge(s.category(), 1, Integer::sum);
        return out;
    }

    static Map<String, List<Service>> byCategory(List<Service> services) {
        var out = new LinkedHashMap<String, List<Service>>();
        for (Service s : services) out.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(s);
        return out;
    }
}
