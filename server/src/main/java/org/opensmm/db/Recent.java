package org.opensmm.db;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Database reads remembered for a short while, so the hot path skips a query; changes made through this node clear it
 * at once, other nodes sharing the database see them within the time to live. A miss loads through the pool on the
 * caller's thread, so ask before opening a transaction, never inside one (Database refuses a second connection).
 *
 * <p>One caller at a time loads a key. When a value expires under load, the others keep returning it until the new one
 * is in, instead of all running the same query at once; when there is no value yet, they wait for that one load.
 */
public final class Recent<K, V> {
    private record Entry<V>(Optional<V> value, long until) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<K, CompletableFuture<Optional<V>>> loading = new ConcurrentHashMap<>();
    /** Moved by {@link #clear}: a load that began before a change does not store what it read. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int max;
    private final boolean rememberMisses;

    /** @param rememberMisses whether "not found" is remembered too (not for API keys: anyone can send random ones) */
    public Recent(Duration ttl, int max, boolean rememberMisses) {
        this.ttlNanos = ttl.toNanos();
        this.max = max;
        this.rememberMisses = rememberMisses;
    }

    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        Entry<V> known = entries.get(key);
        if (known != null && System.nanoTime() - known.until() < 0) return known.value();
        var mine = new CompletableFuture<Optional<V>>();
        var running = loading.putIfAbsent(key, mine);
        if (running != null) return known != null ? known.value() : waitFor(running);
        try {
            long seen = generation.get();
            Optional<V> fresh = load.apply(key);
            if (fresh.isEmpty() && !rememberMisses) {
                entries.remove(key);
            } else if (generation.get() == seen) {
                if (entries.size() >= max) entries.clear(); // a bound, not an eviction policy
                entries.put(key, new Entry<>(fresh, System.nanoTime() + ttlNanos));
            }
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private static <V> Optional<V> waitFor(CompletableFuture<Optional<V>> running) {
        try {
            return running.join();
        } catch (CompletionException e) { // the loader's own failure, as the loader saw it
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Forgets every value; a caller from now on loads afresh rather than waiting for a load that began before. */
    public void clear() {
        generation.incrementAndGet();
        loading.clear();
        entries.clear();
    }
}
