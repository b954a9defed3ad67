package org.opensmm.web;

import org.opensmm.catalog.Rate;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What every page's layout shows: the panel's name, the title, the signed-in customer's name and balance (null when
 * signed out), the session's CSRF token for forms, the words ({@link #t}) and times ({@link #time}) in the reader's
 * language and time zone.
 */
public record Page(Messages messages, String panel, String title, String customer, String balance, String currency,
                   String csrf, String path, ZoneId zone) {
    /** The text for a message key: {@code ${p.t("nav.orders")}}. */
    public String t(String key, Object... args) { return messages.get(key, args); }

    /** A moment in the reader's time zone and language, the zone named: "2026-05-01 23:03 JST", "01/05/2026 23:03 JST". */
    public String time(long millis) { return time(millis, zone, messages); }

    /** The same, for a page that words its times before it renders (the admin pages' rows, in the staff member's zone). */
    public static String time(long millis, ZoneId zone, java.util.Locale locale) { return time(millis, zone, Messages.of(locale)); }

    private static String time(long millis, ZoneId zone, Messages words) {
        return words.time().withZone(zone).format(Instant.ofEpochMilli(millis));
    }

    /** An amount in the reader's language: "0.9", "0,9". */
    public String money(Money m) { return messages.amount(m); }

    public String money(Rate r) { return messages.amount(r); }

    /** An order's status in the reader's language (the wire's words stay in filters' values and the API). */
    public String status(Status s) { return messages.status(s); }

    /** The label of an order field by its API name ("comments" → "Comments"); a name without one shows as itself. */
    public String field(String name) { return messages.has("field." + name) ? t("field." + name) : name; }

    public boolean signedIn() { return customer != null; }

    /** True on the page at {@code path}: its nav entry is marked. */
    public boolean at(String other) { return other.equals(path); }
}
