package org.opensmm.web;

import org.opensmm.account.Passwords;
import org.opensmm.account.Passwords.SignIn;
import org.opensmm.account.Passwords.SignUp;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.Locale;

/** /signup, /login, /logout: thin over {@link Passwords}; a session is renewed at every sign-in. */
public final class AccountPages {
    private final Site site;
    private final Passwords passwords;

    public AccountPages(Site site, Passwords passwords) {
        this.site = site;
        this.passwords = passwords;
    }

    /** What the sign-in and sign-up forms show again after a refusal: the fields typed (never the password) and why. */
    public record FormView(Fields fields, String error, String next) {}

    public Response loginForm(Request request) {
        var v = site.withSession(site.visit(request));
        String next = Site.ownPath(Site.query(request).get("next"));
        if (v.signedIn()) return site.redirect(v, next);
        return site.page(v, 200, "login.jte", "title.login", new FormView(Fields.NONE, null, next));
    }

    public Response login(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String next = Site.ownPath(form.get("next"));
        return switch (passwords.signIn(form.get("username"), form.get("password"), site.client(request))) {
            case SignIn.SignedIn in -> signedIn(v, in.customer(), next);
            case SignIn.Failed f -> site.page(v, f == SignIn.Failed.THROTTLED ? 429 : 200, "login.jte", "title.login",
                    new FormView(form, site.messages.get("signin." + f.name().toLowerCase(Locale.ROOT)), next));
        };
    }

    public Response signupForm(Request request) {
        var v = site.withSession(site.visit(request));
        if (v.signedIn()) return site.redirect(v, "/");
        return site.page(v, 200, "signup.jte", "title.signup", new FormView(Fields.NONE, null, "/"));
    }

    public Response signup(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        return switch (passwords.signUp(form.get("username"), form.get("email"), form.get("password"))) {
            case SignUp.Created c -> signedIn(v, c.customer(), "/");
            case SignUp.Refused r -> site.page(v, 200, "signup.jte", "title.signup",
                    new FormView(form, site.messages.get("signup." + r.reason().name().toLowerCase(Locale.ROOT)), "/"));
        };
    }

    public Response logout(Request request) {
        var v = site.visit(request);
        Response forged = site.forged(v, Site.form(request));
        if (forged != null) return forged;
        site.sessions.end(v.session().idHash());
        return Response.of(303, "text/plain; charset=utf-8", "").with("Location", "/").with("Set-Cookie", site.clearCookie(v.secure()));
    }

    /** A new session for the customer, the old one (with its CSRF token) ended: fixation gets nothing. */
    private Response signedIn(Site.Visit v, long customer, String next) {
        if (v.session() != null) site.sessions.end(v.session().idHash());
        var started = site.sessions.start(customer);
        return site.redirect(new Site.Visit(v.request(), started.session(), null, started, v.secure()), next);
    }
}
