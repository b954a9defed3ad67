package org.opensmm.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted in a sliding window, per username and per client address: past either limit, sign-in is
 * refused without a password check until the oldest failure leaves the window. Kept in this process: with several
 * nodes a guesser gets each node's allowance, which still bounds guessing to a few a minute.
 */
public final class SignInThrottle {
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Past this many keys the harmless ones are dropped: memory stays bounded under a spray of names. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final int maxKeys;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, int perAccount, int perAddress) { this(clock, perAccount, perAddress, MAX_KEYS); }

    SignInThrottle(Clock clock, int perAccount, int perAddress, int maxKeys) {
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.maxKeys = maxKeys;
    }

    boolean blocked(String username, String address) {
        return count(account(username)) >= perAccount || count(address(address)) >= perAddress;
    }

    void failed(String username, String address) {
        if (failures.size() > maxKeys) evict();
        long now = clock.millis();
        for (String key : new String[] {account(username), address(address)}) {
            failures.compute(key, (k, q) -> {
                ArrayDeque<Long> out = q == null ? new ArrayDeque<>() : q;
                out.addLast(now);
                return out;
            });
        }
    }

    /** The right password clears the account's count (not the address's: one right guess does not buy more). */
    void succeeded(String username) { failures.remove(account(username)); }

    /**
     * Drops keys whose failures all left the window; if that is not enough, keys still under their limit. Never one
     * over its limit: clearing everything would let a guesser reset a targeted account by spraying names first. A key
     * over its limit costs a guesser a limit's worth of failures, and the per-address limit bounds how fast one
     * address makes them.
     */
    private void evict() {
        failures.keySet().forEach(this::count); // count drops a key with no failure left in the window
        if (failures.size() <= maxKeys) return;
        for (String key : failures.keySet()) {
            int limit = limitOf(key);
            failures.computeIfPresent(key, (k, d) -> d.size() < limit ? null : d);
        }
    }

    /** How many accounts and addresses are counted now. */
    int keys() { return failures.size(); }

    private int limitOf(String key) { return key.startsWith("u:") ? perAccount : perAddress; }

    private int count(String key) {
        long since = clock.millis() - WINDOW.toMillis();
        var q = failures.computeIfPresent(key, (k, d) -> {
            while (!d.isEmpty() && d.peekFirst() < since) d.removeFirst();
            return d.isEmpty() ? null : d;
        });
        return q == null ? 0 : q.size();
    }

    private static String account(String username) { return "u:" + username.toLowerCase(Locale.ROOT); }

    private static String address(String address) { return "a:" + address; }
}
