package org.opensmm.web;

import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.ledger.Statement;
import org.opensmm.order.Recurring;
import org.opensmm.payment.Deposit;
import org.opensmm.order.Refills;

import java.util.List;
import java.util.function.Function;

/**
 * What a customer looks back on: /transactions (the ledger with the balance after each entry), /refill (refill
 * requests and their status), /subscriptions (posts delivered, expiry, cancel) and /drip-feed (runs done of all).
 */
public final class HistoryPages {
    static final int PAGE_SIZE = 25;

    private final Site site;
    private final Statement statement;
    private final Refills refills;
    private final Recurring recurring;
    /** A customer's deposits that moved no money (rejected, held, waiting): shown beside the ledger, which has no line for them. */
    private final Function<Long, List<Deposit>> unpaid;

    public HistoryPages(Site site, Statement statement, Refills refills, Recurring recurring, Function<Long, List<Deposit>> unpaid) {
        this.site = site;
        this.statement = statement;
        this.refills = refills;
        this.recurring = recurring;
        this.unpaid = unpaid;
    }

    /** /transactions: a page of the ledger and the deposits that moved no money. */
    public record Transactions(Listing<Statement.Line> ledger, List<Deposit> unpaid) {}

    /** A page of rows of any of these lists, with the links to its neighbours. */
    public record Listing<T>(String path, List<T> rows, int page, boolean more, String notice, String error) {
        Listing(String path, List<T> rows, int page, boolean more) { this(path, rows, page, more, null, null); }

        public String pageLink(int n) { return path + "?page=" + n; }
    }

    /** A ledger entry in a person's words: "Order 12", "Refund of order 12", "Deposit", "Balance adjustment". */
    public static String kind(Page p, Statement.Line line) {
        return switch (line.kind()) {
            case DEPOSIT -> p.t("transactions.deposit");
            case CHARGE -> line.orderId() == null ? p.t("transactions.charge_plain") : p.t("transactions.charge", String.valueOf(line.orderId()));
            case REFUND -> line.orderId() == null ? p.t("transactions.refund_plain") : p.t("transactions.refund", String.valueOf(line.orderId()));
            case ADJUSTMENT -> p.t("transactions.adjustment");
        };
    }

    public Response transactions(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/transactions");
        var page = statement.page(v.customer().id(), Site.query(request).number("page", 1), PAGE_SIZE);
        return site.page(v, 200, "transactions.jte", "title.transactions", new Transactions(
                new Listing<>("/transactions", page.lines(), page.page(), page.more()), unpaid.apply(v.customer().id())));
    }

    public Response refills(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/refill");
        int n = Math.max(1, Site.query(request).number("page", 1));
        List<Refills.Refill> rows = refills.ofCustomer(v.customer().id(), n, PAGE_SIZE);
        boolean more = rows.size() > PAGE_SIZE;
        return site.page(v, 200, "refills.jte", "title.refills", new Listing<>("/refill", more ? rows.subList(0, PAGE_SIZE) : rows, n, more));
    }

    public Response subscriptions(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/subscriptions");
        Fields q = Site.query(request);
        var page = recurring.subscriptions(v.customer().id(), q.number("page", 1), PAGE_SIZE);
        // what the Cancel button just did, as /orders words it; a refusal only by its own key
        String order = q.text("order").matches("\\d{1,18}") ? q.text("order") : "";
        String notice = q.get("canceled") != null && !order.isEmpty() ? site.words(v).get("orders.cancel_requested", order) : null;
        String refused = q.text("refused");
        String error = refused.startsWith("refusal.") && site.words(v).has(refused) ? site.words(v).get(refused) : null;
        return site.page(v, 200, "subscriptions.jte", "title.subscriptions",
                new Listing<>("/subscriptions", page.rows(), page.page(), page.more(), notice, error));
    }

    public Response dripFeeds(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/drip-feed");
        var page = recurring.dripFeeds(v.customer().id(), Site.query(request).number("page", 1), PAGE_SIZE);
        return site.page(v, 200, "dripfeed.jte", "title.dripfeed", new Listing<>("/drip-feed", page.rows(), page.page(), page.more()));
    }

}
