package org.opensmm.fulfil;

import org.opensmm.db.Database;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** What every worker shares: the database, the order services, the providers, the pacing, and the threads for calls. */
record Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
              ExecutorService calls, Map<Long, Gate> gates) {

    /** provider_error and refill.provider_error hold this much: an HTML error page is cut, not stored whole. */
    static final int ERROR_LIMIT = 2000;

    Engine(Database db, OrderService orders, Refills refills, Providers providers, Settings settings, Clock clock,
           ExecutorService calls) {
        this(db, orders, refills, providers, settings, clock, calls, new ConcurrentHashMap<>());
    }

    long now() { return clock.millis(); }

    String node() { return settings.nodeId(); }

    /** The provider's gate, rebuilt when the operator changes its size (calls in flight finish on the old one). */
    Gate gate(Provider p) {
        return gates.compute(p.id(), (id, g) -> g != null && g.size == p.maxInFlight() ? g : new Gate(p.maxInFlight()));
    }

    static String clip(String text) {
        if (text == null) return null;
        return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT - 1) + "…";
    }
}
