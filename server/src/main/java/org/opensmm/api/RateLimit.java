package org.opensmm.api;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per customer on this node: {@code perSecond} sustained, twice that in a burst. 0 turns it off. */
public final class RateLimit {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimit(int perSecond) {
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
    }

    public boolean allow(long customer) {
        if (perSecond <= 0) return true;
        return buckets.computeIfAbsent(customer, c -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double tokens) { this.tokens = tokens; }

        synchronized boolean take(double perSec, double max, long now) {
            tokens = Math.min(max, tokens + (now - last) / 1e9 * perSec);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
