package org.opensmm.fulfil;

import java.util.concurrent.Semaphore;

/**
 * One provider's door, per process: how many adds and how many polls may be in flight at once, and whether the
 * provider is resting after failing to answer. A slow or dead provider fills only its own gate; others keep flowing.
 */
final class Gate {
    final int size;
    final Semaphore adds;
    final Semaphore polls;
    private final long provider;
    private final CallCounts calls;
    private int failures;
    private long downUntil;

    /** @param calls where each answer and each silence is counted for the error-rate alert */
    Gate(int size, long provider, CallCounts calls) {
        this.size = size;
        this.adds = new Semaphore(size);
        this.polls = new Semaphore(size);
        this.provider = provider;
        this.calls = calls;
    }

    synchronized boolean open(long now) { return now >= downUntil; }

    /** Until when the provider rests (epoch millis; 0 or past: it does not). */
    synchronized long downUntil() { return downUntil; }

    /** The provider did not answer: rest it, longer each time in a row. */
    synchronized void down(long now, Settings settings) {
        calls.add(provider, now, true);
        failures++;
        downUntil = now + settings.backoffMillis(failures);
    }

    /** Any understandable answer, even a refusal, means the provider is there. */
    synchronized void up() {
        calls.add(provider, System.currentTimeMillis(), false);
        failures = 0;
        downUntil = 0;
    }

    /** Takes up to {@code wanted} permits without waiting; how many it got. */
    static int take(Semaphore permits, int wanted) {
        int got = 0;
        while (got < wanted && permits.tryAcquire()) got++;
        return got;
    }
}
