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
    private static final String COLUMNS = "id, name, api_url, api_key, on_add_error, max_in_flight, enabled, created_at";
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
        if (name == null || name.isBlank()) throw new Refused("a provider needs a name");
        URI url = url(apiUrl);
        if (apiKey == null || apiKey.isBlank()) throw new Refused("a provider needs an API key (--key)");
        if (maxInFlight < 1 || maxInFlight > 256) throw new Refused("max in flight must be 1..256");
        long now = clock.millis();
        long id = db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM provider WHERE name = ?", name.strip()) > 0) {
                throw new Refused("a provider named '" + name.strip() + "' exists already");
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
        return find(id).orElseThrow(() -> new Refused("no provider " + id + " (see: opensmm provider list)"));
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
        int inFlight = maxInFlight == null ? p.maxInFlight() : maxInFlight;
        if (inFlight < 1 || inFlight > 256) throw new Refused("max in flight must be 1..256");
        db.inTransaction(tx -> {
            var before = audited(find(tx, id));
            int rows = tx.update("UPDATE provider SET on_add_error = ?, max_in_flight = ?, enabled = ? WHERE id = ?",
                    (onAddError == null ? p.onAddError() : onAddError).name(), inFlight, enabled == null ? p.enabled() : enabled, id);
            if (who.isPresent()) Audit.record(tx, who.get(), "provider.update", "provider", id, before, audited(find(tx, id)));
            return rows;
        });
        return get(id);
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
            throw new Refused("no provider " + id);
        }
        return get(id);
    }

    /** Our balance at the provider, as it says. */
    public Outcome<Balance> balance(long id) {
        return client(get(id)).balance();
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
        throw new Refused("bad API URL '" + text + "': give the provider's http(s) address, like https://panel.example/api/v2");
    }

    private static Provider provider(ResultSet rs) throws SQLException {
        return new Provider(rs.getLong(1), rs.getString(2), URI.create(rs.getString(3)), rs.getString(4),
                AddErrorPolicy.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(7), rs.getLong(8));
    }

    @Override public void close() {
        clients.values().forEach(PanelClient::close);
        clients.clear();
    }
}
