package org.opensmm.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes as served: exact paths in a hash map (one lookup, the common case, no allocation), patterns with
 * parameters tried after in the order registered. Immutable; the server swaps in a new one whole.
 */
final class Table {
    private final Front fallback;
    private final String[] prefixes; // longest first
    private final Front[] fronts;
    private final Map<String, Route> exact = new HashMap<>();
    private final Route[] patterns;

    Table(Front fallback, Map<String, Front> byPrefix, List<Routes.Entry> entries, Timing timing, Access access,
          java.util.function.Predicate<Throwable> overloaded) {
        this.fallback = fallback;
        var sorted = new ArrayList<>(byPrefix.keySet());
        sorted.sort((a, b) -> b.length() - a.length());
        this.prefixes = sorted.toArray(String[]::new);
        this.fronts = sorted.stream().map(byPrefix::get).toArray(Front[]::new);

        var methods = new LinkedHashMap<String, List<String>>();
        var handlers = new LinkedHashMap<String, List<Handler>>();
        for (Routes.Entry e : entries) {
            Front front = front(e.pattern());
            Handler h = new Failures(front, e.handler(), overloaded);
            if (timing != Timing.NONE || access != Access.NONE) h = new Timed(timing, access, e.pattern(), h);
            methods.computeIfAbsent(e.pattern(), p -> new ArrayList<>()).add(e.method());
            handlers.computeIfAbsent(e.pattern(), p -> new ArrayList<>()).add(h);
        }
        var withParams = new ArrayList<Route>();
        methods.forEach((pattern, ms) -> {
            var route = new Route(pattern, front(pattern), ms, handlers.get(pattern));
            if (Route.hasParams(pattern)) withParams.add(route);
            else exact.put(pattern, route);
        });
        this.patterns = withParams.toArray(Route[]::new);
    }

    /** The route whose pattern fits the request's path (its parameters set on the request), or null: 404. */
    Route find(Request request) {
        String path = request.path();
        Route route = exact.get(path);
        if (route != null) return route;
        for (Route r : patterns) if (r.match(path, request)) return r;
        return null;
    }

    /** The words for paths no front claims. */
    Front fallback() { return fallback; }

    /** The front that words replies for this path: the longest prefix declared, else the fallback. */
    Front front(String path) {
        for (int i = 0; i < prefixes.length; i++) if (path.startsWith(prefixes[i])) return fronts[i];
        return fallback;
    }
}
