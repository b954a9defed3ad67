package org.opensmm.admin;

import org.opensmm.account.Accounts;
import org.opensmm.account.ApiKey;
import org.opensmm.account.Customer;
import org.opensmm.account.Directory;
import org.opensmm.account.Funds;
import org.opensmm.account.Profiles;
import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.core.Refusal;
import org.opensmm.db.Database;
import org.opensmm.http.Handler;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.order.OrderSearch;
import org.opensmm.ticket.Tickets;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.util.List;

/**
 * The customers pages (/admin/customers): the list and a create form; one customer with their orders, ledger, tickets
 * and custom rates, and the forms to edit them, reset their API key, enable or disable them and move funds. Each change
 * goes through its use case ({@link Accounts}, {@link Funds}, {@link Catalog}) as this staff member, so it lands in the
 * audit log.
 */
public final class CustomerPages {
    private final Desk desk;
    private final Database db;
    private final Accounts accounts;
    private final Funds funds;
    private final Ledger ledger;
    private final Catalog catalog;
    private final Tickets tickets;
    private final Profiles profiles;
    private final Directory directory;
    private final OrderSearch search;

    public CustomerPages(Desk desk, Database db, Accounts accounts, Funds funds, Ledger ledger, Catalog catalog, Tickets tickets,
                         Profiles profiles) {
        this.desk = desk;
        this.db = db;
        this.accounts = accounts;
        this.funds = funds;
        this.ledger = ledger;
        this.catalog = catalog;
        this.tickets = tickets;
        this.profiles = profiles;
        this.directory = new Directory(db);
        this.search = new OrderSearch(db);
    }

    /** The customers pages' lines of the route table, each with the permission it needs. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/customers", customers(this::list))
                .post("/admin/customers", customers(this::create))
                .get("/admin/customers/{id}", customers(this::customer))
                .post("/admin/customers/{id}/edit", customers(this::edit))
                .post("/admin/customers/{id}/key", customers(this::resetKey))
                .post("/admin/customers/{id}/rates", customers(this::setRate))
                .post("/admin/customers/{id}/rates/{service}/remove", customers(this::removeRate))
                .post("/admin/customers/{id}/enabled", customers(this::setEnabled))
                .get("/admin/customers/{id}/funds", desk.staffOnly(Permission.PAYMENTS, this::fundsForm))
                .post("/admin/customers/{id}/funds", desk.staffOnly(Permission.PAYMENTS, this::moveFunds));
    }

    private Handler customers(Desk.StaffPage page) { return desk.staffOnly(Permission.CUSTOMERS, page); }

    // ---- the list and the create form ----

    public record CustomerRow(long id, String name, String balance, String spent, boolean enabled, String created) {}

    public record CustomersView(String me, Fields filter, List<CustomerRow> rows, long count, Pager pager, String error, Fields form) {}

    Response list(Visit v) { return listPage(v, 200, null, Fields.NONE); }

    private Response listPage(Visit v, int status, String error, Fields form) {
        Fields q = Site.query(v.request());
        var users = directory.users(q.nonBlank("user"), q.nonBlank("email"), Pager.offset(q), Pager.SIZE);
        var rows = users.list().stream().map(u -> new CustomerRow(u.customer().id(), u.customer().name(), u.customer().balance().toWire(),
                u.spent().toWire(), u.customer().enabled(), v.when(u.customer().createdAt()))).toList();
        return desk.page(v, status, "customers.jte", "admin.title.customers", new CustomersView(v.name(), q, rows, users.count(),
                Pager.of(q, users.count()), error, form));
    }

    /** A new customer with no money; their API key is shown once, on the page that follows. */
    Response create(Visit v) {
        Fields form = Site.form(v.request());
        Accounts.Created created;
        try {
            created = accounts.create(v.actor(), form.get("username"), form.get("email"));
        } catch (Refused e) {
            return listPage(v, 400, refusal(e), form);
        }
        return customerPage(v, created.customer().id(), "customer.jte", "admin.title.customer",
                new Outcome("created", null, Fields.NONE, created.key()), 200);
    }

    // ---- one customer ----

    /** What a customer's page shows beside the customer after a form: a done notice, an error, the form's values, a new key. */
    private record Outcome(String done, String error, Fields form, ApiKey key) {
        static final Outcome NONE = new Outcome(null, null, Fields.NONE, null);
    }

    public record CustomerView(String me, boolean mayFunds, Customer customer, String email, List<Ledger.Entry> entries,
                               List<AdminPages.OrderRow> orders, List<Tickets.Ticket> tickets, List<Catalog.CustomRate> rates,
                               List<Service> services, String notice, String error, Fields form, String newKey) {
        /** The edit form's value: what was typed when it failed, else what is stored. */
        public String field(String name, String stored) { return form.get(name) != null ? form.text(name) : stored == null ? "" : stored; }
    }

    Response customer(Visit v) {
        return customerPage(v, null, "customer.jte", "admin.title.customer", new Outcome(Site.query(v.request()).get("done"), null, Fields.NONE, null), 200);
    }

