package org.opensmm.web;

import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.core.Refusal;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.order.OrderService;
import org.opensmm.order.Quotes;

import java.util.List;
import java.util.Map;

/**
 * {@code /}: the new-order form signed in (its fields follow the chosen service's type), the landing signed out.
 * An order placed here goes through {@link OrderService#add}, as API v2's add does: same row, ledger entry and guard.
 */
public final class OrderPages {
    private final Site site;
    private final Catalog catalog;
    private final OrderService orders;
    private final Quotes quotes;

    public OrderPages(Site site, Catalog catalog, OrderService orders, Quotes quotes) {
        this.site = site;
        this.catalog = catalog;
        this.orders = orders;
        this.quotes = quotes;
    }

    /**
     * The form: the categories, the chosen one and its services (only those: a picker of every service of a big
     * catalogue weighs hundreds of KB), the chosen service and its fields, what was typed, the charge or why not.
     */
    public record OrderView(List<String> categories, String category, List<Service> services, Service service, List<OrderForm.Field> fields, Fields values,
                            QuoteView quote, String error) {
        public boolean drip() { return values.get("dripfeed") != null; }

        /** The subscription delays this service takes, in minutes, ascending. */
        public List<Integer> delays() { return Service.ALL_DELAYS.stream().filter(service::allowsDelay).sorted().toList(); }

        /** What the quantity field counts for this type: lines for comment lists, a package for packages. */
        public String priced() { return service.type().perPackage() ? "order.per_package" : "order.per_1000"; }
    }

    /** The charge line: the amount and units, or the refusal in words. */
    public record QuoteView(String charge, long units, String refusal) {}

    /** Signed out: the categories (with how many services each), each a link to its page of /services. */
    public record Landing(Map<String, Integer> categories) {
        public String link(String category) { return "/services?category=" + Fields.encode(category); }
    }

    public Response home(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.page(v, 200, "landing.jte", "title.landing", new Landing(OnSale.of(catalog.onShelf(0)).counts()));
        Fields query = Site.query(request);
        return form(v, 200, query, null, null);
    }

    /** POST /order: places the order, or (with the Preview button) shows its charge without JavaScript. */
    public Response place(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        long service = serviceId(form);
        if (form.get("preview") != null) return form(v, 200, form, quote(v, service, form), null);
        try {
            long id = orders.add(v.customer().id(), service, OrderForm.lookup(form));
            return site.redirect(v, "/orders?placed=" + id);
        } catch (Refusal r) {
            return form(v, 200, form, null, Words.of(site.words(v), r.reason()));
        }
    }

    /** POST /order/quote: the charge line alone, replaced in place as the customer types. Changes nothing. */
    public Response quote(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.error(v, 403, "error.forbidden");
        Fields form = Site.form(request);
        return site.fragment(v, "quote.jte", quote(v, serviceId(form), form));
    }

    private QuoteView quote(Site.Visit v, long service, Fields form) {
        try {
            var q = quotes.quote(v.customer().id(), service, OrderForm.lookup(form));
            return new QuoteView(site.words(v).amount(q.charge()), q.units(), null);
        } catch (Refusal r) {
            return new QuoteView(null, 0, Words.of(site.words(v), r.reason()));
        }
    }

    /**
     * The chosen service (by id), in the chosen category: a category picked without JavaScript arrives with the service
     * of the category before, so a service of another category gives way to the first of this one.
     */
    private Response form(Site.Visit v, int status, Fields values, QuoteView quote, String error) {
        var onSale = OnSale.of(catalog.onShelf(v.customer().id()));
        Service picked = onSale.find(serviceId(values)).orElse(null);
        String category = onSale.category(values.get("category") == null && picked != null ? picked.category() : values.text("category"));
        List<Service> shelf = onSale.in(category);
        Service service = picked != null && picked.category().equals(category) ? picked : shelf.isEmpty() ? null : shelf.getFirst();
        return site.page(v, status, "order.jte", "title.new_order", new OrderView(onSale.categories(), category, shelf, service,
                service == null ? List.of() : OrderForm.of(service), values, quote, error));
    }

    private static long serviceId(Fields f) {
        String s = f.get("service");
        return s != null && s.matches("\\d{1,18}") ? Long.parseLong(s) : 0;
    }
}
