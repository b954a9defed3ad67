package org.opensmm.web;

import org.opensmm.account.Links;
import org.opensmm.account.Profiles;
import org.opensmm.account.TwoFactor;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.List;
import java.util.Locale;

/**
 * /account (email, password, two-factor, time zone, language), /verify-email and /reset-password: thin over
 * {@link Profiles}, {@link TwoFactor} and {@link Links}.
 */
public final class ProfilePages {
    private final Site site;
    private final Profiles profiles;
    private final TwoFactor twoFactor;
    private final Links links;

    public ProfilePages(Site site, Profiles profiles, TwoFactor twoFactor, Links links) {
        this.site = site;
        this.profiles = profiles;
        this.twoFactor = twoFactor;
        this.links = links;
    }

    /**
     * The account page: the profile, a notice or error from the last form, the secret being set up (null if none), and
     * the recovery codes just made (shown this once; empty otherwise).
     */
    public record AccountView(Profiles.Profile profile, String notice, String error, TwoFactor.Offer offer, List<String> recovery,
                              long recoveryLeft, List<String> languages, boolean mails) {}

    public record NoticeView(String heading, String text) {}

    /** The reset pages: the link's token (null on the request form), what went wrong, and whether a mail was asked for. */
    public record ResetView(String token, String error, boolean asked, boolean mails) {}

    public Response show(Request request) {
        var v = site.visit(request);
        if (!v.signedIn()) return site.redirect(v, "/login?next=/account");
        String done = Site.query(request).get("done");
        String notice = done != null && done.matches("[a-z_]{1,30}") ? site.words(v).get("account.done." + done) : null;
        return view(v, 200, notice, null, List.of());
    }

    private Response view(Site.Visit v, int status, String notice, String error, List<String> recovery) {
        long id = v.customer().id();
        var view = new AccountView(profiles.find(id).orElseThrow(), notice, error, twoFactor.pending(id).orElse(null), recovery,
                twoFactor.recoveryLeft(id), Profiles.LANGUAGES, links.mails());
        return site.page(v, status, "account.jte", "title.account", view);
    }

    /** Every /account form: signed in, CSRF checked; then {@code action} with the form. */
    private Response change(Request request, java.util.function.BiFunction<Site.Visit, Fields, Response> action) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        if (!v.signedIn()) return site.redirect(v, "/login?next=/account");
        return action.apply(v, form);
    }

    private Response refusedOrDone(Site.Visit v, java.util.Optional<Profiles.Refusal> refusal, String done) {
        return refusal.map(r -> view(v, 200, null, site.words(v).get("account.refused." + r.name().toLowerCase(Locale.ROOT)), List.of()))
                .orElseGet(() -> site.redirect(v, "/account?done=" + done));
    }

    public Response email(Request request) {
        return change(request, (v, f) -> refusedOrDone(v, profiles.changeEmail(v.customer().id(), f.get("password"), f.get("email")), "email"));
    }

    public Response password(Request request) {
        return change(request, (v, f) -> refusedOrDone(v, profiles.changePassword(v.customer().id(), f.get("current"), f.get("password")), "password"));
    }

    public Response preferences(Request request) {
        return change(request, (v, f) -> refusedOrDone(v, profiles.setPreferences(v.customer().id(), f.get("timezone"), f.get("language")), "preferences"));
    }

    public Response resendVerification(Request request) {
        return change(request, (v, f) -> {
            links.sendVerification(v.customer().id());
            return site.redirect(v, "/account?done=verification_sent");
        });
    }

    public Response twoFactorStart(Request request) {
        return change(request, (v, f) -> {
            if (!twoFactor.enabled(v.customer().id())) twoFactor.offer(v.customer().id());
            return site.redirect(v, "/account");
        });
    }

    public Response twoFactorConfirm(Request request) {
        return change(request, (v, f) -> twoFactor.confirm(v.customer().id(), f.get("code"))
                .map(codes -> view(v, 200, site.words(v).get("account.done.two_factor_on"), null, codes))
                .orElseGet(() -> view(v, 200, null, site.words(v).get("account.refused.code_wrong"), List.of())));
    }

    public Response twoFactorOff(Request request) {
        return change(request, (v, f) -> twoFactor.disable(v.customer().id(), f.get("password"))
                ? site.redirect(v, "/account?done=two_factor_off")
                : view(v, 200, null, site.words(v).get("account.refused.wrong_password"), List.of()));
    }

    /** GET /verify-email?token=…: the link from the mail. Works once; signed in or not. */
    public Response verify(Request request) {
        var v = site.visit(request);
        boolean ok = links.verify(Site.query(request).get("token")).isPresent();
        return site.page(v, ok ? 200 : 404, "notice.jte", ok ? "title.verified" : "title.link_invalid",
                new NoticeView(ok ? "verify.done" : "link.invalid", ok ? "verify.done.text" : "link.invalid.text"));
    }

    /** GET /reset-password: the form asking for the account's email address. */
    public Response resetForm(Request request) {
        var v = site.withSession(site.visit(request));
        return site.page(v, 200, "reset.jte", "title.reset", new ResetView(null, null, false, links.mails()));
    }

    /** POST /reset-password: mails a link if the address is a customer's; the answer is the same either way. */
    public Response requestReset(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        links.requestReset(form.get("email"));
        return site.page(v, 200, "reset.jte", "title.reset", new ResetView(null, null, true, links.mails()));
    }

    /** GET /reset-password/new?token=…: the new-password form, while the link is live. */
    public Response newPasswordForm(Request request) {
        var v = site.withSession(site.visit(request));
        String token = Site.query(request).get("token");
        if (!links.resetLive(token)) {
            return site.page(v, 404, "notice.jte", "title.link_invalid", new NoticeView("link.invalid", "link.invalid.text"));
        }
        return site.page(v, 200, "reset.jte", "title.reset", new ResetView(token, null, false, links.mails()));
    }

    /** POST /reset-password/new: sets the password once; then the person signs in with it. */
    public Response newPassword(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String token = form.get("token");
        return links.reset(token, form.get("password"))
                .map(r -> r == Links.ResetRefusal.LINK_INVALID
                        ? site.page(v, 404, "notice.jte", "title.link_invalid", new NoticeView("link.invalid", "link.invalid.text"))
                        : site.page(v, 200, "reset.jte", "title.reset",
                        new ResetView(token, site.words(v).get("signup." + r.name().toLowerCase(Locale.ROOT)), false, links.mails())))
                .orElseGet(() -> site.page(v, 200, "notice.jte", "title.reset", new NoticeView("reset.done", "reset.done.text")));
    }

    /**
     * Wraps an ordering handler: with verification required (asked per request: the operator may turn it on or off in
     * /admin/settings), an unverified customer gets a page saying so instead.
     */
    public org.opensmm.http.Handler verifiedOnly(org.opensmm.http.Handler h) {
        return request -> {
            if (!site.settings.current().requireVerified()) return h.handle(request);
            var v = site.visit(request);
            if (v.signedIn() && !profiles.find(v.customer().id()).map(Profiles.Profile::verified).orElse(false)) {
                return site.page(v, 403, "notice.jte", "title.verify_first", new NoticeView("verify.first", "verify.first.text"));
            }
            return h.handle(request);
        };
    }
}
