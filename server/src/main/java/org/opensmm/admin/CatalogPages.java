package org.opensmm.admin;

import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Categories;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Repricing;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.provider.Mapping;
import org.opensmm.provider.Mappings;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.opensmm.provider.UpstreamCatalog;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalogue under /admin/services (permission CATALOGUE): categories and their order, services of every type
 * (create, edit, enable/disable, reorder), a bulk price change by percentage, and mapping a service onto a provider's
 * service. Every change goes through the catalog and provider use cases as {@code Actor.Staff}: the audit log has it.
 */
public final class CatalogPages {
    private static final Permission CATALOGUE = Permission.CATALOGUE;

    private final Desk desk;
    private final Catalog catalog;
    private final Categories categories;
    private final Repricing repricing;
    private final Mappings mappings;
    private final Providers providers;
    private final UpstreamCatalog upstream;

    public CatalogPages(Desk desk, Catalog catalog, Categories categories, Repricing repricing, Mappings mappings, Providers providers,
                        UpstreamCatalog upstream) {
        this.desk = desk;
        this.catalog = catalog;
        this.categories = categories;
        this.repricing = repricing;
        this.mappings = mappings;
        this.providers = providers;
        this.upstream = upstream;
    }

    /** The catalogue's lines of the route table; literal paths before {id}, which would take them. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/services", desk.staffOnly(CATALOGUE, this::list))
                .post("/admin/categories", desk.staffOnly(CATALOGUE, v -> change(v, "/admin/services?done=category",
                        f -> categories.add(v.actor(), f.get("name")))))
                .post("/admin/categories/rename", desk.staffOnly(CATALOGUE, v -> change(v, "/admin/services?done=category",
                        f -> categories.rename(v.actor(), f.text("from"), f.get("to")))))
                .post("/admin/categories/move", desk.staffOnly(CATALOGUE, v -> change(v, "/admin/services",
                        f -> categories.move(v.actor(), f.text("name"), "up".equals(f.get("dir"))))))
                .post("/admin/services/reprice", desk.staffOnly(CATALOGUE, this::reprice))
                .get("/admin/services/new", desk.staffOnly(CATALOGUE, v -> form(v, null, fields(null), null, null)))
                .post("/admin/services/new", desk.staffOnly(CATALOGUE, v -> save(v, null)))
                .get("/admin/services/{id}", desk.staffOnly(CATALOGUE, v -> withService(v, s -> form(v, s, fields(s), null, null))))
                .post("/admin/services/{id}", desk.staffOnly(CATALOGUE, v -> withService(v, s -> save(v, s))))
                .post("/admin/services/{id}/enabled", desk.staffOnly(CATALOGUE, v -> withService(v, s -> change(v, "/admin/services?done=saved",
                        f -> catalog.setEnabled(v.actor(), s.id(), "true".equals(f.get("enabled")))))))
                .post("/admin/services/{id}/move", desk.staffOnly(CATALOGUE, v -> withService(v, s -> change(v, "/admin/services",
                        f -> categories.moveService(v.actor(), s.id(), "up".equals(f.get("dir")))))))
                .post("/admin/services/{id}/map", desk.staffOnly(CATALOGUE, v -> withService(v, s -> map(v, s))))
                .post("/admin/services/{id}/unmap", desk.staffOnly(CATALOGUE, v -> withService(v, s -> {
                    try {
                        mappings.unmap(v.actor(), s.id());
                        return desk.redirect(v, "/admin/services/" + s.id() + "?done=unmapped");
                    } catch (Refused e) {
                        return form(v, s, fields(s), "admin.catalog.refused", desk.words(e));
                    }
                })));
    }

    // ---- the list: categories, services, bulk price change ----

    public record Row(long id, String name, String type, String rate, long min, long max, boolean enabled, String mapping) {}

    public record Shelf(String category, List<Row> services) {}

    /** {@code markedUp}: of the services just repriced, how many are mapped at a markup (the next import may undo it). */
    public record ListView(String me, List<Shelf> shelves, List<String> categories, String done, long markedUp, String error, String detail) {}

    Response list(Visit v) { return listPage(v, 200, Site.query(v.request()).get("done"), null, null); }

