package org.opensmm.admin;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.SignInThrottle;
import org.opensmm.account.Staff;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.account.StaffTwoFactor;
import org.opensmm.alert.Alert;
import org.opensmm.alert.Alerts;
import org.opensmm.core.Refusal;
import org.opensmm.db.Database;
import org.opensmm.fulfil.Review;
import org.opensmm.http.Handler;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ledger.Ledger;
import org.opensmm.ops.Dashboard;
import org.opensmm.order.Order;
import org.opensmm.order.OrderEvents;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.Providers;
import org.opensmm.web.Fields;
import org.opensmm.web.Sessions;
import org.opensmm.web.Site;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin panel's pages under /admin, for signed-in staff: sign-in, dashboard, orders, audit log (customers: CustomerPages). Rendering,
 * CSRF checks and redirects are the website's ({@link Site}); sessions are staff sessions ({@link StaffSessions}). Every
 * page and every form asks the member's role first ({@link #staffOnly}); every change goes through the operator use
 * cases as {@code Actor.Staff}, so it lands in the audit log.
 */
public final class AdminPages {
    /** The statuses the orders filter offers: the wire names, and the Admin API's fail and error. */
    static final List<String> FILTER_STATUSES = filterStatuses();

    private final Desk desk;
    private final Site site;
    private final StaffSessions sessions;
    private final Staff staff;
    private final OrderService orders;
    private final OrderSearch search;
    private final Review review;
    private final Dashboard dashboard;
    private final Alerts alerts;
    private final Database db;
    private final SignInThrottle throttle;
    private final Refills refills;
    private final Clock clock;
    private final Providers providers;

    public AdminPages(Desk desk, Database db, Clock clock, SignInThrottle throttle,
                      OrderService orders, Review review, Alerts alerts, Refills refills, Providers providers) {
        this.desk = desk;
        this.site = desk.site();
        this.refills = refills;
        this.throttle = throttle;
        this.sessions = desk.sessions;
        this.staff = desk.staff;
        this.orders = orders;
        this.search = new OrderSearch(db);
        this.review = review;
        this.dashboard = new Dashboard(db, clock, alerts.rules());
        this.alerts = alerts;
        this.db = db;
        this.clock = clock;
        this.providers = providers;
    }

