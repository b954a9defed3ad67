package org.opensmm.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Requests per second per customer on this node, with bursts of twice that; 0 turns it off. The limit is read on every
 * request, so an operator's change applies at once; the customers' arrival times carry over. GCRA: each customer has
 * a theoretical arrival time that every request pushes one interval further; a request that would push it beyond
 * the burst allowance ahead of now is refused. Whole nanoseconds, no floating point.
 */
public final class RateLimit {
    private final IntSupplier perSecond;
    private final ConcurrentHashMap<Long, Customer> customers = new ConcurrentHashMap<>();

    public RateLimit(int perSecond) { this(() -> perSecond); }

    public RateLimit(IntSupplier perSecond) { this.perSecond = perSecond; }

    public boolean allow(long customer) {
        int rate = perSecond.getAsInt();
        if (rate <= 0) return true;
        long interval = 1_000_000_000L / rate;   // nanoseconds one request "costs"
        long allowance = 2L * rate * interval;   // how far ahead of now the arrival time may run: the burst
        return customers.computeIfAbsent(customer, c -> new Customer()).take(interval, allowance, System.nanoTime());
    }

    private static final class Customer {
        private long arrival = Long.MIN_VALUE;

        synchronized boolean take(long interval, long allowance, long now) {
            long next = (arrival == Long.MIN_VALUE || arrival - now < 0 ? now : arrival) + interval;
            if (next - now > allowance) return false;
            arrival = next;
            return true;
        }
    }
}
