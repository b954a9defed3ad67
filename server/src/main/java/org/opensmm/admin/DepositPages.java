package org.opensmm.admin;

import org.opensmm.account.Accounts;
import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.http.Handler;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ledger.Money;
import org.opensmm.payment.Deposit;
import org.opensmm.payment.Deposits;
import org.opensmm.payment.MethodSettings;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin pages for payments (issue 12): the manual deposits queue (/admin/deposits: approve, with a corrected amount
 * and its reason, or reject) for staff with the payments permission, and the payment methods' settings
 * (/admin/payment-methods) for staff with the settings permission. Every change goes through {@link Deposits} as
 * {@code Actor.Staff}, so it lands in the audit log. Sessions, rendering and CSRF are the {@link Desk}'s.
 */
public final class DepositPages {
    private static final int QUEUE = 200;

    private final Desk desk;
    private final Accounts accounts;
    private final Supplier<Deposits> deposits;

    /** {@code deposits} is asked on every request: the panel may point a gateway elsewhere (the simulated one). */
    public DepositPages(Desk desk, Accounts accounts, Supplier<Deposits> deposits) {
        this.desk = desk;
        this.accounts = accounts;
        this.deposits = deposits;
    }

    /** The payment pages' lines of the route table, each with the permission it needs. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/deposits", staffOnly(Permission.PAYMENTS, this::queue))
                .post("/admin/deposits/{id}/approve", staffOnly(Permission.PAYMENTS, this::approve))
                .post("/admin/deposits/{id}/reject", staffOnly(Permission.PAYMENTS, this::reject))
                .get("/admin/payment-methods", staffOnly(Permission.SETTINGS, this::methods))
                .post("/admin/payment-methods/{code}", staffOnly(Permission.SETTINGS, this::configure))
                .post("/admin/payment-methods/{code}/credentials", staffOnly(Permission.SETTINGS, this::storeCredentials));
    }

    // ---- the deposits queue ----

    public record DepositRow(long id, long customerId, String customer, String method, String amount, String credit, String currency,
                             String state, String reference, String note, String decision, String created) {}

    public record QueueView(String me, List<DepositRow> rows, String done, Long errorId, String error, Fields form) {}

    Response queue(Visit v) {
        Fields q = Site.query(v.request());
        return queuePage(v, q.get("done"), null, null, Fields.NONE);
    }

    private Response queuePage(Visit v, String done, Long errorId, String error, Fields form) {
        var rows = deposits.get().queue(QUEUE).stream().map(d -> row(v, d)).toList();
        // a deposit decided already is no longer listed: its error is said above the queue
        Long at = errorId != null && rows.stream().anyMatch(r -> r.id() == errorId) ? errorId : null;
        return page(v, 200, "deposits.jte", "admin.title.deposits", new QueueView(v.name(), rows, done, at, error, form));
    }

    private DepositRow row(Visit v, Deposit d) {
        String name = accounts.find(d.customerId()).map(c -> c.name()).orElse("");
        // the panel's own reasons are bundle keys (a payment that came after its gateway ended it); staff's are text
        String decision = Optional.ofNullable(desk.refusal(d.decision())).orElse(d.decision());
        return new DepositRow(d.id(), d.customerId(), name, d.method(), d.amount().toWire(), d.credit().toWire(), d.currency(),
                d.state().name().toLowerCase(java.util.Locale.ROOT), d.reference(), d.note(), decision, v.when(d.createdAt()));
    }

    /** Approves deposit {id}: its declared amount, or the corrected amount (before bonus) with the reason. */
    Response approve(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        if (id == null) return error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        String text = form.text("amount").strip();
        Money corrected;
        try {
            corrected = text.isEmpty() ? null : Money.parse(text);
        } catch (IllegalArgumentException e) {
            return queuePage(v, null, id, "payment.amount_invalid", form);
        }
        try {
            deposits.get().approve(v.actor(), id, corrected, form.get("reason"));
            return redirect(v, "/admin/deposits?done=approved");
        } catch (org.opensmm.account.Refused e) {
            return queuePage(v, null, id, desk.key(e).orElse("payment.refused"), form);
        }
    }

    Response reject(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        if (id == null) return error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        try {
            deposits.get().reject(v.actor(), id, form.get("reason"));
            return redirect(v, "/admin/deposits?done=rejected");
        } catch (org.opensmm.account.Refused e) {
            return queuePage(v, null, id, desk.key(e).orElse("payment.refused"), form);
        }
    }

    // ---- payment methods ----

    /**
     * {@code credentials}: per method, its credential names and whether each is stored here (never their values);
     * {@code errorCode} is the code of the form in error ("stripe", or "stripe/credentials").
     */
    public record MethodsView(String me, List<MethodSettings> methods, Map<String, Map<String, Boolean>> credentials, String done,
                              String errorCode, String error, Fields form) {}

    Response methods(Visit v) {
        return methodsPage(v, Site.query(v.request()).get("done"), null, null, Fields.NONE);
    }

    private Response methodsPage(Visit v, String done, String errorCode, String error, Fields form) {
        var methods = deposits.get().methods();
        var credentials = new LinkedHashMap<String, Map<String, Boolean>>();
        for (var m : methods) credentials.put(m.code(), deposits.get().credentials(m.code()));
        return page(v, 200, "paymentmethods.jte", "admin.title.payment_methods",
                new MethodsView(v.name(), methods, credentials, done, errorCode, error, form));
    }

    /** Saves one method's settings (every field of its form) through {@link Deposits#configure}. */
    Response configure(Visit v) {
        String code = v.request().param("code");
        var current = deposits.get().methods().stream().filter(m -> m.code().equals(code)).findFirst().orElse(null);
        if (current == null) return error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        MethodSettings wanted;
        try {
            wanted = new MethodSettings(code, "true".equals(form.get("enabled")), form.text("display_name"), form.text("instructions"),
                    Money.parse(form.text("min").strip()), Money.parse(form.text("max").strip()),
                    new BigDecimal(form.text("bonus").strip()), new BigDecimal(form.text("fee").strip()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return methodsPage(v, null, code, "admin.methods.bad", form);
        }
        try {
            deposits.get().configure(v.actor(), wanted);
            return redirect(v, "/admin/payment-methods?done=" + code);
        } catch (org.opensmm.account.Refused e) {
            return methodsPage(v, null, code, desk.key(e).orElse("admin.methods.bad"), form);
        }
    }

    /** Stores the gateway credentials typed in (empty fields keep theirs) through {@link Deposits#storeCredentials}. */
    Response storeCredentials(Visit v) {
        String code = v.request().param("code");
        if (deposits.get().method(code).filter(m -> !m.credentials().isEmpty()).isEmpty()) return error(v, 404, "error.not_found");
        Fields form = Site.form(v.request());
        var values = new LinkedHashMap<String, String>();
        for (String name : deposits.get().method(code).orElseThrow().credentials()) values.put(name, form.text(name));
        try {
            deposits.get().storeCredentials(v.actor(), code, values);
            return redirect(v, "/admin/payment-methods?done=" + code);
        } catch (org.opensmm.account.Refused e) {
            return methodsPage(v, null, code + "/credentials", desk.key(e).orElse("payment.credential_bad"), Fields.NONE);
        }
    }

    private Handler staffOnly(Permission p, Desk.StaffPage page) { return desk.staffOnly(p, page); }

    private Response page(Visit v, int status, String template, String titleKey, Object model) {
        return desk.page(v, status, template, titleKey, model);
    }

    private Response redirect(Visit v, String path) { return desk.redirect(v, path); }

    private Response error(Visit v, int status, String key) { return desk.error(v, status, key); }
}