    /** The admin pages' lines of the route table, each with the permission it needs. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/login", this::loginForm).post("/admin/login", this::login)
                .get("/admin/login/code", this::codeForm).post("/admin/login/code", this::code)
                .post("/admin/logout", this::logout)
                .get("/admin/2fa", staffOnly(Permission.ORDERS_READ, this::twoFactor))
                .post("/admin/2fa", staffOnly(Permission.ORDERS_READ, this::enableTwoFactor))
                .post("/admin/timezone", staffOnly(Permission.ORDERS_READ, this::setTimezone))
                .get("/admin", staffOnly(Permission.ORDERS_READ, this::dashboard))
                .get("/admin/orders", staffOnly(Permission.ORDERS_READ, this::orders))
                .get("/admin/orders/{id}", staffOnly(Permission.ORDERS_READ, this::order))
                .post("/admin/orders/act", staffOnly(Permission.ORDERS, this::act))
                .get("/admin/audit", staffOnly(Permission.AUDIT, this::audit))
                // the refill and cancel request queues (support and up): each answer through its use case, as this member
                .get("/admin/refills", staffOnly(Permission.QUEUES, this::refillQueue))
                .post("/admin/refills/{id}", staffOnly(Permission.QUEUES, this::resolveRefill))
                .get("/admin/cancels", staffOnly(Permission.QUEUES, this::cancelQueue))
                .post("/admin/cancels/{id}", staffOnly(Permission.QUEUES, this::resolveCancel));
    }

    // ---- who is asking, the guard and rendering: the desk's ----

    private Visit visit(Request request) { return desk.visit(request); }

    private Handler staffOnly(Permission p, Desk.StaffPage page) { return desk.staffOnly(p, page); }

    private static boolean csrfMatches(Visit v, Fields form) { return Desk.csrfMatches(v, form); }

    private Response page(Visit v, int status, String template, String titleKey, Object model) {
        return desk.page(v, status, template, titleKey, model);
    }

    private Response redirect(Visit v, String path) { return desk.redirect(v, path); }

    private Response error(Visit v, int status, String key) { return desk.error(v, status, key); }

    // ---- sign-in ----

    public record LoginView(String me, String username, String error, String next) {}

    Response loginForm(Request request) {
        Visit v = visit(request);
        String next = Site.ownPath(Site.query(request).get("next"));
        if (v.me() != null) return redirect(v, next);
        if (v.session() == null) {
            var started = sessions.start(null, false);
            v = new Visit(request, started.session(), null, started, v.secure());
        }
        return page(v, 200, "login.jte", "admin.title.login", new LoginView(null, "", null, next));
    }

    Response login(Request request) {
        Visit v = visit(request);
        Fields form = Site.form(request);
        if (!csrfMatches(v, form)) return error(v, 403, "error.forbidden");
        String next = Site.ownPath(form.get("next"));
        var member = staff.signIn(form.get("username"), form.get("password"), site.client(request), throttle);
        if (member.isEmpty()) {
            return page(v, 200, "login.jte", "admin.title.login", new LoginView(null, form.text("username"), "admin.login.failed", next));
        }
        sessions.end(v.session().idHash());
        boolean needsCode = staff.hasTwoFactor(member.get().id());
        var started = sessions.start(member.get().id(), needsCode);
        var signed = new Visit(request, started.session(), needsCode ? null : member.get(), started, v.secure());
        return redirect(signed, needsCode ? "/admin/login/code?next=" + Fields.encode(next) : next);
    }

    /** The second step for a member with two-factor sign-in: the code from their app. */
    Response codeForm(Request request) {
        Visit v = visit(request);
        if (v.session() == null || !v.session().needsCode()) return redirect(v, "/admin/login");
        String next = Site.ownPath(Site.query(request).get("next"));
        return page(v, 200, "code.jte", "admin.title.code", new LoginView(null, "", null, next));
    }

    Response code(Request request) {
        Visit v = visit(request);
        Fields form = Site.form(request);
        if (!csrfMatches(v, form)) return error(v, 403, "error.forbidden");
        if (!v.session().needsCode()) return redirect(v, "/admin/login");
        String next = Site.ownPath(form.get("next"));
        long id = v.session().staff();
        if (!staff.codeMatches(id, form.get("code"), site.client(request), throttle)) {
            return page(v, 200, "code.jte", "admin.title.code", new LoginView(null, "", "admin.code.failed", next));
        }
        var member = staff.find(id).filter(Staff.Member::enabled);
        if (member.isEmpty()) return redirect(v, "/admin/login");
        sessions.end(v.session().idHash());
        var started = sessions.start(id, false);
        return redirect(new Visit(request, started.session(), member.get(), started, v.secure()), next);
    }

    // ---- the member's own two-factor sign-in ----

    /**
     * The member's own page: two-factor sign-in and the time zone their admin pages show times in. {@code timezone}: the
     * zone field's value; {@code zoneError}: why it was refused, in words; {@code done}: what was just saved.
     */
    public record TwoFactorView(String me, boolean on, String secret, String error, String timezone, String zoneError, String done) {}

    Response twoFactor(Visit v) { return ownPage(v, 200, null, null, Site.query(v.request()).get("done")); }

    private Response ownPage(Visit v, int status, String timezone, String zoneError, String done) {
        boolean on = staff.hasTwoFactor(v.me().id());
        String zone = timezone != null ? timezone : v.me().zone().getId();
        return page(v, status, "twofactor.jte", "admin.title.twofactor", new TwoFactorView(v.name(), on, on ? null : StaffTwoFactor.newSecret(),
                null, zone, zoneError, done));
    }

    /** The member's own time zone: every admin page shows times in it from the next page on. */
    Response setTimezone(Visit v) {
        Fields form = Site.form(v.request());
        try {
            staff.setTimezone(v.actor(), v.me().id(), form.get("timezone"));
            return redirect(v, "/admin/2fa?done=timezone");
        } catch (org.opensmm.account.Refused e) {
            return ownPage(v, 400, form.text("timezone"), desk.words(e), null);
        }
    }

