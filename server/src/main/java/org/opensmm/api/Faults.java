package org.opensmm.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which requests misbehave: scripted ("the next add loses its reply") and random (so many per mille of all requests).
 * Off by default; only the simulated provider turns it on.
 */
public final class Faults {
    private static final List<Fault> RANDOM_KINDS = List.of(Fault.values());

    private final Map<String, Deque<Fault>> scripted = new ConcurrentHashMap<>();
    private final Random random;
    private volatile int perMille;
    private volatile Duration timeoutDelay;

    public Faults(int perMille, Duration timeoutDelay, long seed) {
        this.perMille = perMille;
        this.timeoutDelay = timeoutDelay;
        this.random = new Random(seed);
    }

    public static Faults none() { return new Faults(0, Duration.ofSeconds(30), 0); }

    /** The next {@code times} requests of {@code action} act out {@code fault}. */
    public void failNext(String action, Fault fault, int times) {
        Deque<Fault> queue = scripted.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) queue.addLast(fault);
        }
    }

    public void setPerMille(int perMille) { this.perMille = perMille; }

    public void setTimeoutDelay(Duration delay) { this.timeoutDelay = delay; }

    public Duration timeoutDelay() { return timeoutDelay; }

    /** The fault this request acts out, or null for an honest reply. */
    public Fault next(String action) {
        Deque<Fault> queue = action == null ? null : scripted.get(action);
        if (queue != null) {
            synchronized (queue) {
                if (!queue.isEmpty()) return queue.pollFirst();
            }
        }
        int p = perMille;
        if (p <= 0) return null;
        synchronized (random) {
            return random.nextInt(1000) < p ? RANDOM_KINDS.get(random.nextInt(RANDOM_KINDS.size())) : null;
        }
    }
}
