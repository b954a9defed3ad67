package org.opensmm.web;

import org.opensmm.http.Front;
import org.opensmm.http.Response;

import java.util.Set;

/** The website's words for what the transport and route table answer on its paths: pages, not JSON. */
final class HtmlFront implements Front {
    private final Site site;

    HtmlFront(Site site) { this.site = site; }

    private Response page(int status, String key) {
        // no session lookup here: these replies come from the transport, some before any request is readable
        return Site.html(status, site.render("error.jte", site.pageOf(null, key), new Site.ErrorView(status, key)));
    }

    @Override public Response malformed() { return page(400, "error.bad_request"); }
    @Override public Response tooLarge() { return page(413, "error.too_large"); }
    @Override public Response busy() { return page(503, "error.busy").with("Retry-After", "1"); }
    @Override public Response notFound() { return page(404, "error.not_found"); }
    @Override public Response notAllowed(Set<String> allowed) { return page(405, "error.not_allowed").with("Allow", String.join(", ", allowed)); }
    @Override public Response failed(long requestId) { return page(500, "error.failed"); }
}