    Response enableTwoFactor(Visit v) {
        Fields form = Site.form(v.request());
        String secret = form.text("secret");
        try {
            staff.enableTwoFactor(v.actor(), v.me().id(), secret, form.get("code"));
            return redirect(v, "/admin/2fa");
        } catch (org.opensmm.account.Refused e) {
            boolean valid = secret.matches("[A-Z2-7]{32}");
            String s = valid ? secret : StaffTwoFactor.newSecret();
            return page(v, 200, "twofactor.jte", "admin.title.twofactor", new TwoFactorView(v.name(), false, s, "admin.twofactor.failed",
                    v.me().zone().getId(), null, null));
        }
    }

    Response logout(Request request) {
        Visit v = visit(request);
        if (!csrfMatches(v, Site.form(request))) return error(v, 403, "error.forbidden");
        sessions.end(v.session().idHash());
        return Response.of(303, "text/plain; charset=utf-8", "").with("Location", "/admin/login")
                .with("Set-Cookie", StaffSessions.clearCookie(v.secure()));
    }

    // ---- dashboard ----

    /** {@code now}: when the page was made, so each provider balance shows its age beside its time. */
    public record DashboardView(String me, Dashboard.Figures figures, List<Alert> alerts, long now) {
        public long minutesAgo(long millis) { return Math.max(0, (now - millis) / 60_000); }
    }

    Response dashboard(Visit v) {
        return page(v, 200, "dashboard.jte", "admin.title.dashboard", new DashboardView(v.name(), dashboard.figures(v.preferences().zone()), alerts.open(),
                clock.millis()));
    }

    // ---- orders ----

    /** One line of the orders table, as a person reads it. {@code failing}: in FAIL (the engine gave up, a person decides). */
    public record OrderRow(long id, long customerId, String user, String service, String provider, String link, String charge,
                           String refunded, String status, boolean failing, String created) {}

    /** A provider to choose (where an order is attached): never more of it than its name. */
    public record Choice(long id, String name) {}

    public record OrdersView(String me, boolean mayChange, Fields filter, List<String> statuses, List<String> toStatuses,
                             List<Choice> providers, List<OrderRow> rows, long count, Pager pager, String back, String done,
                             String failed, String why) {}

    Response orders(Visit v) {
        Fields q = Site.query(v.request());
        String term = q.nonBlank("q") == null ? null : q.nonBlank("q").strip();
        boolean byId = term != null && term.matches("\\d{1,18}");
        var found = search.find(filter(q, v.preferences().zone(), byId ? List.of(Long.parseLong(term)) : null, null, byId || term == null ? q.nonBlank("link") : term),
                Pager.offset(q), Pager.SIZE);
        if (found.count() == 0 && term != null) { // not our id nor in a link: perhaps the provider's id for the order
            found = search.find(filter(q, v.preferences().zone(), null, List.of(term), q.nonBlank("link")), Pager.offset(q), Pager.SIZE);
        }
        String back = v.request().path() + (v.request().query() == null ? "" : "?" + v.request().query());
        return page(v, 200, "orders.jte", "admin.title.orders", new OrdersView(v.name(), v.may(Permission.ORDERS), q, FILTER_STATUSES,
                statusNames(), providerChoices(), found.list().stream().map(f -> row(v, f)).toList(), found.count(),
                Pager.of(q, found.count()), back,
                q.get("done"), q.get("failed"), desk.refusal(q.get("why"))));
    }

    /** The query's status, service, customer, provider and dates (days in {@code zone}) as a filter, with these ids, upstream ids and link. */
    private static OrderSearch.Filter filter(Fields q, ZoneId zone, List<Long> ids, List<String> upstreamIds, String link) {
        String status = FILTER_STATUSES.contains(q.text("status")) ? q.text("status") : null;
        Long service = id(q.get("service"));
        return new OrderSearch.Filter(ids, upstreamIds, status == null ? null : List.of(status), service == null ? null : List.of(service),
                q.nonBlank("user"), null, q.nonBlank("provider"), link, day(q.get("from"), 0, zone), day(q.get("to"), 1, zone), false);
    }