    private Response listPage(Visit v, int status, String done, String error, String detail) {
        Map<Long, String> mapped = new HashMap<>();
        for (Mapping m : mappings.all()) mapped.put(m.serviceId(), providerName(m.providerId()) + " #" + m.upstreamService() + ", " + m.rule().describe());
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        List<String> names = categories.list();
        for (String c : names) byCategory.put(c, new ArrayList<>());
        for (Service s : catalog.shelf()) {
            byCategory.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(new Row(s.id(), s.name(), s.type().wire(), s.rate().toWire(),
                    s.min(), s.max(), s.enabled(), mapped.get(s.id())));
        }
        var shelves = byCategory.entrySet().stream().map(e -> new Shelf(e.getKey(), e.getValue())).toList();
        Long markedUp = AdminPages.id(Site.query(v.request()).get("markup"));
        return desk.page(v, status, "services.jte", "admin.title.services",
                new ListView(v.name(), shelves, names, done, markedUp == null ? 0 : markedUp, error, detail));
    }

    /** A change from a form on the list page: done, back to {@code next}; refused, the list with the reason. */
    private Response change(Visit v, String next, FormChange change) {
        try {
            change.apply(Site.form(v.request()));
            return desk.redirect(v, next);
        } catch (Refused e) {
            return listPage(v, 200, null, "admin.catalog.refused", desk.words(e));
        }
    }

    interface FormChange { void apply(Fields form); }

    Response reprice(Visit v) {
        Fields form = Site.form(v.request());
        List<Long> ids = new ArrayList<>();
        for (String s : AdminPages.all(v.request().text(), "service")) {
            Long id = AdminPages.id(s);
            if (id != null) ids.add(id);
        }
        BigDecimal percent;
        try {
            percent = new BigDecimal(form.text("percent").strip().replace("%", ""));
        } catch (NumberFormatException e) {
            return listPage(v, 200, null, "admin.catalog.percent_bad", null);
        }
        try {
            var done = repricing.byPercent(v.actor(), ids, form.get("category"), percent);
            long markedUp = done.stream().filter(Repricing.Repriced::markup).count();
            return desk.redirect(v, "/admin/services?done=repriced&n=" + done.size() + "&markup=" + markedUp);
        } catch (Refused e) {
            return listPage(v, 200, null, "admin.catalog.refused", desk.words(e));
        }
    }

    // ---- one service: create, edit, map ----

    public record Option(String value, String label) {}

    public record ServiceView(String me, Long id, boolean enabled, Fields values, List<String> types, List<String> categories,
                              String mapping, List<Option> upstream, String done, String error, String detail) {}

    private Response withService(Visit v, ServicePage page) throws Exception {
        Long id = AdminPages.id(v.request().param("id"));
        Service s = id == null ? null : catalog.find(id).orElse(null);
        return s == null ? desk.error(v, 404, "error.not_found") : page.handle(s);
    }

    interface ServicePage { Response handle(Service s) throws Exception; }

    private Response form(Visit v, Service s, Fields values, String error, String detail) {
        String done = Site.query(v.request()).get("done");
        List<String> types = Arrays.stream(ServiceType.values()).map(ServiceType::wire).toList();
        String mapping = null;
        List<Option> options = List.of();
        if (s != null) {
            mapping = mappings.find(s.id()).map(m -> providerName(m.providerId()) + " #" + m.upstreamService() + " (" + m.rule().describe()
                    + (m.upstreamDrip() ? ", drip-feed forwarded" : "") + ")").orElse(null);
            options = upstreamOf(s.type());
        }
        return desk.page(v, 200, "service.jte", s == null ? "admin.title.service_new" : "admin.title.service",
                new ServiceView(v.name(), s == null ? null : s.id(), s == null || s.enabled(), values, types, categories.list(), mapping,
                        options, done, error, detail));
    }

    /** The imported, still listed services of every provider with our service's type: what it may be mapped onto. */
    private List<Option> upstreamOf(ServiceType type) {
        var out = new ArrayList<Option>();
        for (Provider p : providers.list()) {
            upstream.services(p.id()).stream()
                    .filter(u -> !u.removed() && ServiceType.parse(u.type()).orElse(null) == type)
                    .forEach(u -> out.add(new Option(p.id() + ":" + u.service(),
                            p.name() + " #" + u.service() + " " + u.name() + " (rate " + u.rate().toWire() + ", " + u.min() + "–" + u.max() + ")")));
        }
        return out;
    }

