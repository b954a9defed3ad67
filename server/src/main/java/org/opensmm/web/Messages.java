package org.opensmm.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Every word the website shows, from {@code web/messages*.properties} (English shipped). */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("web.messages", locale);
    }

    /** The text for {@code key} with {@code args} filled in ({0}, {1}…); a missing key shows as itself, to be noticed. */
    public String get(String key, Object... args) {
        if (!bundle.containsKey(key)) return key;
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) { return bundle.containsKey(key); }
}
