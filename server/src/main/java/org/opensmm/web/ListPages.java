package org.opensmm.web;

import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.core.Reason;
import org.opensmm.core.Refusal;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.order.OrderList;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.order.Status;

import java.util.List;
import java.util.Map;

/**
 * /services (the public price list), /orders (the customer's orders, with their Refill and Cancel buttons) and
 * /orders/{id} (one order: its type's fields and refill requests, the same buttons).
 */
public final class ListPages {
    static final int PAGE_SIZE = 25;

    private final Site site;
    private final Catalog catalog;
    private final OrderList orderList;
    private final OrderService orders;
    private final Refills refills;

    public ListPages(Site site, Catalog catalog, OrderList orderList, OrderService orders, Refills refills) {
        this.site = site;
        this.catalog = catalog;
        this.orderList = orderList;
        this.orders = orders;
        this.refills = refills;
    }

    /** Services a page of /services shows: enough for a big category, small enough for a phone (about 30 KB). */
    static final int SERVICES_PAGE_SIZE = 100;

    /**
     * The price list: one category (the first unless chosen) or, with a search, the matches of every category; a page
     * of them, grouped by category, with the links to its neighbours.
     */
    public record ServicesView(List<String> categories, String category, String search, Map<String, List<Service>> shown,
                               int page, boolean more) {
        public String pageLink(int n) {
            return "/services?" + (search.isEmpty() ? "category=" + Fields.encode(category) : "q=" + Fields.encode(search)) + "&page=" + n;
        }
    }

    public Response services(Request request) {
        var v = site.visit(request);
        Fields q = Site.query(request);
        String search = q.text("q").strip();
        var onSale = OnSale.of(catalog.onShelf(v.signedIn() ? v.customer().id() : 0)); // a customer sees their own rates
        String category = search.isEmpty() ? onSale.category(q.text("category")) : "";
        List<Service> found = search.isEmpty() ? onSale.in(category) : onSale.matching(search);
        int page = Math.max(1, q.number("page", 1));
        int from = Math.min(found.size(), (page - 1) * SERVICES_PAGE_SIZE);
        int to = Math.min(found.size(), from + SERVICES_PAGE_SIZE);
        return site.page(v, 200, "services.jte", "title.services", new ServicesView(onSale.categories(), category, search,
                OnSale.byCategory(found.subList(from, to)), page, to < found.size()));
    }

    /** The list with its filters, and a line about what was just done (or refused) on the way here. */
    public record OrdersView(OrderList.Page page, String status, String search, List<Status> statuses, String notice, String error) {
        /** The query string of another page of this same list. */
        public String pageLink(int n) {
            var f = new java.util.StringJoiner("&", "/orders?", "");
            if (!status.isEmpty()) f.add("status=" + Fields.encode(status));
            if (!search.isEmpty()) f.add("q=" + Fields.encode(search));
            f.add("page=" + n);
            return f.toString();
        }
    }

    public Response orders(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/orders");
        Fields q = Site.query(request);
        Status status = Status.parse(q.text("status")).orElse(null);
        String search = q.text("q").strip();
        var page = orderList.page(v.customer().id(), status, search, q.number("page", 1), PAGE_SIZE);
        String order = q.text("order").matches("\\d{1,18}") ? q.text("order") : "";
        String notice = q.text("placed").matches("\\d{1,18}") ? site.words(v).get("orders.placed", q.text("placed"))
                : order.isEmpty() ? null : done(v, q, order);
        return site.page(v, 200, "orders.jte", "title.orders", new OrdersView(page, status == null ? "" : status.wire(), search,
                List.of(Status.values()), notice, refused(v, q)));
    }

    /** /orders/{id}: one of the customer's own orders; another's, or no such order, is the same "not found". */
    public record OrderView(OrderList.Detail order, String notice, String error) {
        public OrderList.Row row() { return order.row(); }
    }

    public Response order(Request request) {
        var v = site.visit(request);
        String id = request.param("id");
        if (!v.signedIn()) return site.redirect(v, "/login?next=/orders/" + (id != null && id.matches("\\d{1,18}") ? id : ""));
        var found = id == null || !id.matches("[1-9]\\d{0,17}") ? null : orderList.one(v.customer().id(), Long.parseLong(id)).orElse(null);
        if (found == null) return site.error(v, 404, "error.not_found");
        Fields q = Site.query(request);
        return site.page(v, 200, "orderdetail.jte", "title.order", new OrderView(found, done(v, q, id), refused(v, q)));
    }

    /** What the Refill or Cancel button just did to order {@code id}, in words; null if nothing. */
    private String done(Site.Visit v, Fields q, String id) {
        if (q.get("refilled") != null) return site.words(v).get("orders.refilled", id);
        if (q.get("canceled") != null) return site.words(v).get("orders.cancel_requested", id);
        return null;
    }

    /** Only a refusal's own key is looked up: a crafted link cannot put other words on the page. */
    private String refused(Site.Visit v, Fields q) {
        String key = q.text("refused");
        return key.startsWith("refusal.") && site.words(v).has(key) ? site.words(v).get(key) : null;
    }

    public Response refill(Request request) { return act(request, "refilled", (customer, id) -> refills.request(customer, id)); }

    public Response cancel(Request request) {
        return act(request, "canceled", (customer, id) -> {
            orders.cancel(customer, id);
            return id;
        });
    }

    private interface Action { long run(long customer, long orderId); }

    private Response act(Request request, String done, Action action) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/orders");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String id = request.param("id");
        // only these: a form of ours (the list, the order's own page, /subscriptions)
        String back = "/subscriptions".equals(form.text("back")) ? "/subscriptions"
                : id != null && ("/orders/" + id).equals(form.text("back")) ? "/orders/" + id : "/orders";
        try {
            if (id == null || !id.matches("[1-9]\\d{0,17}")) throw new Refusal(Reason.Fixed.INCORRECT_ORDER_ID);
            action.run(v.customer().id(), Long.parseLong(id));
            return site.redirect(v, back + "?" + done + "=1&order=" + id);
        } catch (Refusal r) {
            String key = r.reason() instanceof Reason.Fixed f ? Words.key(f) : "refusal.incorrect_request";
            return site.redirect(v, back + "?refused=" + key + (id != null && id.matches("\\d{1,18}") ? "&order=" + id : ""));
        }
    }
}
