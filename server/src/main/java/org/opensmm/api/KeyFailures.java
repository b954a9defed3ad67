package org.opensmm.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unknown API keys per client address: n a minute in a burst of n, then the address is refused until a slot frees
 * (60/n seconds), whatever key it sends, before any database work: guessing keys costs the guesser, not the panel.
 * GCRA like {@link RateLimit}, counting failures only. 0 turns it off.
 */
public final class KeyFailures {
    /** Addresses remembered at most; a full table is swept of settled addresses, or cleared: a bound, not a policy. */
    static final int MAX_CLIENTS = 100_000;

    private final long interval;   // nanoseconds one failure "costs"
    private final long allowance;  // how far ahead of now a client's arrival time may run: the burst
    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();

    public KeyFailures(int perMinute) {
        this.interval = perMinute <= 0 ? 0 : 60_000_000_000L / perMinute;
        this.allowance = perMinute * interval;
    }

    /**
     * The address as limited: IPv4 whole, IPv6 by its /64, the block one subscriber gets, so a guesser cannot take a
     * fresh address for every try. Computed once per connection.
     */
    public static String client(InetAddress address) {
        if (address instanceof Inet6Address) return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        return address.getHostAddress();
    }

    /** Seconds until this client may try again; 0 when it is not blocked. */
    public int blockedFor(String client) {
        if (interval == 0) return 0;
        Long arrival = arrivals.get(client);
        if (arrival == null) return 0;
        long wait = arrival + interval - allowance - System.nanoTime(); // when one more failure would fit again
        return wait <= 0 ? 0 : (int) (wait / 1_000_000_000L) + 1;
    }

    /** Counts one unknown key from this client. */
    public void failed(String client) {
        if (interval == 0) return;
        long now = System.nanoTime();
        if (arrivals.size() >= MAX_CLIENTS) {
            arrivals.values().removeIf(arrival -> arrival - now <= 0);
            if (arrivals.size() >= MAX_CLIENTS) arrivals.clear();
        }
        arrivals.merge(client, now + interval, (arrival, fresh) -> (arrival - now < 0 ? now : arrival) + interval);
    }
}