    Response fundsForm(Visit v) { return customerPage(v, null, "funds.jte", "admin.title.funds", Outcome.NONE, 200); }

    /** {@code id} null: the one in the path. */
    private Response customerPage(Visit v, Long id, String template, String title, Outcome out, int status) {
        Long which = id != null ? id : AdminPages.id(v.request().param("id"));
        var c = which == null ? null : accounts.find(which).orElse(null);
        if (c == null) return desk.error(v, 404, "error.not_found");
        var entries = db.read(tx -> ledger.entries(tx, c.id(), 50));
        var recent = search.find(new OrderSearch.Filter(null, null, null, null, c.name(), null, null, null, null, null, false), 0, 20);
        String email = profiles.find(c.id()).map(Profiles.Profile::email).orElse(null);
        return desk.page(v, status, template, title, new CustomerView(v.name(), v.may(Permission.PAYMENTS), c, email, entries,
                recent.list().stream().map(f -> AdminPages.row(v, f)).toList(), tickets.ofCustomer(c.id(), 50), catalog.customRates(c.id()),
                catalog.shelf(), out.done(), out.error(), out.form(), out.key() == null ? null : out.key().value()));
    }

    /** A customer's page again after a refused form: the error said there, what was typed kept, nothing changed. */
    private Response refused(Visit v, String error, Fields form) {
        return customerPage(v, null, "customer.jte", "admin.title.customer", new Outcome(null, error, form, null), 400);
    }

    private Long customerId(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        return id == null || accounts.find(id).isEmpty() ? null : id;
    }

    Response edit(Visit v) {
        Long id = customerId(v);
        if (id == null) return desk.error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        try {
            accounts.edit(v.actor(), id, form.get("username"), form.get("email"));
        } catch (Refused e) {
            return refused(v, refusal(e), form);
        }
        return desk.redirect(v, "/admin/customers/" + id + "?done=edited");
    }

    /** The new key is on this page's answer only, never in a redirect or a log: reloading does not show it again. */
    Response resetKey(Visit v) {
        Long id = customerId(v);
        if (id == null) return desk.error(v, 404, "error.not_found");
        ApiKey key = accounts.regenerateKey(v.actor(), id);
        return customerPage(v, id, "customer.jte", "admin.title.customer", new Outcome("key", null, Fields.NONE, key), 200);
    }

    Response setRate(Visit v) {
        Long id = customerId(v);
        if (id == null) return desk.error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        Long service = AdminPages.id(form.get("service"));
        Rate rate;
        try {
            rate = Rate.parse(form.text("rate").strip());
        } catch (IllegalArgumentException | ArithmeticException | Refusal e) { // NumberFormatException is an IllegalArgumentException
            return refused(v, "admin.customer.rate.bad", form);
        }
        if (service == null) return refused(v, "admin.customer.rate.service", form);
        try {
            catalog.setCustomRate(v.actor(), id, service, rate);
        } catch (Refused e) {
            return refused(v, "admin.customer.rate.service", form);
        }
        return desk.redirect(v, "/admin/customers/" + id + "?done=rate");
    }

    Response removeRate(Visit v) {
        Long id = customerId(v);
        Long service = AdminPages.id(v.request().param("service"));
        if (id == null || service == null) return desk.error(v, 404, "error.not_found");
        try {
            catalog.setCustomRate(v.actor(), id, service, null);
        } catch (Refused e) {
            return desk.error(v, 404, "error.not_found");
        }
        return desk.redirect(v, "/admin/customers/" + id + "?done=rate_removed");
    }

    Response setEnabled(Visit v) {
        Long id = customerId(v);
        if (id == null) return desk.error(v, 404, "error.not_found");
        boolean enable = "true".equals(Site.form(v.request()).get("enabled"));
        accounts.setEnabled(v.actor(), id, enable);
        return desk.redirect(v, "/admin/customers/" + id + "?done=" + (enable ? "enabled" : "disabled"));
    }

    /** Adds (a deposit) or deducts (an adjustment) an amount, with its reason, through {@link Funds}. */
    Response moveFunds(Visit v) {
        Long id = customerId(v);
        if (id == null) return desk.error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        String error;
        try {
            Money amount = Money.parse(form.text("amount").strip());
            if (amount.isNegative() || amount.isZero()) {
                error = "admin.funds.amount.bad";
            } else {
                if ("deduct".equals(form.get("kind"))) funds.adjust(v.actor(), id, amount.negate(), form.get("reason"));
                else funds.deposit(v.actor(), id, amount, form.get("reason"));
                return desk.redirect(v, "/admin/customers/" + id + "?done=funds");
            }
        } catch (IllegalArgumentException e) {
            error = "admin.funds.amount.bad";
        } catch (Refused | Refusal e) {
            error = desk.key(e).orElse("admin.funds.refused.bad");
        }
        return customerPage(v, id, "funds.jte", "admin.title.funds", new Outcome(null, error, form, null), 200);
    }

    /** A refused name or email in a person's words. */
    /** The account feature's refusal as the page words it: its own key (refused.*). */
    private String refusal(Refused e) { return desk.key(e).orElse("admin.customer.name.bad"); }
}
