package org.opensmm.web;

import org.junit.jupiter.api.Test;
import org.opensmm.account.Profiles;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.ChoiceFormat;
import java.text.DecimalFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped language says everything English says, with the same placeholders, and no markup of its own. */
class BundlesTest {
    private static final Pattern TAG = Pattern.compile("<[A-Za-z/!]");

    @Test void every_shipped_language_has_exactly_the_english_keys() throws IOException {
        Properties en = bundle("messages.properties");
        for (String lang : Profiles.LANGUAGES) {
            if (lang.equals("en")) continue;
            Properties other = bundle("messages_" + lang + ".properties");
            assertThat(other.stringPropertyNames()).as(lang).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        }
    }

    @Test void each_key_takes_the_same_arguments_in_every_language() throws IOException {
        Properties en = bundle("messages.properties");
        for (String lang : Profiles.LANGUAGES) {
            if (lang.equals("en")) continue;
            Properties other = bundle("messages_" + lang + ".properties");
            Map<String, List<String>> want = new TreeMap<>(), got = new TreeMap<>();
            for (String key : en.stringPropertyNames()) {
                if (!other.containsKey(key)) continue; // the key test says which
                want.put(key, arguments(en.getProperty(key)));
                got.put(key, arguments(other.getProperty(key)));
            }
            assertThat(got).as(lang).isEqualTo(want);
        }
    }

    @Test void a_translation_adds_no_markup_and_no_plain_quote() throws IOException {
        Properties es = bundle("messages_es.properties");
        for (String key : es.stringPropertyNames()) {
            String text = es.getProperty(key);
            assertThat(TAG.matcher(text).find()).as(key + " has a tag: " + text).isFalse();
            // MessageFormat drops a lone ' (and what follows); a translation writes ’
            assertThat(text).as(key).doesNotContain("'");
        }
    }

    @Test void spanish_words_numbers_and_times() {
        Messages es = Messages.of(Locale.forLanguageTag("es"));
        assertThat(es.get("nav.orders")).isEqualTo("Pedidos");
        assertThat(es.get("landing.count", 12_500)).isEqualTo("12.500 servicios");
        assertThat(es.amount(org.opensmm.ledger.Money.parse("1234.5"))).isEqualTo("1234,5");
        long mayFirst = java.time.Instant.parse("2026-05-01T14:03:00Z").toEpochMilli();
        assertThat(new Page(es, "Panel", "T", "me", "1", "USD", "", "/", java.time.ZoneId.of("UTC")).time(mayFirst))
                .isEqualTo("01/05/2026 14:03 UTC");
    }

    /** What MessageFormat makes of a pattern: per argument index, the kind of format ("text", "number #", "choice"). */
    private static List<String> arguments(String pattern) {
        var out = new ArrayList<String>();
        for (Format f : new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex()) {
            out.add(f == null ? "text" : f instanceof ChoiceFormat ? "choice" : f instanceof DecimalFormat d ? "number " + d.toPattern()
                    : f.getClass().getSimpleName());
        }
        return out;
    }

    private static Properties bundle(String name) throws IOException {
        var p = new Properties();
        try (var in = BundlesTest.class.getResourceAsStream("/web/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
