package org.opensmm.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second per customer on this node, with bursts of twice that; 0 turns it off. GCRA: each customer has
 * a theoretical arrival time that every request pushes one interval further; a request that would push it beyond
 * the burst allowance ahead of now is refused. Whole nanoseconds, no floating point.
 */
public final class RateLimit {
    private final long interval;   // nanoseconds one request "costs"
    private final long allowance;  // how far ahead of now the arrival time may run: the burst
    private final ConcurrentHashMap<Long, Customer> customers = new ConcurrentHashMap<>();

    public RateLimit(int perSecond) {
        this.interval = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.allowance = 2L * perSecond * interval;
    }

    public boolean allow(long customer) {
        if (interval == 0) return true;
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
