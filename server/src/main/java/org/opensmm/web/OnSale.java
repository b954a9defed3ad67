package org.opensmm.web;

import org.opensmm.catalog.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The services one visitor may order, as /services and the new-order form pick from them: one category at a time (a
 * page with every service of a big catalogue weighs hundreds of KB), or a search over all categories, so that every
 * service stays reachable. Indexed once per shelf the catalogue hands out, not once per page view.
 */
final class OnSale {
    /** The last shelf indexed: the catalogue hands every visitor without rates of their own the same list for 2 s. */
    private static volatile OnSale last = new OnSale(List.of());

    private final List<Service> services;
    private final Map<String, List<Service>> byCategory;
    private final Map<Long, Service> byId;
    private final List<String> categories;

    private OnSale(List<Service> services) {
        this.services = services;
        this.byCategory = Collections.unmodifiableMap(byCategory(services));
        this.byId = services.stream().collect(Collectors.toUnmodifiableMap(Service::id, Function.identity()));
        this.categories = List.copyOf(byCategory.keySet());
    }

    static OnSale of(List<Service> shelf) {
        OnSale known = last;
        if (known.services == shelf) return known;
        var fresh = new OnSale(shelf);
        last = fresh;
        return fresh;
    }

    /** The categories in catalogue order. */
    List<String> categories() { return categories; }

    /** {@code asked} when it is a category on sale, else the first one ("" when nothing is on sale). */
    String category(String asked) {
        return byCategory.containsKey(asked) ? asked : categories.isEmpty() ? "" : categories.getFirst();
    }

    List<Service> in(String category) { return byCategory.getOrDefault(category, List.of()); }

    Optional<Service> find(long id) { return Optional.ofNullable(byId.get(id)); }

    /** Services whose name or category holds {@code search} (any case), or whose id it is, in every category. */
    List<Service> matching(String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        return services.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).contains(needle)
                || s.category().toLowerCase(Locale.ROOT).contains(needle) || String.valueOf(s.id()).equals(needle)).toList();
    }

    /** How many services each category holds, in catalogue order. */
    Map<String, Integer> counts() {
        var out = new LinkedHashMap<String, Integer>();
        byCategory.forEach((category, list) -> out.put(category, list.size()));
        return out;
    }

    static Map<String, List<Service>> byCategory(List<Service> services) {
        var out = new LinkedHashMap<String, List<Service>>();
        for (Service s : services) out.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(s);
        return out;
    }
}
