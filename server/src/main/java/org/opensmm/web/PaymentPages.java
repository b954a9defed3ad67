package org.opensmm.web;

import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ledger.Money;
import org.opensmm.payment.Deposit;
import org.opensmm.payment.Deposits;
import org.opensmm.payment.Method;
import org.opensmm.payment.MethodSettings;

import java.util.List;
import java.util.Locale;

/**
 * /addfunds (choose a method, enter an amount; a manual transfer is declared, a gateway payment is started and the
 * customer sent to the gateway) and the gateways' callbacks. The return from a gateway only shows a deposit's state:
 * only the signed webhook credits.
 */
public final class PaymentPages {
    /** Site's policy, the gateways added to form-action. */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final Site site;
    private final Deposits deposits;

    public PaymentPages(Site site, Deposits deposits) {
        this.site = site;
        this.deposits = deposits;
    }

    /** Payments: /addfunds for customers, /payments/{code}/webhook for each gateway (/payments/stripe/webhook…). */
    public Routes routes(Routes routes) {
        return routes.get("/addfunds", this::show).post("/addfunds", this::add)
                .post("/payments/{code}/webhook", this::webhook);
    }

    /**
     * The page: enabled methods, the form, the customer's recent deposits; {@code shown} is the one just returned to,
     * {@code error} why the form was refused, in the reader's words.
     */
    public record AddFundsView(List<MethodSettings> methods, List<Deposit> recent, Deposit shown, String error, String method, String amount) {}

    /**
     * Why a deposit is where it is, in the reader's words: the panel's own reasons are message keys
     * ("payment.ended.expired"), staff's are the text they wrote; "" when there is none.
     */
    public static String reason(Page p, Deposit d) {
        String why = d.decision() == null ? "" : d.decision();
        return why.startsWith("payment.") ? p.t(why) : why;
    }

    public Response show(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/addfunds");
        Deposit shown = null;
        String id = Site.query(request).get("deposit");
        if (id != null && id.matches("\\d{1,18}")) shown = deposits.of(v.customer().id(), Long.parseLong(id)).orElse(null);
        return page(v, 200, shown, null, "", "");
    }

    public Response add(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/addfunds");
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String method = form.get("method") == null ? "" : form.get("method");
        String amountText = form.get("amount") == null ? "" : form.get("amount").strip();
        Money amount;
        try {
            amount = Money.parse(amountText);
        } catch (NumberFormatException | ArithmeticException e) {
            return page(v, 422, null, site.words(v).get("payment.amount_invalid"), method, amountText);
        }
        var who = new Actor.Customer(v.customer().id());
        try {
            if (deposits.method(method).filter(Method::manual).isPresent()) {
                Deposit d = deposits.declare(who, method, amount, form.get("reference"), form.get("note"));
                return site.redirect(v, "/addfunds?deposit=" + d.id());
            }
            String host = request.header("Host");
            String base = (v.secure() ? "https://" : "http://") + (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? "localhost" : host);
            var checkout = deposits.start(who, method, amount, base);
            // the gateway's page: a URL the server got from the gateway, never one the browser sent
            return Response.of(303, "text/plain; charset=utf-8", "").with("Location", checkout.url());
        } catch (Refused r) {
            return page(v, 422, null, site.words(v).get(r.key().orElse("payment.refused"), r.args().toArray()), method, amountText);
        } catch (Method.GatewayFailure f) {
            return page(v, 502, null, site.words(v).get("payment.gateway_failed"), method, amountText);
        }
    }

    private Response page(Site.Visit v, int status, Deposit shown, String error, String method, String amount) {
        var offered = deposits.offered();
        byte[] body = site.render("addfunds.jte", site.pageOf(v, "title.addfunds"),
                new AddFundsView(offered.methods(), deposits.of(v.customer().id(), 20), shown, error, method, amount));
        // the form's answer redirects to the gateway's page: browsers check that target against form-action too
        String formAction = String.join(" ", offered.payOrigins());
        return Response.of(status, Site.HTML, body).with("Content-Security-Policy", CSP.replace("form-action 'self'", "form-action 'self' " + formAction))
                .with("X-Frame-Options", "DENY").with("Referrer-Policy", "same-origin");
    }

    /**
     * A gateway's callback: 200 once handled (credited now or before, held, or an event we do not use), 400 when its
     * signature, payment, amount or currency do not check out, 503 when a check with the gateway failed (it sends again).
     */
    public Response webhook(Request request) {
        try {
            var outcome = deposits.webhook(request.param("code"), request.text(), request::header);
            return Response.json(200, "{\"received\":true,\"outcome\":\"" + outcome.name().toLowerCase(Locale.ROOT) + "\"}");
        } catch (Method.Forged f) {
            return Response.json(400, "{\"error\":\"refused\"}");
        } catch (Method.GatewayFailure f) {
            return Response.json(503, "{\"error\":\"status check failed, send again\"}");
        }
    }
}
