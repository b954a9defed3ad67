package org.opensmm.web;

import org.opensmm.catalog.Rate;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;

import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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

    /** The bundle and its English parent flattened once: a page looks up dozens of words, a table row several. */
    private final Map<String, String> words;
    private final Map<Status, String> statuses = new EnumMap<>(Status.class);
    private final Locale locale;
    /** How the language writes a moment (its bundle's {@code format.time}) and a decimal point. */
    private final DateTimeFormatter time;
    private final char decimal;

    public Messages(Locale locale) {
        this.locale = locale;
        var bundle = ResourceBundle.getBundle("web.messages", locale, NO_SERVER_LOCALE);
        var flat = new HashMap<String, String>();
        for (String key : bundle.keySet()) flat.put(key, bundle.getString(key));
        this.words = Collections.unmodifiableMap(flat); // a HashMap: it compares stored hashes before touching a key
        for (Status s : Status.values()) statuses.put(s, get("status." + s.name().toLowerCase(Locale.ROOT)));
        this.time = DateTimeFormatter.ofPattern(words.get("format.time"), locale);
        this.decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    }

    /** The words of {@code locale}, made once per language. */
    public static Messages of(Locale locale) { return BY_LOCALE.computeIfAbsent(locale, Messages::new); }

    /** The text for {@code key} with {@code args} filled in ({0}, {1}…); a missing key shows as itself, to be noticed. */
    public String get(String key, Object... args) {
        String pattern = words.get(key);
        if (pattern == null) return key;
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) { return words.containsKey(key); }

    /** An order's status in this language (the wire's words stay in filters' values and the API). */
    public String status(Status s) { return statuses.get(s); }

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