    /** One line of an order's history: a move the engine or a use case recorded, or an audit row of an operator's action. */
    public record HistoryRow(long at, OrderEvents.Event event, Audit.Entry audit) {
        /**
         * The placing, the events (in the order they were written) and the audit rows (newest first) as one list: the audit
         * rows merged in by time, a move before an audit row of its moment. The events keep their own order, not their
         * times': two moves of one transaction may carry times taken a moment apart, in either order.
         */
        static List<HistoryRow> merged(Order order, List<OrderEvents.Event> events, List<Audit.Entry> audit) {
            var rows = new ArrayList<HistoryRow>();
            var moves = new ArrayList<OrderEvents.Event>();
            moves.add(OrderEvents.placed(order));
            moves.addAll(events);
            var actions = audit.reversed();
            int a = 0;
            for (var e : moves) {
                for (; a < actions.size() && actions.get(a).at() < e.at(); a++) rows.add(new HistoryRow(actions.get(a).at(), null, actions.get(a)));
                rows.add(new HistoryRow(e.at(), e, null));
            }
            for (; a < actions.size(); a++) rows.add(new HistoryRow(actions.get(a).at(), null, actions.get(a)));
            return rows;
        }

        /** The event's words' key: admin.event.stage, admin.event.status … */
        public String key() { return "admin.event." + event.what().name().toLowerCase(java.util.Locale.ROOT); }

        public String source() { return "admin.event.by." + event.source().name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code cost}: what the provider says the order cost us (null: not known). */
    public record OrderView(String me, boolean mayChange, OrderRow row, Order order, String cost, List<Ledger.Entry> entries,
                            List<HistoryRow> history, List<String> toStatuses, List<Choice> providers, String done, String failed,
                            String why) {
        /** The type's own fields (comments, usernames, poll answer…): link, quantity, runs and interval are shown above. */
        public Map<String, String> fields() { return order.ownFields(); }
    }

    Response order(Visit v) {
        Long id = id(v.request().param("id"));
        var found = id == null ? null : search.one(id).orElse(null);
        if (found == null) return error(v, 404, "error.not_found");
        Fields q = Site.query(v.request());
        return page(v, 200, "order.jte", "admin.title.order", new OrderView(v.name(), v.may(Permission.ORDERS), row(v, found), found.order(),
                found.upstreamCharge() == null || found.upstreamCharge().isZero() ? null : found.upstreamCharge().toWire(), search.entries(id),
                HistoryRow.merged(found.order(), OrderEvents.of(db, id, 500), Audit.list(db, null, "order:" + id, 100)), statusNames(), providerChoices(), q.get("done"), q.get("failed"),
                desk.refusal(q.get("why"))));
    }

    /**
     * One action on every order selected: change status, fail-refund, resend, set partial (remains), edit link, attach
     * an upstream id (at the provider chosen, or its own), cancel and refund; each through its use case as this staff
     * member (a final order stays final, a refund happens once: OrderService.settle); then back to the page it came from
     * with how many were done and which failed.
     */
    Response act(Visit v) {
        Fields form = Site.form(v.request());
        List<Long> ids = all(v.request().text(), "id").stream().map(AdminPages::id).filter(java.util.Objects::nonNull).distinct().toList();
        String action = form.text("action");
        var status = Status.parse(form.get("status"));
        int done = 0;
        var failed = new ArrayList<String>();
        String why = null; // the first refusal's key: the page after the redirect words it
        for (long id : ids) {
            try {
                switch (action) {
                    case "status" -> orders.setStatus(v.actor(), id, status.orElseThrow(() -> new IllegalArgumentException("no status")), null, null);
                    case "fail-refund" -> review.refund(v.actor(), id);
                    case "resend" -> review.resend(v.actor(), id);
                    case "partial" -> orders.setPartial(v.actor(), id, Long.parseLong(form.text("remains").strip()));
                    case "link" -> orders.editLink(v.actor(), id, form.get("link"));
                    case "attach" -> review.attach(v.actor(), id, AdminPages.id(form.get("provider")), Long.parseLong(form.text("upstream").strip()));
                    case "cancel-refund" -> orders.setStatus(v.actor(), id, Status.CANCELED, null, null);
                    default -> throw new IllegalArgumentException("no action " + action);
                }
                done++;
            } catch (org.opensmm.account.Refused | Refusal | IllegalArgumentException | IllegalStateException e) {
                failed.add(String.valueOf(id));
                if (why == null) why = desk.key(e).orElse(null);
            }
        }
        String back = Site.ownPath(form.get("back"));
        if (!back.startsWith("/admin/orders")) back = "/admin/orders";
        back = back.replaceAll("[?&](done|failed)=[^&]*", "");
        String sep = back.contains("?") ? "&" : "?";
        back = back.replaceAll("[?&]why=[^&]*", "");
        return redirect(v, back + sep + "done=" + done + (failed.isEmpty() ? "" : "&failed=" + String.join(",", failed))
                + (why == null ? "" : "&why=" + why));
    }

