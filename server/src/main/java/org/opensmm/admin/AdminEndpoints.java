package org.opensmm.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensmm.account.Accounts;
import org.opensmm.account.Customer;
import org.opensmm.account.Directory;
import org.opensmm.account.Funds;
import org.opensmm.account.Passwords;
import org.opensmm.account.Refused;
import org.opensmm.fulfil.Review;
import org.opensmm.ledger.Money;
import org.opensmm.order.ManualWork;
import org.opensmm.order.Order;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.order.Status;
import org.opensmm.ticket.Tickets;
import org.opensmm.http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.opensmm.admin.AdminApi.bad;
import static org.opensmm.admin.AdminApi.notFound;
import static org.opensmm.admin.AdminApi.state;

/** Every endpoint of ADMIN-API.md: request → use case → reply, nothing more. */
final class AdminEndpoints {
    private static final Set<String> ORDER_STATUSES = Set.of("pending", "processing", "in_progress", "completed", "partial",
            "canceled", "fail", "error", "active", "paused", "expired");
    private static final String[] ORDER_IDS = {"ids", "order_ids", "order_id", "order", "id"};

    private final Accounts accounts;
    private final Passwords passwords;
    private final Funds funds;
    private final Directory directory;
    private final OrderService orders;
    private final OrderSearch search;
    private final ManualWork work;
    private final Refills refills;
    private final Review review;
    private final Tickets tickets;
    private final Views views;

