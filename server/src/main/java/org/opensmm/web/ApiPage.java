package org.opensmm.web;

import org.opensmm.account.Accounts;
import org.opensmm.account.Actor;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

/** /api: how to call API v2, and the customer's key: generated here, shown once, only its hash kept. */
public final class ApiPage {
    private final Site site;
    private final Accounts accounts;

    public ApiPage(Site site, Accounts accounts) {
        this.site = site;
        this.accounts = accounts;
    }

    /** The endpoint to call, and the new key when one was just made (else null: a key is never shown again). */
    public record ApiView(String endpoint, String key) {}

    public Response show(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/api");
        return site.page(v, 200, "api.jte", "title.api", new ApiView(endpoint(request), null));
    }

    /** POST /api: a new key; the old one stops working at once. */
    public Response regenerate(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/api");
        Response forged = site.forged(v, Site.form(request));
        if (forged != null) return forged;
        var key = accounts.regenerateKey(new Actor.Customer(v.customer().id()), v.customer().id());
        return site.page(v, 200, "api.jte", "title.api", new ApiView(endpoint(request), key.value()));
    }

    private static String endpoint(Request request) {
        String host = request.header("Host");
        return (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? "" : "http://" + host) + "/api/v2";
    }
}
