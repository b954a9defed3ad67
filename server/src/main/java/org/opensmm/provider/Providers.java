package org.opensmm.provider;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.client.Balance;
import org.opensmm.client.Outcome;
import org.opensmm.client.PanelClient;
import org.opensmm.db.Database;
import org.opensmm.provider.Provider.AddErrorPolicy;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of upstream providers, and one API v2 client per provider for everyone who calls them. */
public final class Providers implements AutoCloseable {
    private static final String COLUMNS = "id, name, api_url, api_key, on_add_error, max_in_flight, enabled, created_at,"
            + " package_quantity, username_as_link, refill_works, cancel_works";
    private static final String INSERT = """
            INSERT INTO provider (name, api_url, api_key, on_add_error, max_in_flight, enabled, created_at)
            VALUES (?, ?, ?, ?, ?, TRUE, ?)""";

    private final Database db;
    private final Clock clock;
    private final Duration timeout;
    /** Keyed by what the client is built from, so an edited URL or key gets a new client. */
    private final Map<String, PanelClient> clients = new ConcurrentHashMap<>();

    /** @param timeout bounds each upstream request; the fulfilment engine's claims outlast it */
    public Providers(Database db, Clock clock, Duration timeout) {
        this.db = db;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() { return timeout; }

    /** A person adds a provider: its API v2 address and our key there. */
    public Provider add(Actor who, String name, String apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight) {
        return add(Optional.of(who), name, apiUrl, apiKey, onAddError, maxInFlight);
    }

    public Provider add(String name, String apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight) {
        return add(Optional.empty(), name, apiUrl, apiKey, onAddError, maxInFlight);
    }

    private Provider add(Optional<Actor> who, String name, String apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight) {
        if (name == null || name.isBlank()) throw new Refused("a provider needs a name", "refused.provider_name_missing");
        URI url = url(apiUrl);
        if (apiKey == null || apiKey.isBlank()) throw new Refused("a provider needs an API key (--key)", "refused.provider_key_missing");
        if (name.strip().length() > 100 || apiKey.strip().length() > 200 || url.toString().length() > 500) {
            throw new Refused("a provider's name has at most 100 characters, its key 200, its URL 500", "refused.provider_too_long");
        }
        inFlight(maxInFlight);
        long now = clock.millis();
        long id = db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM provider WHERE name = ?", name.strip()) > 0) {
                throw new Refused("a provider named '" + name.strip() + "' exists already", "refused.provider_exists", name.strip());
            }
            long added = tx.insert(INSERT, name.strip(), url.toString(), apiKey.strip(), onAddError.name(), maxInFlight, now);
            if (who.isPresent()) Audit.record(tx, who.get(), "provider.add", "provider", added, null, audited(find(tx, added)));
            return added;
        });
        return find(id).orElseThrow();
    }

    private static Optional<Provider> find(org.opensmm.db.Tx tx, long id) throws java.sql.SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM provider WHERE id = ?", Providers::provider, id);
    }

    /** A provider as the audit log keeps it: never our key at the provider. */
    private static java.util.Map<String, Object> audited(Optional<Provider> p) {
        if (p.isEmpty()) return null;
        Provider v = p.get();
        return java.util.Map.of("name", v.name(), "apiUrl", String.valueOf(v.apiUrl()), "onAddError", v.onAddError().name(),
                "maxInFlight", v.maxInFlight(), "enabled", v.enabled());
    }

    public Optional<Provider> find(long id) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM provider WHERE id = ?", Providers::provider, id));
    }

    public Provider get(long id) {
        return find(id).orElseThrow(() -> new Refused("no provider " + id + " (see: opensmm provider list)", "refused.no_provider", id));
    }

    public List<Provider> list() {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM provider ORDER BY id", Providers::provider));
    }

    /** The providers the engine works for: enabled ones. */
    public List<Provider> enabled() {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM provider WHERE enabled = TRUE ORDER BY id", Providers::provider));
    }

    /** A person changes a provider's error policy or concurrency, or switches it off and on; null leaves a field as it is. */
    public Provider update(Actor who, long id, AddErrorPolicy onAddError, Integer maxInFlight, Boolean enabled) {
        return update(Optional.of(who), id, onAddError, maxInFlight, enabled);
    }

    public Provider update(long id, AddErrorPolicy onAddError, Integer maxInFlight, Boolean enabled) {
        return update(Optional.empty(), id, onAddError, maxInFlight, enabled);
    }

    private Provider update(Optional<Actor> who, long id, AddErrorPolicy onAddError, Integer maxInFlight, Boolean enabled) {
        Provider p = get(id);
        int inFlight = inFlight(maxInFlight == null ? p.maxInFlight() : maxInFlight);
        db.inTransaction(tx -> {
            var before = audited(find(tx, id));
            int rows = tx.update("UPDATE provider SET on_add_error = ?, max_in_flight = ?, enabled = ? WHERE id = ?",
                    (onAddError == null ? p.onAddError() : onAddError).name(), inFlight, enabled == null ? p.enabled() : enabled, id);
            if (who.isPresent()) Audit.record(tx, who.get(), "provider.update", "provider", id, before, audited(find(tx, id)));
            return rows;
        });
        return get(id);
    }

    /**
     * A person sets the provider's compatibility options; null leaves one as it is. Turning refill or cancel off also
     * stops our services mapped to the provider from offering it; turning it back on leaves them to the operator.
     */
    public Provider setCompat(Actor who, long id, Boolean packageQuantity, Boolean usernameAsLink, Boolean refill, Boolean cancel) {
        Provider.Compat c = get(id).compat();
        var next = new Provider.Compat(packageQuantity == null ? c.packageQuantity() : packageQuantity,
                usernameAsLink == null ? c.usernameAsLink() : usernameAsLink, refill == null ? c.refill() : refill,
                cancel == null ? c.cancel() : cancel);
        db.inTransaction(tx -> {
            tx.update("UPDATE provider SET package_quantity = ?, username_as_link = ?, refill_works = ?, cancel_works = ? WHERE id = ?",
                    next.packageQuantity(), next.usernameAsLink(), next.refill(), next.cancel(), id);
            if (!next.refill()) tx.update(STOP_OFFERING.formatted("refill"), id);
            if (!next.cancel()) tx.update(STOP_OFFERING.formatted("cancel"), id);
            return null;
        });
        return get(id);
    }

    // Our services fulfilled by the provider stop offering what it does not support: a customer told {"refill":"1"}
    // would only see Rejected later. The service row itself changes, so `service show` tells the operator too.
    private static final String STOP_OFFERING = """
            UPDATE service SET %1$s = FALSE
            WHERE %1$s = TRUE AND id IN (SELECT service_id FROM service_provider WHERE provider_id = ?)""";
    private static final String STOP_OFFERING_ONE = """
            UPDATE service SET %1$s = FALSE
            WHERE %1$s = TRUE AND id IN (SELECT service_id FROM service_provider WHERE provider_id = ? AND upstream_service = ?)""";

    /** What the provider was asked that it refused in a way we learn from. */
    public enum Action { REFILL, CANCEL }

    /**
     * Learns from the provider's refusal of a refill or cancel of an order of {@code ourService}: "This action is Invalid"
     * (the panel has no such action at all) turns it off for the provider; "Refill/Cancel is disabled for this service"
     * for the upstream service our service is mapped to. Either way our services concerned stop offering it. Other
     * refusals ("Refill already requested", ...) teach nothing. True when something was learned.
     */
    public boolean learn(long providerId, Action action, long ourService, String error) {
        String e = error == null ? "" : error.toLowerCase(java.util.Locale.ROOT);
        String column = action == Action.REFILL ? "refill" : "cancel";
        boolean providerWide = e.contains("action is invalid") || e.contains("invalid action");
        boolean serviceWide = e.contains(column + " is disabled");
        if (!providerWide && !serviceWide) return false;
        return db.inTransaction(tx -> {
            if (providerWide) {
                tx.update("UPDATE provider SET " + column + "_works = FALSE WHERE id = ?", providerId);
                tx.update(STOP_OFFERING.formatted(column), providerId);
                return true;
            }
            long upstream = tx.count("SELECT COALESCE(MAX(upstream_service), -1) FROM service_provider WHERE service_id = ? AND provider_id = ?",
                    ourService, providerId);
            if (upstream < 0) return false;
            tx.update("UPDATE upstream_service SET " + column + " = FALSE WHERE provider_id = ? AND service = ?", providerId, upstream);
            tx.update(STOP_OFFERING_ONE.formatted(column), providerId, upstream);
            return true;
        });
    }

    /** Learns that the provider needs {@code quantity=1} with Package adds, or the username as link with Subscriptions. */
    public void learnAddQuirk(long providerId, boolean packageQuantity) {
        db.inTransaction(tx -> tx.update("UPDATE provider SET " + (packageQuantity ? "package_quantity" : "username_as_link")
                + " = TRUE WHERE id = ?", providerId));
    }

    /**
     * The provider answered concurrent adds with an empty body (a race in some panels: the order may exist, its reply is
     * lost): from now on one add at a time. True when the limit was lowered now.
     */
    public boolean learnAddRace(long providerId) {
        return db.inTransaction(tx -> tx.update("UPDATE provider SET max_in_flight = 1 WHERE id = ? AND max_in_flight > 1", providerId)) == 1;
    }

    /** A person points a provider at a new API URL (the panel moved); orders already sent keep their upstream ids. */
    public Provider relocate(Actor who, long id, String apiUrl) {
        return relocate(Optional.of(who), id, apiUrl);
    }

    public Provider relocate(long id, String apiUrl) { return relocate(Optional.empty(), id, apiUrl); }

    private Provider relocate(Optional<Actor> who, long id, String apiUrl) {
        URI url = url(apiUrl);
        if (db.inTransaction(tx -> {
            var before = audited(find(tx, id));
            int rows = tx.update("UPDATE provider SET api_url = ? WHERE id = ?", url.toString(), id);
            if (rows == 1 && who.isPresent()) Audit.record(tx, who.get(), "provider.relocate", "provider", id, before, audited(find(tx, id)));
            return rows;
        }) != 1) {
            throw new Refused("no provider " + id, "refused.no_provider", id);
        }
        return get(id);
    }

    /** A person gives our new API key at the provider; the audit log says that it changed, never what it is. */
    public Provider rekey(Actor who, long id, String apiKey) {
        String key = key(apiKey);
        if (db.inTransaction(tx -> {
            int rows = tx.update("UPDATE provider SET api_key = ? WHERE id = ?", key, id);
            if (rows == 1) Audit.record(tx, who, "provider.rekey", "provider", id, Map.of("apiKey", "(previous)"), Map.of("apiKey", "(changed)"));
            return rows;
        }) != 1) {
            throw new Refused("no provider " + id, "refused.no_provider", id);
        }
        return get(id);
    }

    /** What a provider's page sets at once; a blank {@code newKey} keeps ours, null {@code reimportHours}: by hand only. */
    public record Edit(String apiUrl, String newKey, AddErrorPolicy onAddError, int maxInFlight, boolean enabled, Integer reimportHours) {}

    private static final String EDIT = """
            UPDATE provider SET api_url = ?, api_key = COALESCE(?, api_key), on_add_error = ?, max_in_flight = ?, enabled = ?,
            reimport_hours = ? WHERE id = ?""";

    /**
     * A person edits a provider on its page: address, key, error policy, concurrency, the switch and the re-import
     * schedule change together or not at all, with one audit row holding before and after (the key only said to change).
     */
    public Provider edit(Actor who, long id, Edit e) {
        URI url = url(e.apiUrl());
        String key = e.newKey() == null || e.newKey().isBlank() ? null : key(e.newKey());
        inFlight(e.maxInFlight());
        Reimport.checkHours(e.reimportHours());
        db.inTransaction(tx -> {
            var before = edited(tx, id);
            tx.update(EDIT, url.toString(), key, e.onAddError().name(), e.maxInFlight(), e.enabled(), e.reimportHours(), id);
            var after = edited(tx, id);
            if (key != null) {
                before.put("apiKey", "(previous)");
                after.put("apiKey", "(changed)");
            }
            Audit.record(tx, who, "provider.edit", "provider", id, before, after);
            return null;
        });
        return get(id);
    }

    /** Everything {@link #edit} changes as the audit log keeps it, the row locked; never our key. */
    private static Map<String, Object> edited(org.opensmm.db.Tx tx, long id) throws SQLException {
        String hours = tx.one("SELECT reimport_hours FROM provider WHERE id = ? FOR UPDATE", rs -> String.valueOf(rs.getObject(1)), id)
                .orElseThrow(() -> new Refused("no provider " + id, "refused.no_provider", id));
        var m = new java.util.LinkedHashMap<String, Object>(audited(find(tx, id)));
        m.put("reimportHours", hours);
        return m;
    }

    private static String key(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) throw new Refused("a provider needs an API key", "refused.provider_key_missing");
        if (apiKey.strip().length() > 200) throw new Refused("an API key has at most 200 characters", "refused.key_too_long");
        return apiKey.strip();
    }

    private static int inFlight(int maxInFlight) {
        if (maxInFlight < 1 || maxInFlight > 256) throw new Refused("max in flight must be 1..256", "refused.in_flight_range");
        return maxInFlight;
    }

    private static final String LAST_BALANCE = "UPDATE provider SET balance = ?, balance_currency = ?, balance_at = ? WHERE id = ?";

    /** Our balance at the provider, as it says; an answer is kept as the last known balance (the admin dashboard's). */
    public Outcome<Balance> balance(long id) {
        var answer = client(get(id)).balance();
        if (answer instanceof Outcome.Ok<Balance> ok) {
            db.inTransaction(tx -> tx.update(LAST_BALANCE, ok.value().balance(), ok.value().currency(), clock.millis(), id));
        }
        return answer;
    }

    /** The one client for this provider; thread-safe, shared by every worker. */
    public PanelClient client(Provider p) {
        return clients.computeIfAbsent(p.id() + " " + p.apiUrl() + " " + p.apiKey(), k -> PanelClient.of(p.apiUrl(), p.apiKey(), timeout));
    }

    static URI url(String text) {
        try {
            URI url = new URI(text == null ? "" : text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) return url;
        } catch (java.net.URISyntaxException ignored) {
            // falls through to the operator-facing message
        }
        throw new Refused("bad API URL '" + text + "': give the provider's http(s) address, like https://panel.example/api/v2",
                "refused.bad_url", text);
    }

    private static Provider provider(ResultSet rs) throws SQLException {
        return new Provider(rs.getLong(1), rs.getString(2), URI.create(rs.getString(3)), rs.getString(4),
                AddErrorPolicy.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(7), rs.getLong(8),
                new Provider.Compat(rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12)));
    }

    @Override public void close() {
        clients.values().forEach(PanelClient::close);
        clients.clear();
    }
}