    AdminEndpoints(Accounts accounts, Passwords passwords, Funds funds, Directory directory, OrderService orders, OrderSearch search,
                   ManualWork work, Refills refills, Review review, Tickets tickets, Supplier<String> currency) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.funds = funds;
        this.directory = directory;
        this.orders = orders;
        this.search = search;
        this.work = work;
        this.refills = refills;
        this.review = review;
        this.tickets = tickets;
        this.views = new Views(currency);
    }

    // ---- orders

    /** #1 GET /orders */
    Response listOrders(AdminApi.Call c) {
        Input in = c.in();
        List<String> statuses = in.words("order_status", "status");
        if (statuses != null) for (String s : statuses) if (!ORDER_STATUSES.contains(normal(s))) throw bad(AdminApi.INCORRECT_REQUEST);
        String mode = in.string("mode");
        Boolean manual = null;
        if (mode != null && !mode.isBlank()) {
            manual = switch (mode.strip().toLowerCase(Locale.ROOT)) {
                case "manual" -> true;
                case "auto" -> false;
                default -> throw bad(AdminApi.INCORRECT_REQUEST);
            };
        }
        String creation = in.string("creation_type");
        String ip = in.string("ip_address");
        List<Long> ids = in.ids("ids");
        List<Long> externals = in.ids("external_order_ids");
        Long from = in.integer("created_from");
        Long to = in.integer("created_to");
        var filter = new OrderSearch.Filter(ids, externals == null ? null : externals.stream().map(String::valueOf).toList(),
                statuses == null ? null : statuses.stream().map(AdminEndpoints::normal).toList(), in.ids("service_ids"),
                blankToNull(in.string("user")), manual, blankToNull(in.string("provider")), blankToNull(in.string("link")),
                from == null ? null : from * 1000, to == null ? null : to * 1000 + 999, ascending(in));
        int offset = in.offset(), limit = in.limit();
        ArrayNode items = Views.F.arrayNode();
        OrderSearch.Page page;
        // we record neither the IP an order came from nor other creation types than these: such filters match nothing
        boolean nothing = (ip != null && !ip.isBlank()) || (creation != null && !creation.isBlank()
                && !Set.of("api", "drip_feed_run", "subscription").contains(creation.strip()));
        page = nothing ? new OrderSearch.Page(0, List.of()) : search.find(filter, offset, limit);
        for (var f : page.list()) {
            ObjectNode o = views.order(f, false);
            if (creation != null && !creation.isBlank() && !creation.strip().equals(o.get("creation_type").asText())) continue;
            items.add(o);
        }
        return AdminApi.list(page.count(), items, AdminApi.pagination(c.request(), offset, limit, page.count()));
    }

    /** #2 GET /orders/{id} */
    Response oneOrder(AdminApi.Call c) {
        return AdminApi.ok(views.order(found(pathId(c, AdminApi.ORDER_NOT_FOUND)), true));
    }

    /** #3 POST /orders/pull */
    Response pullOrders(AdminApi.Call c) {
        ArrayNode items = Views.F.arrayNode();
        for (var f : work.pullOrders(c.caller().actor(), c.in().ids("service_ids"), c.in().limit())) items.add(views.order(f, false));
        return AdminApi.list(items.size(), items, null);
    }

    /** #4 POST /orders/update, and the flat alias POST /orders/status (its item failure is the call's). */
    Response updateOrders(AdminApi.Call c, boolean flat) {
        Input in = c.in();
        List<JsonNode> items = new ArrayList<>();
        JsonNode list = in.node("orders");
        if (!flat && list != null && list.isArray()) list.forEach(items::add);
        else if (in.has("id") || in.has("order_id")) items.add(in.fields);
        else throw bad(AdminApi.INCORRECT_REQUEST);
        if (items.size() > Input.MAX_IDS) throw bad(AdminApi.INCORRECT_REQUEST);
        ArrayNode results = Views.F.arrayNode();
        for (JsonNode item : items) {
            ObjectNode r = results.addObject();
            Long id = null;
            try {
                if (!item.isObject()) throw bad(AdminApi.INCORRECT_REQUEST);
                Input one = Input.of((ObjectNode) item);
                id = one.integer("id") != null ? one.integer("id") : one.integer("order_id");
                if (id == null) throw bad(AdminApi.INCORRECT_REQUEST);
                r.put("id", id);
                update(c, one, id);
                r.put("success", true).put("message", "").put("error_code", 0);
            } catch (AdminApi.Failure f) {
                if (flat) throw f;
                if (id == null) r.putNull("id");
                r.put("success", false).put("message", f.getMessage()).put("error_code", f.code);
            } catch (Input.Bad b) {
                if (flat) throw bad(b.getMessage());
                if (id == null) r.putNull("id");
                r.put("success", false).put("message", b.getMessage()).put("error_code", 102);
            }
        }
        if (flat) return AdminApi.ok(results.get(0));
        return AdminApi.ok(Views.F.objectNode().set("orders", results));
    }

    /** One report: status first, then remains and start count; repeating the current state is a no-op success. */
    private void update(AdminApi.Call c, Input item, long id) {
        Order o = found(id).order();
        String given = item.string("status");
        Status target = given == null || given.isBlank() ? o.status() : status(given, Set.of("pending", "processing", "in_progress", "completed", "partial", "canceled"));
        Long remains = item.integer("remains");
        Long start = item.integer("start_count");
        if (remains != null && (remains < 0 || remains > o.quantity())) throw bad(AdminApi.INCORRECT_REQUEST);
        if (start != null && start < 0) throw bad(AdminApi.INCORRECT_REQUEST);
        if (o.status().finished()) {
            if (target != o.status()) throw state(AdminApi.STATUS_FINAL);
            if (remains != null && remains != o.remains()) throw state(AdminApi.REMAINS_NOT_ALLOWED);
            return; // the same report again: done already
        }
        if (target == Status.COMPLETED) remains = 0L;
        if (target == Status.CANCELED) remains = o.quantity();
        if (target == Status.PARTIAL) {
            long left = remains != null ? remains : o.remains();
            if (left <= 0) throw state(AdminApi.REMAINS_NOT_ALLOWED);
            if (left == o.quantity()) target = Status.CANCELED; // nothing delivered: a partial of nothing is a cancel
            remains = left;
        }
        if (target == o.status() && (remains == null || remains == o.remains()) && (start == null || start == o.startCount())) return;
        apply(c, id, target, start, remains);
    }

    private OrderService.StatusChange apply(AdminApi.Call c, long id, Status target, Long start, Long remains) {
        try {
            return orders.setStatus(c.caller().actor(), id, target, start, remains);
        } catch (IllegalArgumentException e) {
            throw bad(AdminApi.INCORRECT_REQUEST);
        } catch (IllegalStateException | Refused e) {
            throw state(AdminApi.STATUS_FINAL);
        }
    }

    /** #5 POST /orders/change-status, and POST /orders/{id}/change-status for that one id. */
    Response changeStatus(AdminApi.Call c, boolean byPath) {
        List<Long> ids = byPath ? List.of(pathId(c, AdminApi.ORDER_NOT_FOUND)) : requiredIds(c.in());
        Status target = status(c.in().string("status"), Set.of("pending", "processing", "in_progress", "completed", "canceled"));
        var done = new ArrayList<Long>();
        var skipped = new ArrayList<Long>();
        for (long id : ids) {
            boolean ok;
            Optional<OrderSearch.Found> f = search.one(id);
            if (f.isEmpty()) ok = false;
            else if (f.get().order().status() == target) ok = true;
            else if (f.get().order().status().finished()) ok = false;
            else ok = attempt(() -> apply(c, id, target, null, null));
            (ok ? done : skipped).add(id);
        }
        return changed(done, Views.wire(target), skipped);
    }

    /** #6 POST /orders/{id}/set-partial */
    Response setPartial(AdminApi.Call c) {
        Order o = found(pathId(c, AdminApi.ORDER_NOT_FOUND)).order();
        Long remains = c.in().integer("remains");
        Long start = c.in().integer("start_count");
        if (o.status().finished()) throw state(AdminApi.STATUS_FINAL);
        if (remains == null || remains <= 0 || remains > o.quantity() || (start != null && start < 0)) throw bad(AdminApi.INCORRECT_REQUEST);
        apply(c, o.id(), remains == o.quantity() ? Status.CANCELED : Status.PARTIAL, start, remains);
        return AdminApi.ok(views.order(found(o.id()), false));
    }

    /** #7 POST /orders/{id}/edit-link */
    Response editLink(AdminApi.Call c) {
        Order o = found(pathId(c, AdminApi.ORDER_NOT_FOUND)).order();
        String link = c.in().string("link");
        if (link == null || link.isBlank() || link.strip().length() > 2000) throw bad(AdminApi.INCORRECT_REQUEST);
        if (o.status().finished()) throw state(AdminApi.STATUS_FINAL);
        orders.editLink(c.caller().actor(), o.id(), link);
        return AdminApi.ok(views.order(found(o.id()), false));
    }

    /** #8 POST /orders/request-cancel */
    Response requestCancel(AdminApi.Call c) {
        return bulk(requiredIds(c.in()), id -> orders.requestCancel(c.caller().actor(), id));
    }

    /** #9 POST /orders/cancel: canceled with a full refund now; an order upstream has its cancel forwarded first. */
    Response cancel(AdminApi.Call c) {
        return bulk(requiredIds(c.in()), id -> {
            Order o = found(id).order();
            if (o.status().finished()) throw state(AdminApi.STATUS_FINAL);
            apply(c, id, Status.CANCELED, null, null);
        });
    }

    /** #10 POST /orders/resend */
    Response resend(AdminApi.Call c) {
        return bulk(requiredIds(c.in()), id -> review.resend(c.caller().actor(), id));
    }

    // ---- queues

    /** #11 POST /cancel/pull */
    Response pullCancels(AdminApi.Call c) {
        ArrayNode items = Views.F.arrayNode();
        for (var f : work.pullCancels(c.caller().actor(), c.in().ids("service_ids"), c.in().limit())) {
            ObjectNode o = views.order(f, false);
            o.put("order_id", f.order().id());
            Views.time(o, "cancel_requested_at", f.cancelRequestedAt());
            items.add(o);
        }
        return AdminApi.list(items.size(), items, null);
    }

    /** #12 POST /cancel/reject */
    Response rejectCancels(AdminApi.Call c) {
        return bulk(requiredIds(c.in()), id -> orders.rejectCancel(c.caller().actor(), id));
    }

    /** #13 POST /refill/pull */
    Response pullRefills(AdminApi.Call c) {
        ArrayNode items = Views.F.arrayNode();
        for (var p : work.pullRefills(c.caller().actor(), c.in().ids("service_ids"), c.in().limit())) items.add(views.refill(p.refill(), p.order()));
        return AdminApi.list(items.size(), items, null);
    }

    /** #14 POST /refill/change-status */
    Response refillStatus(AdminApi.Call c) {
        List<Long> ids = c.in().ids("refill_id", "ids", "refill_ids", "id");
        if (ids == null || ids.isEmpty()) throw bad(AdminApi.INCORRECT_REQUEST);
        String given = c.in().string("status");
        Refills.State target;
        try {
            target = Refills.State.parse(given == null ? "" : given);
        } catch (IllegalArgumentException e) {
            throw bad(AdminApi.INCORRECT_REQUEST);
        }
        var done = new ArrayList<Long>();
        var skipped = new ArrayList<Long>();
        for (long id : ids) {
            var r = work.refill(id);
            boolean ok = r.isPresent() && (r.get().refill().status() == target
                    || attempt(() -> refills.resolve(c.caller().actor(), id, target)));
            (ok ? done : skipped).add(id);
        }
        return changed(done, Views.wire(target), skipped);
    }

    // ---- payments and users

    /** #15 GET /payments */
    Response listPayments(AdminApi.Call c) {
        Input in = c.in();
        Long from = in.integer("created_from"), to = in.integer("created_to");
        int offset = in.offset(), limit = in.limit();
        var page = directory.payments(blankToNull(in.string("user")), from == null ? null : from * 1000, to == null ? null : to * 1000 + 999,
                ascending(in), offset, limit);
        ArrayNode items = Views.F.arrayNode();
        for (var p : page.list()) {
            ObjectNode n = items.addObject();
            n.put("id", p.id());
            n.set("user", views.userRef(p.customerId(), p.username()));
            n.set("amount", views.money(p.amount()));
            n.put("method", p.method()).put("memo", p.memo()).put("affiliate_commission", p.affiliateCommission()).put("status", "completed");
            Views.time(n, "created", p.createdAt());
        }
        return AdminApi.list(page.count(), items, AdminApi.pagination(c.request(), offset, limit, page.count()));
    }

    /** #16 POST /payments/add: one deposit per call; a payment_id in the body is ignored, never an idempotency key. */
    Response addPayment(AdminApi.Call c) {
        Input in = c.in();
        JsonNode user = in.node("user");
        String username = in.string("username");
        if (username == null && user != null && user.isObject() && user.hasNonNull("username")) username = user.get("username").asText();
        Long userId = in.integer("user_id");
        if (userId == null && user != null && user.isObject() && user.hasNonNull("id")) userId = Input.integer(user.get("id"));
        Customer who;
        if (username != null && !username.isBlank()) who = accounts.findByName(username.strip()).orElseThrow(() -> notFound(AdminApi.USER_NOT_FOUND));
        else if (userId != null) who = accounts.find(userId).orElseThrow(() -> notFound(AdminApi.USER_NOT_FOUND));
        else throw bad(AdminApi.INCORRECT_AMOUNT);
        Money amount = Input.amount(in.node("amount"));
        String memo = in.string("memo") != null ? in.string("memo") : in.string("details");
        Boolean affiliate = in.bool("affiliate_commission");
        var paid = funds.pay(c.caller().actor(), who.id(), amount, in.string("method"), memo, affiliate != null && affiliate);
        ObjectNode data = Views.F.objectNode();
        data.put("payment_id", paid.paymentId());
        data.set("user", views.userRef(who.id(), who.name()));
        data.set("amount", views.money(amount));
        data.put("memo", paid.memo());
        data.put("affiliate_commission", paid.affiliateCommission());
        return AdminApi.ok(data);
    }

    /** #17 GET /users */
    Response listUsers(AdminApi.Call c) {
        Input in = c.in();
        int offset = in.offset(), limit = in.limit();
        var page = directory.users(blankToNull(in.string("username")), blankToNull(in.string("email")), offset, limit);
        ArrayNode items = Views.F.arrayNode();
        for (var u : page.list()) items.add(views.user(u));
        return AdminApi.list(page.count(), items, AdminApi.pagination(c.request(), offset, limit, page.count()));
    }

    /** #18 POST /users/add: a website sign-up made by staff, the website's rules and password hashing; audited. */
    Response addUser(AdminApi.Call c) {
        Input in = c.in();
        String username = blankToNull(in.string("username"));
        String email = blankToNull(in.string("email"));
        String password = in.string("password");
        if (username == null || email == null || password == null || password.isEmpty()) throw bad(AdminApi.INCORRECT_REQUEST);
        return switch (passwords.signUp(c.caller().actor(), username, email, password)) {
            case Passwords.SignUp.Created made -> AdminApi.ok(views.user(directory.user(made.customer()).orElseThrow()));
            case Passwords.SignUp.Refused no -> throw bad(switch (no.reason()) {
                case USERNAME_TAKEN -> "Username already exists";
                case EMAIL_TAKEN -> "Email already exists";
                case PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG -> "Password is too weak";
                case USERNAME_INVALID -> "Incorrect username";
                case EMAIL_INVALID -> "Incorrect email";
            });
        };
    }

    // ---- tickets

    /** #19 GET /tickets */
    Response listTickets(AdminApi.Call c) {
        Input in = c.in();
        List<String> words = in.words("status");
        var states = new ArrayList<Tickets.State>();
        if (words != null) {
            for (String w : words) {
                try {
                    states.add(Tickets.State.valueOf(w.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw bad(AdminApi.INCORRECT_REQUEST);
                }
            }
        }
        int offset = in.offset(), limit = in.limit();
        var page = tickets.list(states, blankToNull(in.string("user")), ascending(in), offset, limit);
        ArrayNode items = Views.F.arrayNode();
        for (var t : page.list()) items.add(views.ticket(t));
        return AdminApi.list(page.count(), items, AdminApi.pagination(c.request(), offset, limit, page.count()));
    }

    /** #20 GET /tickets/{id} */
    Response oneTicket(AdminApi.Call c) {
        long id = pathId(c, AdminApi.TICKET_NOT_FOUND);
        var t = tickets.find(id).orElseThrow(() -> notFound(AdminApi.TICKET_NOT_FOUND));
        ObjectNode n = views.ticket(t);
        ArrayNode messages = n.putArray("messages");
        for (var m : tickets.messages(id)) messages.add(views.message(m));
        return AdminApi.ok(n);
    }

    /** #21 POST /tickets/{id}/reply */
    Response replyTicket(AdminApi.Call c) {
        long id = pathId(c, AdminApi.TICKET_NOT_FOUND);
        if (tickets.find(id).isEmpty()) throw notFound(AdminApi.TICKET_NOT_FOUND);
        String message = c.in().string("message");
        if (message == null || message.replaceAll("<[^>]*>", "").isBlank()) throw bad(AdminApi.INCORRECT_REQUEST);
        try {
            return AdminApi.ok(views.message(tickets.reply(c.caller().actor(), id, message, c.in().string("staff_name"))));
        } catch (Refused r) {
            throw bad(AdminApi.INCORRECT_REQUEST);
        }
    }

    /** #22 POST /tickets/add */
    Response addTicket(AdminApi.Call c) {
        Input in = c.in();
        String username = blankToNull(in.string("username"));
        Long userId = in.integer("user_id");
        String subject = in.string("subject"), message = in.string("message");
        if ((username == null && userId == null) || subject == null || subject.isBlank() || message == null || message.isBlank()) {
            throw bad(AdminApi.INCORRECT_REQUEST);
        }
        Customer who = (username != null ? accounts.findByName(username) : accounts.find(userId))
                .orElseThrow(() -> notFound(AdminApi.USER_NOT_FOUND));
        Tickets.Ticket t;
        try {
            t = tickets.open(c.caller().actor(), who.id(), subject, message);
        } catch (Refused r) {
            throw bad(AdminApi.INCORRECT_REQUEST);
        }
        ObjectNode n = views.ticket(t);
        ArrayNode messages = n.putArray("messages");
        for (var m : tickets.messages(t.id())) messages.add(views.message(m));
        return AdminApi.ok(n);
    }

    // ---- helpers

    private interface Action { void run(long id); }

    /** The bulk reply: ids done and ids skipped (unknown, or not allowed in their state), in request order. */
    private Response bulk(List<Long> ids, Action action) {
        var done = new ArrayList<Long>();
        var skipped = new ArrayList<Long>();
        for (long id : ids) (attempt(() -> action.run(id)) ? done : skipped).add(id);
        return changed(done, null, skipped);
    }

    /** A bulk reply: the ids done (moved to {@code status}, when the action sets one) and those left as they were. */
    private static Response changed(List<Long> done, String status, List<Long> skipped) {
        ObjectNode data = Views.F.objectNode();
        data.set("ids", longs(done));
        if (status != null) data.put("status", status);
        data.set("skipped_ids", longs(skipped));
        return AdminApi.ok(data);
    }

    private static boolean attempt(Runnable r) {
        try {
            r.run();
            return true;
        } catch (AdminApi.Failure | Refused | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private static List<Long> requiredIds(Input in) {
        List<Long> ids = in.ids(ORDER_IDS);
        if (ids == null || ids.isEmpty()) throw bad(AdminApi.INCORRECT_REQUEST);
        return ids;
    }

    private OrderSearch.Found found(long id) { return search.one(id).orElseThrow(() -> notFound(AdminApi.ORDER_NOT_FOUND)); }

    private static long pathId(AdminApi.Call c, String missing) {
        String id = c.request().param("id");
        if (id == null || !id.matches("\\d{1,18}")) throw notFound(missing);
        return Long.parseLong(id);
    }

    private static Status status(String given, Set<String> allowed) {
        String s = given == null ? "" : normal(given);
        if (!allowed.contains(s)) throw bad(AdminApi.INCORRECT_REQUEST);
        return Status.parse(s).orElseThrow(() -> bad(AdminApi.INCORRECT_REQUEST));
    }

    /** Case-insensitive, spaces and hyphens as _, inprogress and cancelled accepted. */
    static String normal(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (t) {
            case "inprogress" -> "in_progress";
            case "cancelled" -> "canceled";
            default -> t;
        };
    }

    private static boolean ascending(Input in) {
        String sort = in.string("sort");
        String order = in.string("order");
        return "date-asc".equalsIgnoreCase(sort == null ? "" : sort.strip()) || "asc".equalsIgnoreCase(order == null ? "" : order.strip());
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    private static ArrayNode longs(List<Long> ids) {
        ArrayNode a = Views.F.arrayNode();
        ids.forEach(a::add);
        return a;
    }
}
