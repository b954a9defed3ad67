package org.opensmm.web;

import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.order.OrderService;
import org.opensmm.ticket.Tickets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * /tickets: a customer opens a ticket (subject, message, optionally the orders it is about), reads staff's replies
 * and answers them. Staff answer from the Admin API (later the admin pages). Another customer's ticket is not found.
 */
public final class TicketPages {
    static final int MAX_SUBJECT = 300;
    static final int MAX_ORDERS = 20;

    private final Site site;
    private final Tickets tickets;
    private final OrderService orders;

    public TicketPages(Site site, Tickets tickets, OrderService orders) {
        this.site = site;
        this.tickets = tickets;
        this.orders = orders;
    }

    /** The list and the form to open one (filled again after a refusal, with its error). */
    public record TicketsView(List<Tickets.Ticket> tickets, String subject, String orders, String message, String error, String notice) {}

    /** One ticket's thread, and the answer form. */
    public record ThreadView(Tickets.Ticket ticket, List<Tickets.Message> messages, String message, String error, String notice) {}

    public Response list(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/tickets");
        return list(v, "", "", "", null);
    }

    private Response list(Site.Visit v, String subject, String orderIds, String message, String error) {
        return site.page(v, error == null ? 200 : 422, "tickets.jte", "title.tickets",
                new TicketsView(tickets.ofCustomer(v.customer().id(), 100), subject, orderIds, message, error, null));
    }

    public Response open(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/tickets");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String subject = form.text("subject").strip(), ids = form.text("orders").strip(), message = form.text("message");
        long me = v.customer().id();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) return list(v, subject, ids, message, site.words(v).get("tickets.bad_subject", MAX_SUBJECT));
        var orderIds = new LinkedHashSet<Long>();
        for (String id : ids.split("[\\s,]+")) {
            if (id.isEmpty()) continue;
            if (!id.matches("[1-9]\\d{0,17}") || orderIds.size() >= MAX_ORDERS) return list(v, subject, ids, message, site.words(v).get("tickets.bad_orders"));
            orderIds.add(Long.parseLong(id));
        }
        var mine = orders.statuses(me, new ArrayList<>(orderIds));
        for (long id : orderIds) {
            if (!mine.containsKey(id)) return list(v, subject, ids, message, site.words(v).get("tickets.order_not_found", String.valueOf(id)));
        }
        String text = orderIds.isEmpty() ? message
                : site.words(v).get("tickets.orders_line", String.join(", ", orderIds.stream().map(String::valueOf).toList())) + "\n\n" + message.strip();
        try {
            var t = tickets.open(new Actor.Customer(me), me, subject, text);
            return site.redirect(v, "/tickets/" + t.id() + "?opened=1");
        } catch (Refused r) {
            return list(v, subject, ids, message, site.words(v).get("tickets.bad_message"));
        }
    }

    public Response thread(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/tickets");
        var t = mine(v, request);
        if (t == null) return site.error(v, 404, "error.not_found");
        Fields q = Site.query(request);
        String notice = q.get("opened") != null ? site.words(v).get("tickets.opened", String.valueOf(t.id()))
                : q.get("answered") != null ? site.words(v).get("tickets.answered") : null;
        return thread(v, t, "", null, notice);
    }

    private Response thread(Site.Visit v, Tickets.Ticket t, String message, String error, String notice) {
        return site.page(v, error == null ? 200 : 422, "ticket.jte", "title.ticket",
                new ThreadView(t, tickets.messages(t.id()), message, error, notice));
    }

    public Response answer(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/tickets");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        var t = mine(v, request);
        if (t == null) return site.error(v, 404, "error.not_found");
        if (t.status() == Tickets.State.CLOSED) return thread(v, t, form.text("message"), site.words(v).get("tickets.closed"), null);
        try {
            tickets.answer(new Actor.Customer(v.customer().id()), v.customer().id(), t.id(), form.text("message"));
            return site.redirect(v, "/tickets/" + t.id() + "?answered=1");
        } catch (Refused r) {
            return thread(v, t, form.text("message"), site.words(v).get("tickets.bad_message"), null);
        }
    }

    /** The signed-in customer's ticket named in the path, else null (another's looks missing). */
    private Tickets.Ticket mine(Site.Visit v, Request request) {
        String id = request.param("id");
        if (id == null || !id.matches("[1-9]\\d{0,17}")) return null;
        return tickets.ofCustomer(v.customer().id(), Long.parseLong(id)).orElse(null);
    }

    /** The ticket's status in a person's words. */
    public static String state(Page p, Tickets.State s) { return p.t("tickets.state." + s.wire()); }
}
