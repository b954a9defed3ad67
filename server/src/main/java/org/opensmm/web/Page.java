package org.opensmm.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What every page's layout shows: the panel's name, the title, the signed-in customer's name and balance (null when
 * signed out), the session's CSRF token for forms, the words ({@link #t}) and times ({@link #time}) in the reader's
 * language and time zone.
 */
public record Page(Messages messages, String panel, String title, String customer, String balance, String currency,
                   String csrf, String path, ZoneId zone) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm zzz");


    /** The text for a message key: {@code ${p.t("nav.orders")}}. */
    public String t(String key, Object... args) { return messages.get(key, args); }

    /** A moment in the reader's time zone, the zone named: "2026-05-01 23:03 JST". */
    public String time(long millis) { return time(millis, zone, messages.locale()); }

    /** The same, for a page that words its times before it renders (the admin pages' rows, in the staff member's zone). */
    public static String time(long millis, ZoneId zone, java.util.Locale locale) {
        return TIME.withLocale(locale).withZone(zone).format(Instant.ofEpochMilli(millis));
    }

    public boolean signedIn() { return customer != null; }

    /** True on the page at {@code path}: its nav entry is marked. */
    public boolean at(String other) { return other.equals(path); }
}
