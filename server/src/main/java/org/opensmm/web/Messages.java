package org.opensmm.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every word the website shows, from {@code web/messages*.properties} (English shipped): a language's bundle, and
 * English (the base bundle) for any key it lacks. The server's own locale plays no part, so a panel on a German
 * machine still speaks English to a customer who chose English.
 */
public final class Messages {
    private static final ResourceBundle.Control NO_SERVER_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<Locale, Messages> BY_LOCALE = new ConcurrentHashMap<>();

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("web.messages", locale, NO_SERVER_LOCALE);
    }

    /** The words of {@code locale}, made once per language. */
    public static Messages of(Locale locale) { return BY_LOCALE.computeIfAbsent(locale, Messages::new); }

    /** The text for {@code key} with {@code args} filled in ({0}, {1}…); a missing key shows as itself, to be noticed. */
    public String get(String key, Object... args) {
        if (!bundle.containsKey(key)) return key;
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) { return bundle.containsKey(key); }

    /** The language numbers and dates are written in. */
    public Locale locale() { return locale; }
}
