package org.opensmm.admin;

import org.opensmm.account.Refused;
import org.opensmm.account.Role;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.Staff;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.http.Handler;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.util.Arrays;
import java.util.List;

/**
 * The staff pages (/admin/staff), the owner's alone (the staff permission): members and their roles, enable and
 * disable, reset a lost second factor, and Admin API keys (made here and shown once, only their hash kept; revoked).
 * Every change goes through {@link Staff} as this member, so it lands in the audit log; the last enabled owner stays one.
 */
public final class StaffPages {
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wire).toList();

    private final Desk desk;
    private final Staff staff;

    public StaffPages(Desk desk) {
        this.desk = desk;
        this.staff = desk.staff;
    }

    /** The staff pages' lines of the route table: every one needs the staff permission. */
    public Routes routes(Routes routes) {
        return routes.get("/admin/staff", owner(this::list))
                .post("/admin/staff", owner(this::add))
                .post("/admin/staff/{id}/role", owner(this::role))
                .post("/admin/staff/{id}/enabled", owner(this::enabled))
                .post("/admin/staff/{id}/2fa-reset", owner(this::resetTwoFactor))
                .post("/admin/staff/{id}/keys", owner(this::newKey))
                .post("/admin/staff/keys/{id}/revoke", owner(this::revoke));
    }

    public record MemberRow(Staff.Member member, boolean twoFactor, List<KeyRow> keys) {}

    public record KeyRow(long id, String created, String revoked) {}

    /** {@code issued}: a key just made, shown on this page only; {@code errorAt}: the member whose form failed (0: the add form). */
    public record StaffView(String me, List<MemberRow> members, List<String> roles, String done, Long errorAt, String error,
                            Fields form, Staff.Issued issued) {}

    Response list(Visit v) { return page(v, 200, Site.query(v.request()).get("done"), null, null, Fields.NONE, null); }

    private Response page(Visit v, int status, String done, Long errorAt, String error, Fields form, Staff.Issued issued) {
        var rows = staff.list().stream().map(m -> new MemberRow(m, staff.hasTwoFactor(m.id()), staff.keys(m.username()).stream()
                .map(k -> new KeyRow(k.id(), v.when(k.createdAt()), k.revokedAt() == null ? null : v.when(k.revokedAt())))
                .toList())).toList();
        return desk.page(v, status, "staff.jte", "admin.title.staff", new StaffView(v.name(), rows, ROLES, done, errorAt, error, form, issued));
    }

    Response add(Visit v) {
        Fields form = Site.form(v.request());
        try {
            // never null: an empty password is refused, not replaced by a random one as on the command line
            staff.add(v.actor(), form.get("username"), Role.parse(form.get("role")), form.text("password"));
        } catch (Refused e) {
            return page(v, 400, null, 0L, "admin.staff.add.bad", form, null);
        }
        return desk.redirect(v, "/admin/staff?done=added");
    }

    Response role(Visit v) {
        return change(v, m -> staff.setRole(v.actor(), m.username(), Role.parse(Site.form(v.request()).get("role"))), "role");
    }

    Response enabled(Visit v) {
        boolean enable = "true".equals(Site.form(v.request()).get("enabled"));
        return change(v, m -> staff.setEnabled(v.actor(), m.username(), enable), enable ? "enabled" : "disabled");
    }

    Response resetTwoFactor(Visit v) {
        return change(v, m -> staff.resetTwoFactor(v.actor(), m.username()), "2fa");
    }

    /** The key is on this page's answer only, never in a redirect or a log: reloading does not show it again. */
    Response newKey(Visit v) {
        Staff.Member m = member(v);
        if (m == null) return desk.error(v, 404, "error.not_found");
        try {
            return page(v, 200, null, null, null, Fields.NONE, staff.newKey(v.actor(), m.username()));
        } catch (Refused e) {
            return page(v, 400, null, m.id(), "admin.staff.refused", Fields.NONE, null);
        }
    }

    Response revoke(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        if (id == null) return desk.error(v, 404, "error.not_found");
        try {
            staff.revokeKey(v.actor(), id);
        } catch (Refused e) {
            return page(v, 400, null, null, "admin.staff.key.gone", Fields.NONE, null);
        }
        return desk.redirect(v, "/admin/staff?done=revoked");
    }

    private interface Change { void apply(Staff.Member m); }

    /** One change to member {id}; a refusal (the last owner) is said beside that member, and nothing changed. */
    private Response change(Visit v, Change change, String done) {
        Staff.Member m = member(v);
        if (m == null) return desk.error(v, 404, "error.not_found");
        try {
            change.apply(m);
        } catch (Refused e) {
            String key = e.getMessage().contains("owner") ? "admin.staff.owner_needed" : "admin.staff.refused";
            return page(v, 400, null, m.id(), key, Fields.NONE, null);
        }
        return desk.redirect(v, "/admin/staff?done=" + done);
    }

    private Staff.Member member(Visit v) {
        Long id = AdminPages.id(v.request().param("id"));
        return id == null ? null : staff.find(id).orElse(null);
    }

    private Handler owner(Desk.StaffPage page) { return desk.staffOnly(Permission.STAFF, page); }
}
