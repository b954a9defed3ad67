package org.opensmm.fulfil;

import java.time.Duration;
import java.util.UUID;

/**
 * How the fulfilment engine paces itself.
 *
 * @param nodeId      this process's name in claims: unique per process, so a restarted process never mistakes an old
 *                    claim for its own
 * @param tick        how often the workers look for work
 * @param syncEvery   how often a provider's status round starts (each sent order is polled once a round)
 * @param claim       how long a claimed add may take before the janitor calls its outcome unknown; outlasts a request
 * @param backoffBase the first pause after a refusal or an unreachable provider; it doubles each time
 * @param backoffMax  the longest pause
 * @param maxAttempts adds a provider may refuse (under the RETRY policy) before the order goes to the operator
 * @param balanceEvery how often one of the workers asks each provider for our balance there (zero: never)
 */
public record Settings(String nodeId, Duration tick, Duration syncEvery, Duration claim, Duration backoffBase,
                       Duration backoffMax, int maxAttempts, Duration balanceEvery) {

    /** PROTOCOL.md: at most 100 ids per status, refill or cancel request. */
    public static final int BATCH = 100;

    public Settings {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 64) throw new IllegalArgumentException("node id must be 1..64 characters");
        if (tick.isZero() || tick.isNegative()) throw new IllegalArgumentException("tick must be positive");
        if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1");
        if (balanceEvery.isNegative()) throw new IllegalArgumentException("the balance interval must not be negative");
    }

    /**
     * Derived from the tick, the status poll interval and the upstream request timeout: the claim outlives two
     * requests (connect plus reply) with room for recording the outcome.
     */
    public static Settings of(Duration tick, Duration syncEvery, Duration upstreamTimeout) {
        Duration backoffBase = tick.multipliedBy(5);
        Duration backoffMax = tick.multipliedBy(200);
        return new Settings(newNodeId(), tick, syncEvery, upstreamTimeout.multipliedBy(2).plus(tick.multipliedBy(10)),
                backoffBase, backoffMax, 8, Duration.ofMinutes(5));
    }

    public Settings withNodeId(String id) {
        return new Settings(id, tick, syncEvery, claim, backoffBase, backoffMax, maxAttempts, balanceEvery);
    }

    public Settings withBackoff(Duration base, Duration max) {
        return new Settings(nodeId, tick, syncEvery, claim, base, max, maxAttempts, balanceEvery);
    }

    public Settings withMaxAttempts(int attempts) {
        return new Settings(nodeId, tick, syncEvery, claim, backoffBase, backoffMax, attempts, balanceEvery);
    }

    public Settings withBalanceEvery(Duration every) {
        return new Settings(nodeId, tick, syncEvery, claim, backoffBase, backoffMax, maxAttempts, every);
    }

    /** The pause before try number {@code failures + 1}: base × 2^(failures − 1), at most the maximum. */
    long backoffMillis(int failures) {
        int doublings = Math.max(0, Math.min(30, failures - 1));
        return Math.min(backoffMax.toMillis(), backoffBase.toMillis() << doublings);
    }

    /** host-pid-random: readable in the orders table, and different for every start of the process. */
    static String newNodeId() {
        // the environment's name, not a DNS lookup: resolving the local host can hang for seconds
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        if (host.length() > 30) host = host.substring(0, 30);
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
