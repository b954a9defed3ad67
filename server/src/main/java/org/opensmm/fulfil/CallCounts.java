package org.opensmm.fulfil;

import org.opensmm.db.Database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls to each provider and how many got no understandable reply, counted in memory by this process and added to
 * {@code provider_calls} once per tick: the window the error-rate alert reads, summed over every worker node. A
 * refusal ("Not enough funds") is an answer, not a failure: it is the provider being there, as {@link Gate} sees it.
 */
final class CallCounts {
    private static final String ADD = """
            INSERT INTO provider_calls (provider_id, minute, calls, failures) VALUES (?, ?, ?, ?)
            ON CONFLICT (provider_id, minute) DO UPDATE
            SET calls = provider_calls.calls + EXCLUDED.calls, failures = provider_calls.failures + EXCLUDED.failures""";
    // a day is far more than any alert window; older minutes only take room
    private static final String FORGET = "DELETE FROM provider_calls WHERE minute < ?";
    private static final long DAY = 86_400_000L;

    private record Key(long provider, long minute) {}

    private final Map<Key, long[]> counts = new ConcurrentHashMap<>();

    void add(long provider, long now, boolean failed) {
        long[] c = counts.computeIfAbsent(new Key(provider, now - now % 60_000), k -> new long[2]);
        synchronized (c) {
            c[0]++;
            if (failed) c[1]++;
        }
    }

    /** Moves what was counted into the table; what a failed write held is counted again next time. */
    void flush(Database db, long now) {
        if (counts.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>();
        for (Key k : List.copyOf(counts.keySet())) {
            long[] c = counts.remove(k);
            if (c == null) continue;
            synchronized (c) {
                rows.add(new Object[] {k.provider(), k.minute(), (int) c[0], (int) c[1]});
            }
        }
        try {
            db.inTransaction(tx -> {
                tx.batch(ADD, rows);
                return tx.update(FORGET, now - DAY);
            });
        } catch (RuntimeException e) {
            for (Object[] r : rows) {
                long[] c = counts.computeIfAbsent(new Key((long) r[0], (long) r[1]), k -> new long[2]);
                synchronized (c) {
                    c[0] += (int) r[2];
                    c[1] += (int) r[3];
                }
            }
            throw e;
        }
    }
}
