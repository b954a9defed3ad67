package org.opensmm.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import org.opensmm.account.Accounts;
import org.opensmm.account.Customer;
import org.opensmm.account.Profiles.Preferences;
import org.opensmm.account.Profiles;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.ledger.Money;
import org.opensmm.settings.PanelSettings;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every page handler shares: who is asking (session cookie → {@link Visit}), rendering a template inside the
 * layout, CSRF checks, redirects to our own paths only. Admin pages reuse it with their own templates.
 */
public final class Site {
    public static final String HTML = "text/html; charset=utf-8";
    static final String COOKIE = "opensmm_session";
    /** Scripts and styles from this origin only, no inline script, no framing: an injected tag could do nothing. */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** A path of ours: one leading slash (not "//" nor "/\", which browsers read as another host), plain characters. */
    private static final Pattern OWN_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.~?=&%+-]*");

    final Accounts accounts;
    final Sessions sessions;
    final Messages messages;
    /** Panel name and currency as the operator last set them (/admin/settings), read for every page. */
    final PanelSettings settings;
    private final Set<String> trustedProxies;
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public Site(Accounts accounts, Sessions sessions, Messages messages, PanelSettings settings,
                Set<String> trustedProxies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.messages = messages;
        this.settings = settings;
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** The words of the pages, for a front that words something outside a template (the admin pages' refusals). */
    public Messages messages() { return messages; }

    /**
     * One request as the pages see it: its session (null if none), the signed-in customer (null if signed out), a
     * session started for it (its cookie is to be sent with the reply), whether it came over TLS, and the customer's
     * time zone and language (the panel's defaults while signed out).
     */
    public record Visit(Request request, Sessions.Session session, Customer customer, Sessions.Started started, boolean secure,
                        Preferences preferences) {
        public Visit(Request request, Sessions.Session session, Customer customer, Sessions.Started started, boolean secure) {
            this(request, session, customer, started, secure, Preferences.DEFAULT);
        }

        public boolean signedIn() { return customer != null; }

        public String csrf() { return session == null ? "" : session.csrf(); }
    }

    public Visit visit(Request request) {
        boolean secure = fromProxy(request) && "https".equalsIgnoreCase(strip(request.header("X-Forwarded-Proto")));
        var seen = sessions.seen(cookie(request.header("Cookie"))).orElse(null);
        var session = seen == null ? null : seen.session();
        var visitor = seen == null || seen.visitor() == null || !seen.visitor().customer().enabled() ? null : seen.visitor();
        return visitor == null ? new Visit(request, session, null, null, secure, signedOut(request.header("Accept-Language"), settings.current().language()))
                : new Visit(request, session, visitor.customer(), null, secure, visitor.preferences());
    }

    /**
     * Signed out: UTC, and the browser's first choice among the languages shipped, else the panel's language
     * (/admin/settings).
     */
    static Preferences signedOut(String acceptLanguage, String panelLanguage) {
        String tag = null;
        try {
            if (acceptLanguage != null && !acceptLanguage.isBlank())
                tag = java.util.Locale.lookupTag(java.util.Locale.LanguageRange.parse(acceptLanguage), Profiles.LANGUAGES);
        } catch (IllegalArgumentException e) { // a malformed header: as if none
            tag = null;
        }
        if (tag == null) tag = Profiles.LANGUAGES.contains(panelLanguage) ? panelLanguage : "en";
        return tag.equals("en") ? Preferences.DEFAULT : new Preferences(Preferences.DEFAULT.zone(), java.util.Locale.forLanguageTag(tag));
    }

    /** The visit with a session: its own, else a new signed-out one (for a sign-in form's CSRF token). */
    public Visit withSession(Visit v) {
        if (v.session() != null) return v;
        var started = sessions.start(null);
        return new Visit(v.request(), started.session(), null, started, v.secure(), v.preferences());
    }

    /** The client's address: the peer, or the last X-Forwarded-For entry when the peer is a trusted proxy. */
    public String client(Request request) {
        String peer = request.remote().getAddress().getHostAddress();
        String forwarded = request.header("X-Forwarded-For");
        if (forwarded == null || !fromProxy(request)) return peer;
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].strip();
    }

    private boolean fromProxy(Request request) {
        return !trustedProxies.isEmpty() && trustedProxies.contains(request.remote().getAddress().getHostAddress());
    }

    private static String strip(String s) { return s == null ? "" : s.strip(); }

    static String cookie(String header) { return cookie(header, COOKIE); }

    /** The value of cookie {@code name} in a Cookie header, or null. */
    public static String cookie(String header, String name) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        }
        return null;
    }

    /** The Set-Cookie value for a session token: HttpOnly, SameSite=Lax, Secure over TLS; no Max-Age (ends with the browser). */
    String setCookie(String token, boolean secure) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    String clearCookie(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** The form's fields, or none when the body is not a urlencoded form. */
    public static Fields form(Request request) {
        String type = request.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) return Fields.NONE;
        return Fields.decode(request.text());
    }

    public static Fields query(Request request) { return Fields.decode(request.query()); }

    /** Null when the form carries this session's CSRF token; else the 403 page (and the handler does nothing). */
    public Response forged(Visit v, Fields form) {
        if (v.session() != null && v.session().csrfMatches(form.get("csrf"))) return null;
        return error(v, 403, "error.forbidden");
    }

    /** {@code next} when it is one of our own paths, else "/": a link can never send a person elsewhere through us. */
    public static String ownPath(String next) {
        return next != null && OWN_PATH.matcher(next).matches() ? next : "/";
    }

    /** 303 to one of our own paths (see {@link #ownPath}). */
    public Response redirect(Visit v, String path) {
        return withCookie(v, Response.of(303, "text/plain; charset=utf-8", "").with("Location", ownPath(path)));
    }

    /** A whole page: {@code template} gets {@code p} (the layout's {@link Page}) and {@code model} as {@code v}. */
    public Response page(Visit v, int status, String template, String titleKey, Object model) {
        return withCookie(v, html(status, render(template, pageOf(v, titleKey), model)));
    }

    /** A piece of a page (no layout), for the few updates made in place. */
    public Response fragment(Visit v, String template, Object model) {
        return html(200, render(template, pageOf(v, "title.home"), model));
    }

    public Response error(Visit v, int status, String key) {
        return page(v, status, "error.jte", key, new ErrorView(status, key));
    }

    public record ErrorView(int status, String key) {}

    /** The words in the visitor's language (English for a key it lacks). */
    Messages words(Visit v) { return v == null ? messages : Messages.of(v.preferences().locale()); }

    /** A GET changes nothing, so the balance read with the visit is current; a form post may just have spent some. */
    private Money balance(Visit v) {
        return "GET".equals(v.request().method()) ? v.customer().balance() : accounts.balance(v.customer().id());
    }

    Page pageOf(Visit v, String titleKey) {
        Customer c = v == null ? null : v.customer();
        String path = v == null ? "" : v.request().path();
        Messages words = words(v);
        PanelSettings.Values now = settings.current();
        return new Page(words, now.panelName(), words.get(titleKey), c == null ? null : c.name(),
                c == null ? null : words.amount(balance(v)), now.currency(), v == null ? "" : v.csrf(), path,
                (v == null ? Preferences.DEFAULT : v.preferences()).zone());
    }

    /** The page as UTF-8: static parts are bytes encoded at build time, only the values are encoded per request. */
    byte[] render(String template, Page page, Object model) {
        var out = new Utf8ByteOutput();
        Map<String, Object> params = new HashMap<>();
        params.put("p", page);
        if (model != null) params.put("v", model);
        engine.render(template, params, out);
        return out.toByteArray();
    }

    static Response html(int status, byte[] body) {
        return Response.of(status, HTML, body).with("Content-Security-Policy", CSP).with("X-Frame-Options", "DENY")
                .with("Referrer-Policy", "same-origin");
    }

    private Response withCookie(Visit v, Response r) {
        return v != null && v.started() != null ? r.with("Set-Cookie", setCookie(v.started().token(), v.secure())) : r;
    }
}
