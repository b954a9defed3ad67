package org.opensmm.settings;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Profiles;
import org.opensmm.account.Refused;
import org.opensmm.account.Sealer;
import org.opensmm.account.SmtpMail;
import org.opensmm.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's panel settings from /admin/settings, stored in {@code panel_setting} over the environment's defaults
 * (app/Config). Read on every page and API v2 request, so kept for two seconds: another node's change shows within that.
 */
public final class PanelSettings {
    private static final long FRESH_MILLIS = 2_000;
    private static final String SET = """
            INSERT INTO panel_setting (name, value, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at""";

    /**
     * Everything the page sets, each acting at once: panel name, currency (a label: amounts are never converted),
     * sign-up, verification, the SMTP settings of the customers' mail, the API v2 rate limit and the website's language
     * for a signed-out visitor whose browser asks for none of those shipped.
     */
    public record Values(String panelName, String currency, boolean signupOpen, boolean requireVerified, String smtpHost, int smtpPort,
                         String smtpFrom, String smtpUser, String smtpPassword, boolean smtpStartTls, int rateLimit, String language) {
        public Values {
            language = language == null || language.isBlank() ? "en" : language.strip();
            panelName = panelName == null ? "" : panelName.strip();
            currency = currency == null ? "" : currency.strip().toUpperCase(java.util.Locale.ROOT);
            smtpHost = smtpHost == null ? "" : smtpHost.strip();
            smtpFrom = smtpFrom == null ? "" : smtpFrom.strip();
            smtpUser = smtpUser == null ? "" : smtpUser.strip();
            smtpPassword = smtpPassword == null ? "" : smtpPassword;
        }

        /** The customers' mail server as set; null when no host is: no mail goes out. */
        public SmtpMail.Settings mail() {
            return smtpHost.isEmpty() ? null : new SmtpMail.Settings(smtpHost, smtpPort, smtpFrom, smtpUser, smtpPassword, smtpStartTls);
        }

        /** As stored, one text per name; the password as given (it never leaves the server but to the mail server). */
        Map<String, String> rows() {
            var m = new LinkedHashMap<String, String>();
            m.put("panel_name", panelName);
            m.put("currency", currency);
            m.put("signup_open", Boolean.toString(signupOpen));
            m.put("require_verified", Boolean.toString(requireVerified));
            m.put("smtp_host", smtpHost);
            m.put("smtp_port", Integer.toString(smtpPort));
            m.put("smtp_from", smtpFrom);
            m.put("smtp_user", smtpUser);
            m.put("smtp_password", smtpPassword);
            m.put("smtp_starttls", Boolean.toString(smtpStartTls));
            m.put("rate_limit", Integer.toString(rateLimit));
            m.put("language", language);
            return m;
        }

        /** What the audit log shows: everything but the password, which is only said to be set or not. */
        Map<String, String> audited() {
            var m = rows();
            m.put("smtp_password", smtpPassword.isEmpty() ? "(none)" : "(set)");
            return m;
        }

        static Values of(Map<String, String> r) {
            return new Values(r.get("panel_name"), r.get("currency"), Boolean.parseBoolean(r.get("signup_open")),
                    Boolean.parseBoolean(r.get("require_verified")), r.get("smtp_host"), Integer.parseInt(r.get("smtp_port")),
                    r.get("smtp_from"), r.get("smtp_user"), r.get("smtp_password"), Boolean.parseBoolean(r.get("smtp_starttls")),
                    Integer.parseInt(r.get("rate_limit")), r.get("language"));
        }
    }

    private final Database db;
    private final Clock clock;
    private final Values defaults;
    private static final Logger log = LoggerFactory.getLogger(PanelSettings.class);
    private final Sealer sealer;
    /** The one setting stored sealed: the mail password. */
    private static final String SEALED = "smtp_password";
    private volatile Values cached;
    private volatile long cachedAt;

    public PanelSettings(Database db, Clock clock, Values defaults, Sealer sealer) {
        this.db = db;
        this.clock = clock;
        this.defaults = defaults;
        this.sealer = sealer;
    }

    public Values defaults() { return defaults; }

    /** The stored settings over the defaults. */
    public Values current() {
        Values v = cached;
        return v != null && clock.millis() - cachedAt < FRESH_MILLIS ? v : reread();
    }

    /** One reader at a time: the API v2 requests that find the settings stale wait for it rather than all asking. */
    private synchronized Values reread() {
        long now = clock.millis();
        Values v = cached;
        if (v != null && now - cachedAt < FRESH_MILLIS) return v; // another request read them meanwhile
        var rows = new HashMap<>(defaults.rows());
        try {
            db.read(tx -> tx.list("SELECT name, value FROM panel_setting", rs -> rows.put(rs.getString(1), rs.getString(2))));
        } catch (RuntimeException e) {
            if (v != null) return v; // the database busy or away: the settings last read, not a failed request
            throw e;
        }
        rows.computeIfPresent(SEALED, (name, stored) -> {
            try {
                return sealer.open(stored);
            } catch (IllegalStateException e) { // sealed under another secret: no mail rather than no panel
                log.warn("the stored SMTP password is not used: {}", e.getMessage());
                return "";
            }
        });
        try {
            v = Values.of(rows);
        } catch (RuntimeException e) { // a row edited by hand into nonsense: the defaults, not a broken website
            v = defaults;
        }
        cached = v;
        cachedAt = now;
        return v;
    }

    /**
     * A person changes the settings; {@code next}'s empty SMTP password keeps the one stored (the page never shows it).
     * One audit row with before and after, the password never in it.
     */
    public Values change(Actor who, Values next) {
        if (next.panelName().isEmpty() || next.panelName().length() > 100) throw new Refused("a panel name has 1 to 100 characters", "refused.panel_name");
        if (!next.currency().matches("[A-Z]{3}")) throw new Refused("a currency is a three-letter code, like USD", "refused.currency");
        if (next.smtpPort() < 1 || next.smtpPort() > 65535) throw new Refused("an SMTP port is 1 to 65535", "refused.smtp_port");
        if (next.rateLimit() < 0 || next.rateLimit() > 100_000) {
            throw new Refused("a rate limit is 0 (off) to 100000 requests per second", "refused.rate_limit");
        }
        if (!Profiles.LANGUAGES.contains(next.language())) throw new Refused("a language is one of " + Profiles.LANGUAGES, "refused.language");
        if (!next.smtpHost().isEmpty() && next.smtpFrom().isEmpty()) throw new Refused("mail needs a sender address", "refused.smtp_from");
        for (String value : next.rows().values()) if (value.length() > 500) throw new Refused("a setting has at most 500 characters", "refused.setting_long");
        Values before = current();
        Values after = next.smtpPassword().isEmpty() ? new Values(next.panelName(), next.currency(), next.signupOpen(), next.requireVerified(),
                next.smtpHost(), next.smtpPort(), next.smtpFrom(), next.smtpUser(), before.smtpPassword(), next.smtpStartTls(), next.rateLimit(), next.language()) : next;
        long now = clock.millis();
        db.inTransaction(tx -> {
            for (var e : after.rows().entrySet()) {
                tx.update(SET, e.getKey(), e.getKey().equals(SEALED) ? sealer.seal(e.getValue()) : e.getValue(), now);
            }
            Audit.record(tx, who, "settings.change", "settings", "panel", before.audited(), after.audited());
            return null;
        });
        cached = null;
        return after;
    }
}
