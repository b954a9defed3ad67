package org.opensmm.payment;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.account.Sealer;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Gateway credentials (Stripe's secret key, Cryptomus's API key…) the operator stored at /admin/payment-methods, over
 * the environment's values the plug-ins were built with. Write-only: read back only by the plug-ins, audited by name,
 * stored sealed ({@link Sealer}).
 */
final class Credentials {
    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    private final Database db;
    private final Sealer sealer;

    Credentials(Database db, Sealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /** {@code plugins}, each with the credentials stored for it; read on every use, so every node sees a change at once. */
    List<Method> over(List<Method> plugins) {
        Map<String, Map<String, String>> stored = db.read(tx -> tx.list("SELECT method, name, value FROM payment_credential",
                rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))).stream()
                .map(this::opened).filter(r -> r.size() == 3)
                .collect(Collectors.groupingBy(r -> r.get(0), Collectors.toMap(r -> r.get(1), r -> r.get(2))));
        return plugins.stream().map(m -> stored.containsKey(m.code()) ? m.with(stored.get(m.code())) : m).toList();
    }

    /** The row with its value opened; empty when it was sealed under another secret (the environment's value is used). */
    private List<String> opened(List<String> row) {
        try {
            return List.of(row.get(0), row.get(1), sealer.open(row.get(2)));
        } catch (IllegalStateException e) {
            log.warn("the stored {} of payment method {} is not used: {}", row.get(1), row.get(0), e.getMessage());
            return List.of();
        }
    }

    /** Each of {@code m}'s credential names: stored here (true) or left to the environment (false). */
    Map<String, Boolean> stored(Method m) {
        var names = db.read(tx -> names(tx, m.code()));
        var out = new LinkedHashMap<String, Boolean>();
        for (String name : m.credentials()) out.put(name, names.contains(name));
        return out;
    }

    private static List<String> names(Tx tx, String code) throws SQLException {
        return tx.list("SELECT name FROM payment_credential WHERE method = ? ORDER BY name", rs -> rs.getString(1), code);
    }

    private static final String STORE = """
            INSERT INTO payment_credential (method, name, value) VALUES (?, ?, ?)
            ON CONFLICT (method, name) DO UPDATE SET value = EXCLUDED.value""";

    /** Stores the non-empty {@code values} of {@code m}'s credentials; the audit log gets their names, never a value. */
    void store(Actor who, Method m, Map<String, String> values) {
        var given = new TreeMap<String, String>();
        for (String name : m.credentials()) {
            String v = values.get(name) == null ? "" : values.get(name).strip();
            if (!v.isEmpty()) given.put(name, v);
        }
        if (given.values().stream().anyMatch(v -> v.length() > 500 || !v.matches("\\p{Graph}+"))) {
            throw new Refused("a credential is 1 to 500 visible characters, without spaces", "payment.credential_bad");
        }
        db.inTransaction(tx -> {
            Deposits.mayDecide(tx, who);
            var before = Map.of("stored", names(tx, m.code()));
            for (var e : given.entrySet()) tx.update(STORE, m.code(), e.getKey(), sealer.seal(e.getValue()));
            Audit.record(tx, who, "payment.credentials", "payment_method", m.code(), before,
                    Map.of("stored", names(tx, m.code()), "changed", List.copyOf(given.keySet())));
            return null;
        });
    }
}
