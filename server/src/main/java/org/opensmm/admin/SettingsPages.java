package org.opensmm.admin;

import org.opensmm.account.Profiles;
import org.opensmm.account.Refused;
import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.settings.PanelSettings;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.util.List;

/**
 * /admin/settings (permission SETTINGS: owners): panel name, currency, sign-up, email verification, SMTP and the API v2
 * rate limit, through {@link PanelSettings} as {@code Actor.Staff}. The SMTP password is write-only: never put in the page.
 */
public final class SettingsPages {
    private final Desk desk;
    private final PanelSettings settings;

    public SettingsPages(Desk desk, PanelSettings settings) {
        this.desk = desk;
        this.settings = settings;
    }

    public Routes routes(Routes routes) {
        return routes.get("/admin/settings", desk.staffOnly(Permission.SETTINGS, v -> page(v, settings.current(), null, null)))
                .post("/admin/settings", desk.staffOnly(Permission.SETTINGS, this::save));
    }

    /** {@code values} without the password; {@code passwordSet}: whether one is stored. */
    public record SettingsView(String me, PanelSettings.Values values, boolean passwordSet, String done, String error, String detail) {
        public List<String> languages() { return Profiles.LANGUAGES; }
    }

    private Response page(Visit v, PanelSettings.Values values, String error, String detail) {
        var shown = new PanelSettings.Values(values.panelName(), values.currency(), values.signupOpen(), values.requireVerified(),
                values.smtpHost(), values.smtpPort(), values.smtpFrom(), values.smtpUser(), "", values.smtpStartTls(), values.rateLimit(), values.language());
        return desk.page(v, 200, "settings.jte", "admin.title.settings", new SettingsView(v.name(), shown,
                !settings.current().smtpPassword().isEmpty(), Site.query(v.request()).get("done"), error, detail));
    }

    Response save(Visit v) {
        Fields f = Site.form(v.request());
        PanelSettings.Values wanted;
        try {
            wanted = new PanelSettings.Values(f.text("panel_name"), f.text("currency"), "true".equals(f.get("signup_open")),
                    "true".equals(f.get("require_verified")), f.text("smtp_host"), Integer.parseInt(f.text("smtp_port").strip()),
                    f.text("smtp_from"), f.text("smtp_user"), f.text("smtp_password"), "true".equals(f.get("smtp_starttls")),
                    Integer.parseInt(f.text("rate_limit").strip()), f.text("language"));
        } catch (NumberFormatException e) {
            return page(v, settings.current(), "admin.settings.numbers_bad", null);
        }
        try {
            settings.change(v.actor(), wanted);
            return desk.redirect(v, "/admin/settings?done=saved");
        } catch (Refused e) {
            return page(v, wanted, "admin.catalog.refused", desk.words(e));
        }
    }
}
