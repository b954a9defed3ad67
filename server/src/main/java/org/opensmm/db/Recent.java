package org.opensmm.db;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Database reads remembered for a short while, so the hot path skips a query; changes made through this node clear it
 * at once, other nodes sharing the database see them within the time to live. A miss loads through the pool on the
 * caller's thread, so ask before opening a transaction, never inside one (Database refuses a second connection).
 */
public final class Recent<K, V> {
    private record Entry<V>(Optional<V> value, long until) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
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
        long now = System.nanoTime();
        Entry<V> known = entries.get(key);
        if (known != null && now - known.until() < 0) return known.value();
        Optional<V> fresh = load.apply(key);
        if (fresh.isEmpty() && !rememberMisses) {
            entries.remove(key);
            return fresh;
        }
        if (entries.size() >= max) entries.clear(); // a bound, not an eviction policy
        entries.put(key, new Entry<>(fresh, now + ttlNanos));
        return fresh;
    }

    public void clear() { entries.clear(); }
}
