package org.opensmm.admin;

import org.opensmm.account.Actor;
import org.opensmm.account.Profiles.Preferences;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.Staff;
import org.opensmm.core.Reason;
import org.opensmm.core.Refusal;
import org.opensmm.db.Database;
import org.opensmm.http.Handler;
import org.opensmm.http.Request;
import org.opensmm.http.Response;
import org.opensmm.web.Fields;
import org.opensmm.web.Page;
import org.opensmm.web.Sessions;
import org.opensmm.web.Site;
import org.opensmm.web.Words;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What every /admin page shares: who is asking (staff session cookie → {@link Visit}), the guard that asks the member's
 * role and a form's CSRF token before anything is done ({@link #staffOnly}), and rendering, redirects and refusals
 * through the website's {@link Site}. One per panel, handed to each admin page class.
 */
public final class Desk {
    private final Site site;
    final StaffSessions sessions;
    final Staff staff;

    public Desk(Site site, Database db, Clock clock, Duration idle, Staff staff) {
        this.site = site;
        this.sessions = new StaffSessions(db, clock, idle);
        this.staff = staff;
    }

    Site site() { return site; }

    /** One request to /admin: its staff session (null if none), the member signed in (null if none), a session just started. */
    public record Visit(Request request, StaffSessions.Session session, Staff.Member me, StaffSessions.Started started, boolean secure) {
        Actor actor() { return new Actor.Staff(me.id()); }

        String name() { return me == null ? null : me.username(); }

        boolean may(Permission p) { return me != null && me.role().may(p); }

        /** How the member reads: the panel's defaults, times in their own zone (UTC before sign-in). */
        Preferences preferences() {
            return me == null ? Preferences.DEFAULT : new Preferences(me.zone(), Preferences.DEFAULT.locale());
        }

        /** A moment as every admin page shows it: in the member's time zone, the zone named, as the website shows its times. */
        String when(long millis) { return Page.time(millis, preferences().zone(), preferences().locale()); }
    }

    interface StaffPage { Response handle(Visit v) throws Exception; }

    /** The refusal page: {@code key} and {@code key.text} from the bundle. */
    public record Refused(String me, int status, String key) {}

    Visit visit(Request request) {
        boolean secure = site.visit(request).secure();
        var session = sessions.find(StaffSessions.cookie(request.header("Cookie"))).orElse(null);
        Staff.Member me = session == null || session.staff() == null || session.needsCode() ? null
                : staff.find(session.staff()).filter(Staff.Member::enabled).orElse(null);
        return new Visit(request, session, me, null, secure);
    }

    /**
     * Signed-in staff whose role may {@code p}, and for a form its session's CSRF token: else the sign-in page (a page
     * view) or 403, and nothing is done.
     */
    Handler staffOnly(Permission p, StaffPage page) {
        return request -> {
            Visit v = visit(request);
            boolean post = "POST".equals(request.method());
            if (v.me() == null) {
                if (post) return error(v, 403, "admin.error.signed_out");
                String target = request.path() + (request.query() == null ? "" : "?" + request.query());
                return redirect(v, "/admin/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            }
            if (!v.me().role().may(p)) return error(v, 403, "admin.error.forbidden");
            if (post && !csrfMatches(v, Site.form(request))) return error(v, 403, "error.forbidden");
            try {
                return page.handle(v);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static boolean csrfMatches(Visit v, Fields form) {
        if (v.session() == null) return false;
        return new Sessions.Session(v.session().idHash(), null, v.session().csrf()).csrfMatches(form.get("csrf"));
    }

    private Site.Visit asSite(Visit v) {
        var s = v.session() == null ? null : new Sessions.Session(v.session().idHash(), null, v.session().csrf());
        return new Site.Visit(v.request(), s, null, null, v.secure(), v.preferences());
    }

    Response page(Visit v, int status, String template, String titleKey, Object model) {
        return withCookie(v, site.page(asSite(v), status, "admin/" + template, titleKey, model));
    }

    /** A redirect within /admin (anything else goes to /admin). */
    Response redirect(Visit v, String path) {
        String own = Site.ownPath(path);
        return withCookie(v, site.redirect(asSite(v), own.startsWith("/admin") ? own : "/admin"));
    }

    /**
     * A use case's refusal in the admin pages' words, the one way every admin page words one: a feature's
     * {@link org.opensmm.account.Refused} by its bundle key and arguments, a domain
     * {@link Refusal} as the website words its reason; else (no key, or a fault's) its own message.
     */
    String words(RuntimeException e) {
        var messages = site.messages();
        return switch (e) {
            case org.opensmm.account.Refused r -> key(r).map(k -> messages.get(k, r.args().toArray())).orElse(r.getMessage());
            case Refusal r -> Words.of(messages, r.reason());
            default -> String.valueOf(e.getMessage());
        };
    }

    /** The refusal's bundle key, for a page that passes it on through a redirect; empty when it has none. */
    Optional<String> key(RuntimeException e) {
        var messages = site.messages();
        return switch (e) {
            case org.opensmm.account.Refused r -> r.key().filter(messages::has);
            case Refusal r when r.reason() instanceof Reason.Fixed f -> Optional.of(Words.key(f));
            default -> Optional.empty();
        };
    }

    /**
     * The words of a refusal's key passed on through a redirect, or of a reason the panel stored as a key (a deposit's
     * "payment.paid_after_end"); null for none, or for anything else put in the address or written by staff.
     */
    String refusal(String key) {
        return key != null && key.matches("(refused|refusal|payment)\\.[a-z_]+") && site.messages().has(key) ? site.messages().get(key) : null;
    }

    Response error(Visit v, int status, String key) {
        return page(v, status, "error.jte", key, new Refused(v.name(), status, key));
    }

    private Response withCookie(Visit v, Response r) {
        return v.started() == null ? r : r.with("Set-Cookie", StaffSessions.setCookie(v.started().token(), v.secure()));
    }
}