    // ---- audit log ----

    public record AuditRow(long id, String actor, String action, String object, String before, String after, String at) {}

    public record AuditView(String me, Fields filter, List<AuditRow> rows) {}

    Response audit(Visit v) {
        Fields q = Site.query(v.request());
        Map<String, String> names = new HashMap<>();
        for (var m : staff.list()) names.put(new Actor.Staff(m.id()).describe(), m.username());
        var rows = Audit.list(db, q.nonBlank("actor"), q.nonBlank("object"), 200).stream()
                .map(e -> {
                    String[] diff = changed(e.before(), e.after());
                    return new AuditRow(e.id(), e.actor() + (names.containsKey(e.actor()) ? " (" + names.get(e.actor()) + ")" : ""),
                            e.action(), e.objectType() + ":" + e.objectId(), diff[0], diff[1], v.when(e.at()));
                }).toList();
        return page(v, 200, "audit.jte", "admin.title.audit", new AuditView(v.name(), q, rows));
    }

    // ---- small helpers ----
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Before and after as a person reads them: of two JSON objects only the fields that changed (a whole order is long);
     * anything else as written.
     */
    static String[] changed(String before, String after) {
        if (before == null || after == null) return new String[] {before, after};
        try {
            var b = JSON.readTree(before);
            var a = JSON.readTree(after);
            if (!b.isObject() || !a.isObject()) return new String[] {before, after};
            var lessB = JSON.createObjectNode();
            var lessA = JSON.createObjectNode();
            var names = new java.util.LinkedHashSet<String>();
            b.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (java.util.Objects.equals(b.get(n), a.get(n))) continue;
                if (b.has(n)) lessB.set(n, b.get(n));
                if (a.has(n)) lessA.set(n, a.get(n));
            }
            return new String[] {lessB.toString(), lessA.toString()};
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new String[] {before, after};
        }
    }


    static OrderRow row(Visit v, OrderSearch.Found f) {
        Order o = f.order();
        boolean failing = o.stage() == Stage.FAIL && !o.status().finished();
        return new OrderRow(o.id(), o.customerId(), f.user(), f.serviceName(), f.provider(), o.link(), o.charge().toWire(),
                o.refunded().toWire(), o.status().wire(), failing, v.when(o.createdAt()));
    }

    private List<Choice> providerChoices() {
        return providers.list().stream().map(p -> new Choice(p.id(), p.name())).toList();
    }


    private static List<String> statusNames() {
        return java.util.Arrays.stream(Status.values()).map(Status::wire).toList();
    }

    private static List<String> filterStatuses() {
        var out = new ArrayList<String>(List.of("fail", "error"));
        for (Status s : Status.values()) out.add(s.wire());
        return List.copyOf(out);
    }

