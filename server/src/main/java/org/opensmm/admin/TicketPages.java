package org.opensmm.admin;

import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.Staff;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ticket.Tickets;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The admin tickets pages (/admin/tickets) for staff with the tickets permission: the list (open, answered, closed,
 * assigned to me), and one ticket to assign, answer and close, each through {@link Tickets} as this member, so it lands
 * in the audit log. Numbers in a message that are the customer's orders link to the order.
 */
public final class TicketPages {
    private static final Pattern NUMBER = Pattern.compile("\\b\\d{1,18}\\b");
    /** The filter's words: "open" is a ticket waiting for staff (pending), as operators say it. */
    private static final Map<String, Tickets.State> FILTER = Map.of("open", Tickets.State.PENDING, "answered", Tickets.State.ANSWERED,
            "closed", Tickets.State.CLOSED);

    private final Desk desk;
    private final Tickets tickets;

    public TicketPages(Desk desk, Tickets tickets) {
        this.desk = desk;
        this.tickets = tickets;
    }

    /** The tickets pages' lines of the route table. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/tickets", desk.staffOnly(Permission.TICKETS, this::list))
                .get("/admin/tickets/{id}", desk.staffOnly(Permission.TICKETS, this::one))
                .post("/admin/tickets/{id}/assign", desk.staffOnly(Permission.TICKETS, this::assign))
                .post("/admin/tickets/{id}/reply", desk.staffOnly(Permission.TICKETS, this::reply))
                .post("/admin/tickets/{id}/close", desk.staffOnly(Permission.TICKETS, this::close));
    }

    public record TicketRow(long id, long customerId, String user, String subject, String status, String assignee, String updated) {}

    public record ListView(String me, String state, boolean mine, List<TicketRow> rows, long count, Pager pager) {}

    Response list(Visit v) {
        Fields q = Site.query(v.request());
        String state = FILTER.containsKey(q.text("state")) ? q.text("state") : "";
        boolean mine = "1".equals(q.get("mine"));
        var page = tickets.list(state.isEmpty() ? List.of() : List.of(FILTER.get(state)), null, mine ? v.me().id() : null, false,
                Pager.offset(q), Pager.SIZE);
        Function<Long, String> names = names();
        return desk.page(v, 200, "tickets.jte", "admin.title.tickets",
                new ListView(v.name(), state, mine, page.list().stream().map(t -> row(v, t, names)).toList(), page.count(),
                        Pager.of(q, page.count())));
    }

    /** A piece of a message: text, or the number of one of the customer's orders (a link). */
    public record Part(String text, Long order) {}

    public record MessageView(long id, boolean staff, String staffName, String when, List<Part> parts) {}

    public record TicketView(String me, TicketRow ticket, Long assignedTo, List<Staff.Member> members, List<MessageView> messages,
                             String done, String error, String draft) {}

    Response one(Visit v) {
        return ticketPage(v, null, "");
    }

    private Response ticketPage(Visit v, String error, String draft) {
        var t = found(v);
        if (t == null) return desk.error(v, 404, "error.not_found");
        var messages = tickets.messages(t.id());
        var numbers = new LinkedHashSet<Long>();
        for (var m : messages) NUMBER.matcher(m.message()).results().forEach(r -> numbers.add(Long.parseLong(r.group())));
        Set<Long> orders = tickets.ordersOf(t.customerId(), numbers);
        var views = messages.stream().map(m -> new MessageView(m.id(), m.staff(), m.staffName(), v.when(m.createdAt()),
                parts(m.message(), orders))).toList();
        var members = desk.staff.list().stream().filter(Staff.Member::enabled).toList();
        return desk.page(v, error == null ? 200 : 400, "ticket.jte", "admin.title.ticket", new TicketView(v.name(), row(v, t, names()),
                t.assignedTo(), members, views, Site.query(v.request()).get("done"), error, draft));
    }

    /** {@code text} cut around the numbers that are in {@code orders}. */
    static List<Part> parts(String text, Set<Long> orders) {
        var out = new ArrayList<Part>();
        int at = 0;
        var m = NUMBER.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group());
            if (!orders.contains(n)) continue;
            if (m.start() > at) out.add(new Part(text.substring(at, m.start()), null));
            out.add(new Part(m.group(), n));
            at = m.end();
        }
        if (at < text.length()) out.add(new Part(text.substring(at), null));
        return out;
    }

    Response assign(Visit v) {
        var t = found(v);
        if (t == null) return desk.error(v, 404, "error.not_found");
        String to = Site.form(v.request()).text("staff");
        Long staffId = to.isBlank() ? null : AdminPages.id(to);
        if (!to.isBlank() && staffId == null) return ticketPage(v, "admin.tickets.assign.bad", "");
        try {
            tickets.assign(v.actor(), t.id(), staffId);
        } catch (Refused e) {
            return ticketPage(v, "admin.tickets.assign.bad", "");
        }
        return desk.redirect(v, "/admin/tickets/" + t.id() + "?done=assigned");
    }

    Response reply(Visit v) {
        var t = found(v);
        if (t == null) return desk.error(v, 404, "error.not_found");
        String text = Site.form(v.request()).text("message");
        try {
            tickets.reply(v.actor(), t.id(), text, v.me().username());
        } catch (Refused e) {
            return ticketPage(v, "admin.tickets.reply.bad", text);
        }
        return desk.redirect(v, "/admin/tickets/" + t.id() + "?done=replied");
    }

    Response close(Visit v) {
        var t = found(v);
        if (t == null) return desk.error(v, 404, "error.not_found");
        tickets.close(v.actor(), t.id());
        return desk.redirect(v, "/admin/tickets/" + t.id() + "?done=closed");
    }

    private Tickets.Ticket found(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        return id == null ? null : tickets.find(id).orElse(null);
    }

    /** Staff id → username, for who has a ticket. */
    private Function<Long, String> names() {
        Map<Long, String> byId = desk.staff.list().stream().collect(Collectors.toMap(Staff.Member::id, Staff.Member::username));
        return id -> id == null ? null : byId.get(id);
    }

    private static TicketRow row(Visit v, Tickets.Ticket t, Function<Long, String> names) {
        return new TicketRow(t.id(), t.customerId(), t.user(), t.subject(), t.status().wire(), names.apply(t.assignedTo()),
                v.when(t.updatedAt()));
    }
}
