package org.opensmm.web;

import org.opensmm.core.Reason;
import org.opensmm.core.Refusal;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.order.OrderService;

import java.util.ArrayList;
import java.util.List;

/**
 * /massorder: one order a line, {@code service_id | link | quantity}. Each line is its own API v2 {@code add}
 * (OrderService.add, same checks, same charge): a good line is placed, a bad one is told why and costs nothing.
 */
public final class MassOrderPage {
    static final int MAX_LINES = 100;

    private final Site site;
    private final OrderService orders;

    public MassOrderPage(Site site, OrderService orders) {
        this.site = site;
        this.orders = orders;
    }

    /** One line's outcome: the order placed (else null), or why not (else null). */
    public record Line(int number, String text, Long orderId, String error) {}

    /** The text as sent, each non-blank line's outcome (none before a submit), and an error about the whole form. */
    public record MassView(String text, List<Line> lines, String error) {
        public long placed() { return lines.stream().filter(l -> l.orderId() != null).count(); }

        public long refused() { return lines.stream().filter(l -> l.error() != null).count(); }
    }

    public Response form(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/massorder");
        return site.page(v, 200, "massorder.jte", "title.massorder", new MassView("", List.of(), null));
    }

    public Response place(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/massorder");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String text = form.text("orders");
        String[] raw = text.split("\r?\n", -1);
        long filled = java.util.Arrays.stream(raw).filter(l -> !l.isBlank()).count();
        if (filled == 0) return site.page(v, 200, "massorder.jte", "title.massorder", new MassView(text, List.of(), site.words(v).get("massorder.empty")));
        if (filled > MAX_LINES) {
            return site.page(v, 200, "massorder.jte", "title.massorder", new MassView(text, List.of(), site.words(v).get("massorder.too_many", MAX_LINES)));
        }
        var lines = new ArrayList<Line>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) continue;
            lines.add(placeLine(v, i + 1, raw[i].strip()));
        }
        // the layout's balance is read after the orders, so it shows what is left
        return site.page(v, 200, "massorder.jte", "title.massorder", new MassView(text, lines, null));
    }

    private Line placeLine(Site.Visit v, int number, String line) {
        String[] parts = line.split("\\|", -1);
        if (parts.length != 3) return new Line(number, line, null, site.words(v).get("massorder.format"));
        String service = parts[0].strip(), link = parts[1].strip(), quantity = parts[2].strip();
        try {
            if (!service.matches("[1-9]\\d{0,17}")) throw new Refusal(Reason.Fixed.INCORRECT_SERVICE_ID);
            long id = orders.add(v.customer().id(), Long.parseLong(service), name -> switch (name) {
                case "link" -> link.isEmpty() ? null : link;
                case "quantity" -> quantity.isEmpty() ? null : quantity;
                default -> null;
            });
            return new Line(number, line, id, null);
        } catch (Refusal r) {
            return new Line(number, line, null, Words.of(site.words(v), r.reason()));
        }
    }
}