    private Response save(Visit v, Service before) {
        Fields form = Site.form(v.request());
        Service wanted;
        try {
            wanted = parse(form, before);
        } catch (IllegalArgumentException e) {
            return form(v, before, form, "admin.catalog.service_bad", e.getMessage());
        }
        try {
            Service saved = before == null ? catalog.add(v.actor(), wanted) : catalog.edit(v.actor(), before.id(), s -> wanted);
            return desk.redirect(v, "/admin/services/" + saved.id() + "?done=saved");
        } catch (Refused e) {
            return form(v, before, form, "admin.catalog.refused", desk.words(e));
        }
    }

    private Response map(Visit v, Service s) {
        Fields form = Site.form(v.request());
        String[] target = form.text("upstream").split(":");
        if (target.length != 2 || AdminPages.id(target[0]) == null || AdminPages.id(target[1]) == null) {
            return form(v, s, fields(s), "admin.catalog.map_bad", null);
        }
        PriceRule rule;
        try {
            rule = "markup".equals(form.get("rule")) ? PriceRule.Markup.parse(form.text("price"))
                    : new PriceRule.Fixed(Rate.parse(form.text("price")));
        } catch (IllegalArgumentException e) {
            return form(v, s, fields(s), "admin.catalog.map_bad", e.getMessage());
        }
        try {
            mappings.map(v.actor(), s.id(), Long.parseLong(target[0]), Long.parseLong(target[1]), rule,
                    "true".equals(form.get("upstream_drip")), "true".equals(form.get("force")));
            return desk.redirect(v, "/admin/services/" + s.id() + "?done=mapped");
        } catch (Refused e) {
            return form(v, s, fields(s), "admin.catalog.refused", desk.words(e));
        }
    }

    private String providerName(long id) { return providers.find(id).map(Provider::name).orElse("#" + id); }

    /** A service's fields as its form shows them; a new service's defaults. */
    static Fields fields(Service s) {
        var f = new HashMap<String, String>();
        if (s == null) {
            f.put("type", ServiceType.DEFAULT.wire());
            f.put("refill_days", "30");
            f.put("refill_cooldown", "0");
            return new Fields(f);
        }
        f.put("name", s.name());
        f.put("type", s.type().wire());
        f.put("category", s.category());
        f.put("rate", s.rate().toWire());
        f.put("min", Long.toString(s.min()));
        f.put("max", Long.toString(s.max()));
        if (s.refill()) f.put("refill", "true");
        if (s.cancel()) f.put("cancel", "true");
        if (s.dripFeed()) f.put("drip_feed", "true");
        f.put("refill_days", Integer.toString(s.refillDays()));
        f.put("refill_cooldown", Integer.toString(s.refillCooldownMinutes()));
        f.put("delays", s.delays().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        f.put("description", s.description());
        return new Fields(f);
    }

    /** The form as a service (a new one enabled; an edited one keeps its state); IllegalArgumentException says what is wrong. */
    static Service parse(Fields f, Service before) {
        ServiceType type = ServiceType.parse(f.get("type")).orElseThrow(() -> new IllegalArgumentException("unknown service type"));
        if (f.text("name").strip().length() > 200 || f.text("category").strip().length() > Categories.MAX_NAME) {
            throw new IllegalArgumentException("a name and a category have at most 200 characters");
        }
        return new Service(before == null ? 0 : before.id(), f.text("name").strip(), type, f.text("category").strip(),
                Rate.parse(f.text("rate")), Long.parseLong(f.text("min").strip()), Long.parseLong(f.text("max").strip()),
                "true".equals(f.get("refill")), "true".equals(f.get("cancel")), "true".equals(f.get("drip_feed")),
                Integer.parseInt(f.text("refill_days").strip()), Integer.parseInt(f.text("refill_cooldown").strip()),
                Service.parseDelays(f.get("delays")), before == null || before.enabled(), f.text("description"));
    }
}
