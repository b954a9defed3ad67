package org.opensmm.web;

import org.opensmm.account.Accounts;
import org.opensmm.account.Actor;
import org.opensmm.api.ApiDocs;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * /api: how to call API v2, and the customer's key: generated here, shown once, only its hash kept. The documentation
 * is read from the code that serves API v2: its actions and example replies (ApiDocs, which runs ApiV2's reply
 * writers), each service type's add fields (the order form's, which are Placement's), drip-feed, and every error text.
 */
public final class ApiPage {
    private final Site site;
    private final Accounts accounts;
    private final List<TypeDoc> types = types();

    public ApiPage(Site site, Accounts accounts) {
        this.site = site;
        this.accounts = accounts;
    }

    /** The examples in the currency the operator set last (/admin/settings). */
    private Docs docs() { return new Docs(ApiDocs.actions(site.settings.current().currency()), types, ApiDocs.errors()); }

    /** The endpoint to call, the new key when one was just made (else null: a key is never shown again), the documentation. */
    public record ApiView(String endpoint, String key, Docs docs) {}

    /** One service type's add fields besides key, action and service; drip-feed adds runs and interval. */
    public record TypeDoc(String type, List<OrderForm.Field> fields, boolean dripFeed) {}

    public record Docs(List<ApiDocs.Action> actions, List<TypeDoc> types, List<String> errors) {}

    private static List<TypeDoc> types() {
        var types = new ArrayList<TypeDoc>();
        for (ServiceType t : ServiceType.values()) {
            var sample = new Service(0, t.wire(), t, "API", Rate.parse("1"), 1, 1, false, false, t == ServiceType.DEFAULT, 0, 0, Set.of(), true, "");
            types.add(new TypeDoc(t.wire(), OrderForm.of(sample), sample.dripFeed()));
        }
        return List.copyOf(types);
    }

    public Response show(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/api");
        return site.page(v, 200, "api.jte", "title.api", new ApiView(endpoint(request), null, docs()));
    }

    /** POST /api: a new key; the old one stops working at once. */
    public Response regenerate(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/api");
        Response forged = site.forged(v, Site.form(request));
        if (forged != null) return forged;
        var key = accounts.regenerateKey(new Actor.Customer(v.customer().id()), v.customer().id());
        return site.page(v, 200, "api.jte", "title.api", new ApiView(endpoint(request), key.value(), docs()));
    }

    private static String endpoint(Request request) {
        String host = request.header("Host");
        return (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? "" : "http://" + host) + "/api/v2";
    }
}
