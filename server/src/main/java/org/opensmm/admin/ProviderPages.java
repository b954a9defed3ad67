package org.opensmm.admin;

import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.client.Balance;
import org.opensmm.client.Outcome;
import org.opensmm.db.Database;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.opensmm.provider.Reimport;
import org.opensmm.provider.UpstreamCatalog;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The providers under /admin/providers (permission PROVIDERS): list and add, edit (the key shown masked and only ever
 * replaced), our balance there, import with the diff shown before it is applied, the scheduled re-import, and health
 * (calls and failures of the last hour, back-off, recent errors). Changes go through the provider use cases as
 * {@code Actor.Staff}.
 */
public final class ProviderPages {
    private static final Permission PROVIDERS = Permission.PROVIDERS;
    private static final String RECENT_ERRORS = """
            SELECT id, provider_error FROM orders WHERE provider_id = ? AND provider_error IS NOT NULL ORDER BY updated_at DESC LIMIT 5""";
    private static final String CALLS = "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(failures), 0) FROM provider_calls WHERE provider_id = ? AND minute >= ?";

    private final Desk desk;
    private final Database db;
    private final Clock clock;
    private final Providers providers;
    private final UpstreamCatalog upstream;
    private final Reimport reimport;
    /** This process's back-off per provider: until when each rests (epoch millis), as the fulfilment engine keeps it. */
    private final Supplier<Map<Long, Long>> pausedUntil;

    public ProviderPages(Desk desk, Database db, Clock clock, Providers providers, UpstreamCatalog upstream, Reimport reimport,
                         Supplier<Map<Long, Long>> pausedUntil) {
        this.desk = desk;
        this.db = db;
        this.clock = clock;
        this.providers = providers;
        this.upstream = upstream;
        this.reimport = reimport;
        this.pausedUntil = pausedUntil;
    }

    public Routes routes(Routes routes) {
        return routes.get("/admin/providers", desk.staffOnly(PROVIDERS, v -> list(v, null, null, Fields.NONE)))
                .post("/admin/providers", desk.staffOnly(PROVIDERS, this::add))
                .get("/admin/providers/{id}", desk.staffOnly(PROVIDERS, v -> withProvider(v, p -> detail(v, p, null, null, null, false))))
                .post("/admin/providers/{id}", desk.staffOnly(PROVIDERS, v -> withProvider(v, p -> edit(v, p))))
                .post("/admin/providers/{id}/preview", desk.staffOnly(PROVIDERS, v -> withProvider(v, p -> importing(v, p, false))))
                .post("/admin/providers/{id}/import", desk.staffOnly(PROVIDERS, v -> withProvider(v, p -> importing(v, p, true))));
    }

    // ---- the list ----

    public record Row(long id, String name, String url, String key, boolean enabled, Integer everyHours, String importedAt) {}

    public record ListView(String me, List<Row> rows, String error, String detail, Fields form) {}

    private Response list(Visit v, String error, String detail, Fields form) {
        var rows = providers.list().stream().map(p -> {
            var s = reimport.schedule(p.id());
            return new Row(p.id(), p.name(), p.apiUrl().toString(), p.maskedKey(), p.enabled(), s.everyHours(),
                    s.importedAt() == null ? null : v.when(s.importedAt()));
        }).toList();
        return desk.page(v, 200, "providers.jte", "admin.title.providers", new ListView(v.name(), rows, error, detail, form));
    }

    Response add(Visit v) {
        Fields form = Site.form(v.request());
        try {
            Provider p = providers.add(v.actor(), form.text("name"), form.text("url"), form.text("key"), Provider.AddErrorPolicy.RETRY, 4);
            return desk.redirect(v, "/admin/providers/" + p.id() + "?done=added");
        } catch (Refused e) {
            return list(v, "admin.catalog.refused", desk.words(e), form);
        }
    }

    // ---- one provider ----

    public record Health(long callsLastHour, long failuresLastHour, String restingUntil, List<String> recentErrors) {}

    public record DetailView(String me, Provider provider, String key, Reimport.Schedule schedule, String importedAt, Health health,
                             String balance, UpstreamCatalog.Diff diff, boolean applied, String done, String error, String detail) {}

    private Response withProvider(Visit v, ProviderPage page) throws Exception {
        Long id = AdminPages.id(v.request().param("id"));
        Provider p = id == null ? null : providers.find(id).orElse(null);
        return p == null ? desk.error(v, 404, "error.not_found") : page.handle(p);
    }

    interface ProviderPage { Response handle(Provider p) throws Exception; }

    private Response detail(Visit v, Provider p, UpstreamCatalog.Diff diff, String error, String detail, boolean applied) {
        Fields q = Site.query(v.request());
        String balance = "1".equals(q.get("balance")) ? balance(p) : null;
        var schedule = reimport.schedule(p.id());
        return desk.page(v, 200, "provider.jte", "admin.title.provider", new DetailView(v.name(), p, p.maskedKey(), schedule,
                schedule.importedAt() == null ? null : v.when(schedule.importedAt()), health(v, p), balance, diff, applied,
                q.get("done"), error, detail));
    }

    /** Asked of the provider now, through the client every worker uses; a refusal or silence is said as it is. */
    private String balance(Provider p) {
        return switch (providers.balance(p.id())) {
            case Outcome.Ok<Balance> ok -> ok.value().balance().toPlainString() + (ok.value().currency() == null ? "" : " " + ok.value().currency());
            case Outcome.Rejected<Balance> r -> "refused: " + r.error();
            case Outcome.NoReply<Balance> n -> "no answer: " + n.reason();
        };
    }

    private Health health(Visit v, Provider p) {
        long now = clock.millis();
        long[] calls = db.read(tx -> tx.one(CALLS, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, p.id(), now - 3_600_000L)).orElseThrow();
        List<String> errors = db.read(tx -> tx.list(RECENT_ERRORS, rs -> "order " + rs.getLong(1) + ": " + rs.getString(2), p.id()));
        Long until = pausedUntil.get().get(p.id());
        return new Health(calls[0], calls[1], until != null && until > now ? v.when(until) : null, errors);
    }

    Response edit(Visit v, Provider p) {
        Fields form = Site.form(v.request());
        Integer hours;
        int inFlight;
        Provider.AddErrorPolicy policy;
        try {
            hours = form.text("reimport_hours").isBlank() ? null : Integer.valueOf(form.text("reimport_hours").strip());
            inFlight = Integer.parseInt(form.text("max_in_flight").strip());
            policy = Provider.AddErrorPolicy.parse(form.text("on_add_error")); // the select offers only the two
        } catch (IllegalArgumentException e) {
            return detail(v, p, null, "admin.providers.numbers_bad", null, false);
        }
        try {
            // the key field starts empty: only a typed key replaces ours, so the page never holds the key itself
            providers.edit(v.actor(), p.id(), new Providers.Edit(form.text("url"), form.text("key"), policy, inFlight,
                    "true".equals(form.get("enabled")), hours));
            return desk.redirect(v, "/admin/providers/" + p.id() + "?done=saved");
        } catch (Refused e) {
            return detail(v, providers.get(p.id()), null, "admin.catalog.refused", desk.words(e), false);
        }
    }

    /** The preview fetches and compares only; the import (its own button under the preview) stores and reprices. */
    private Response importing(Visit v, Provider p, boolean apply) {
        try {
            var diff = apply ? upstream.importServices(v.actor(), p.id()) : upstream.preview(p.id());
            return detail(v, p, diff, null, null, apply);
        } catch (Refused e) {
            return detail(v, p, null, "admin.providers.import_failed", desk.words(e), false);
        }
    }
}
