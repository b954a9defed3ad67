package org.opensmm.web;

import org.opensmm.catalog.Rate;
import org.opensmm.ledger.Money;

import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every word the website shows, from {@code web/messages*.properties} (English and Spanish shipped): a language's bundle, and
 * English (the base bundle) for any key it lacks. The server's own locale plays no part, so a panel on a German
 * machine still speaks English to a customer who chose English.
 */
public final class Messages {
    private static final ResourceBundle.Control NO_SERVER_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<Locale, Messages> BY_LOCALE = new ConcurrentHashMap<>();

    private final ResourceBundle bundle;
    private final Locale locale;
    /** How the language writes a moment (its bundle's {@code format.time}) and a decimal point. */
    private final DateTimeFormatter time;
    private final char decimal;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("web.messages", locale, NO_SERVER_LOCALE);
        this.time = DateTimeFormatter.ofPattern(bundle.getString("format.time"), locale);
        this.decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
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

    /** A moment as this language writes it; the caller sets the reader's zone. */
    public DateTimeFormatter time() { return time; }

    /**
     * An amount to read, with this language's decimal point ("0,9" in Spanish) and no grouping, so that it copies back
     * into a form as typed. Form values and the API keep {@link Money#toWire}.
     */
    public String amount(Money m) { return amount(m.toWire()); }

    /** A rate as the operator typed it ("0.90" stays "0.90"), with this language's decimal point. */
    public String amount(Rate r) { return amount(r.toWire()); }

    private String amount(String wire) { return decimal == '.' ? wire : wire.replace('.', decimal); }
}
