package org.opensmm.web;

import org.opensmm.account.Links;
import org.opensmm.account.Passwords;
import org.opensmm.account.Passwords.SignIn;
import org.opensmm.account.Passwords.SignUp;
import org.opensmm.account.Profiles;
import org.opensmm.account.TwoFactor;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.Locale;

/** /signup, /login, /logout: thin over {@link Passwords}; a session is renewed at every sign-in. */
public final class AccountPages {
    private final Site site;
    private final Passwords passwords;
    private final TwoFactor twoFactor;
    private final Links links;
    private final Profiles profiles;
    /** Wrong second-step codes one half-signed-in session may send before it is ended (and the password asked again). */
    static final int SECOND_STEP_TRIES = 5;

    public AccountPages(Site site, Passwords passwords, TwoFactor twoFactor, Links links, Profiles profiles) {
        this.site = site;
        this.passwords = passwords;
        this.twoFactor = twoFactor;
        this.links = links;
        this.profiles = profiles;
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
            case SignIn.SignedIn in when twoFactor.enabled(in.customer()) -> secondStep(v, in.customer(), next);
            case SignIn.SignedIn in -> signedIn(v, in.customer(), next);
            case SignIn.Failed f -> site.page(v, f == SignIn.Failed.THROTTLED ? 429 : 200, "login.jte", "title.login",
                    new FormView(form, site.words(v).get("signin." + f.name().toLowerCase(Locale.ROOT)), next));
        };
    }

    public Response signupForm(Request request) {
        var v = site.withSession(site.visit(request));
        if (v.signedIn()) return site.redirect(v, "/");
        if (!site.settings.current().signupOpen()) return closed(v);
        return site.page(v, 200, "signup.jte", "title.signup", new FormView(Fields.NONE, null, "/"));
    }

    public Response signup(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        if (!site.settings.current().signupOpen()) return closed(v);
        return switch (passwords.signUp(form.get("username"), form.get("email"), form.get("password"))) {
            case SignUp.Created c -> {
                // the language the sign-up page was read in (the browser's), not English on the next page
                if (!v.preferences().equals(Profiles.Preferences.DEFAULT)) profiles.setLanguage(c.customer(), v.preferences().locale().toLanguageTag());
                links.sendVerification(c.customer());
                yield signedIn(v, c.customer(), "/");
            }
            case SignUp.Refused r -> site.page(v, 200, "signup.jte", "title.signup",
                    new FormView(form, site.words(v).get("signup." + r.reason().name().toLowerCase(Locale.ROOT)), "/"));
        };
    }

    /** The operator closed sign-up (/admin/settings): no new accounts, whoever asks. */
    private Response closed(Site.Visit v) {
        return site.page(v, 403, "notice.jte", "title.signup", new ProfilePages.NoticeView("signup.closed", "signup.closed.text"));
    }

    public Response logout(Request request) {
        var v = site.visit(request);
        Response forged = site.forged(v, Site.form(request));
        if (forged != null) return forged;
        site.sessions.end(v.session().idHash());
        return Response.of(303, "text/plain; charset=utf-8", "").with("Location", "/").with("Set-Cookie", site.clearCookie(v.secure()));
    }

    /** What the second sign-in step shows: why the last code was refused (null at first), and where to go after. */
    public record CodeView(String error, String next) {}

    /** Password right, two-factor on: a new half-way session, and the page asking for the code. */
    private Response secondStep(Site.Visit v, long customer, String next) {
        if (v.session() != null) site.sessions.end(v.session().idHash());
        var started = site.sessions.startPending(customer);
        String then = java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
        return site.redirect(new Site.Visit(v.request(), started.session(), null, started, v.secure()), "/login/code?next=" + then);
    }

    /** GET /login/code: the second step; without a half-way session, back to the password. */
    public Response codeForm(Request request) {
        var v = site.visit(request);
        String next = Site.ownPath(Site.query(request).get("next"));
        if (v.session() == null || v.session().pending() == null) return site.redirect(v, "/login");
        return site.page(v, 200, "logincode.jte", "title.login_code", new CodeView(null, next));
    }

    /** POST /login/code: a TOTP or recovery code; a few wrong ones end the half-way session. */
    public Response code(Request request) {
        var v = site.visit(request);
        Fields form = Site.form(request);
        Response forged = site.forged(v, form);
        if (forged != null) return forged;
        String next = Site.ownPath(form.get("next"));
        Long pending = v.session().pending();
        if (pending == null) return site.redirect(v, "/login");
        if (twoFactor.check(pending, form.get("code"))) return signedIn(v, pending, next);
        if (site.sessions.secondStepFailed(v.session().idHash()) >= SECOND_STEP_TRIES) {
            site.sessions.end(v.session().idHash());
            var fresh = site.withSession(new Site.Visit(v.request(), null, null, null, v.secure()));
            return site.page(fresh, 429, "login.jte", "title.login", new FormView(Fields.NONE, site.words(v).get("signin.code_throttled"), next));
        }
        return site.page(v, 200, "logincode.jte", "title.login_code", new CodeView(site.words(v).get("signin.code_wrong"), next));
    }

    /** A new session for the customer, the old one (with its CSRF token) ended: fixation gets nothing. */
    private Response signedIn(Site.Visit v, long customer, String next) {
        if (v.session() != null) site.sessions.end(v.session().idHash());
        var started = site.sessions.start(customer);
        return site.redirect(new Site.Visit(v.request(), started.session(), null, started, v.secure()), next);
    }
}
