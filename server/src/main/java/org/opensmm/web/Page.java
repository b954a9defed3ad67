package org.opensmm.web;

/**
 * What every page's layout shows: the panel's name, the title, the signed-in customer's name and balance (null when
 * signed out), the session's CSRF token for forms, and the words ({@link #t}).
 */
public record Page(Messages messages, String panel, String title, String customer, String balance, String currency,
                   String csrf, String path) {
    /** The text for a message key: {@code ${p.t("nav.orders")}}. */
    public String t(String key, Object... args) { return messages.get(key, args); }

    public boolean signedIn() { return customer != null; }

    /** True on the page at {@code path}: its nav entry is marked. */
    public boolean at(String other) { return other.equals(path); }
}