    /** Midnight in {@code zone} of a yyyy-mm-dd date, plus {@code days}, less 1 ms for an end; null when blank or unreadable. */
    private static Long day(String text, int days, ZoneId zone) {
        if (text == null || text.isBlank()) return null;
        try {
            long start = LocalDate.parse(text.strip()).plusDays(days).atStartOfDay(zone).toInstant().toEpochMilli();
            return days == 0 ? start : start - 1;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Long id(String text) {
        return text != null && text.strip().matches("\\d{1,18}") ? Long.valueOf(text.strip()) : null;
    }

    /** Every value of a repeated field (checkboxes) in a urlencoded body; {@link Fields} keeps one per name. */
    static List<String> all(String body, String name) {
        var out = new ArrayList<String>();
        if (body == null) return out;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            try {
                if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    out.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) { // a malformed escape: ignored, as Fields does
            }
        }
        return out;
    }

    // ---- refill and cancel request queues ----

    /** One waiting request, as a person reads it: the request's id (a refill's, or the order's for a cancel) and its order. */
    public record QueueRow(long id, long orderId, String user, String service, String link, String charge, String status, String requested) {}

    public record QueueView(String me, List<QueueRow> rows, String done, String failed) {}

    private static final int QUEUE = 200;

    Response refillQueue(Visit v) {
        var waiting = new ArrayList<>(refills.list(Refills.State.PENDING, QUEUE));
        waiting.addAll(refills.list(Refills.State.IN_PROGRESS, QUEUE));
        waiting.sort(java.util.Comparator.comparingLong(Refills.Refill::id));
        var rows = new ArrayList<QueueRow>();
        for (var r : waiting) {
            var f = search.one(r.orderId()).orElse(null);
            if (f == null) continue;
            rows.add(new QueueRow(r.id(), r.orderId(), f.user(), f.serviceName(), f.order().link(), f.order().charge().toWire(),
                    r.status().wire(), v.when(r.createdAt())));
        }
        Fields q = Site.query(v.request());
        return page(v, 200, "refills.jte", "admin.title.refills", new QueueView(v.name(), rows, q.get("done"), q.get("failed")));
    }

    /** Completes or rejects one refill request through {@link Refills#resolve}, then back to the queue. */
    Response resolveRefill(Visit v) {
        Long id = id(v.request().param("id"));
        String decision = Site.form(v.request()).text("decision");
        Refills.State to = switch (decision) {
            case "complete" -> Refills.State.COMPLETED;
            case "reject" -> Refills.State.REJECTED;
            default -> null;
        };
        if (id == null || to == null) return error(v, 400, "error.bad_request");
        try {
            refills.resolve(v.actor(), id, to);
            return redirect(v, "/admin/refills?done=" + id);
        } catch (org.opensmm.account.Refused | Refusal | IllegalArgumentException | IllegalStateException e) {
            return redirect(v, "/admin/refills?failed=" + id);
        }
    }

    Response cancelQueue(Visit v) {
        var rows = new ArrayList<QueueRow>();
        for (Order o : orders.cancelRequests()) {
            var f = search.one(o.id()).orElse(null);
            if (f == null) continue;
            rows.add(new QueueRow(o.id(), o.id(), f.user(), f.serviceName(), o.link(), o.charge().toWire(), o.status().wire(),
                    v.when(o.updatedAt())));
        }
        Fields q = Site.query(v.request());
        return page(v, 200, "cancels.jte", "admin.title.cancels", new QueueView(v.name(), rows, q.get("done"), q.get("failed")));
    }

    /** Accepts (cancel with a full refund) or rejects one stored cancel request through {@link OrderService}. */
    Response resolveCancel(Visit v) {
        Long id = id(v.request().param("id"));
        String decision = Site.form(v.request()).text("decision");
        if (id == null || !("accept".equals(decision) || "reject".equals(decision))) return error(v, 400, "error.bad_request");
        try {
            if ("accept".equals(decision)) orders.acceptCancel(v.actor(), id);
            else orders.rejectCancel(v.actor(), id);
            return redirect(v, "/admin/cancels?done=" + id);
        } catch (org.opensmm.account.Refused | Refusal | IllegalArgumentException | IllegalStateException e) {
            return redirect(v, "/admin/cancels?failed=" + id);
        }
    }
}
