package org.opensmm.web;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The chosen language picks the bundle (English for what it lacks) and writes numbers; the zone writes times. */
class MessagesTest {
    private static final Locale ESPERANTO = Locale.forLanguageTag("eo");
    private static final long MAY_FIRST_14_03_UTC = java.time.Instant.parse("2026-05-01T14:03:00Z").toEpochMilli();

    @Test void a_language_uses_its_own_bundle_and_english_for_any_key_it_lacks() {
        Messages eo = Messages.of(ESPERANTO);
        assertThat(eo.get("nav.orders")).isEqualTo("Mendoj");
        assertThat(eo.get("nav.services")).isEqualTo(Messages.of(Locale.ENGLISH).get("nav.services")).isEqualTo("Services");
        assertThat(Messages.of(Locale.ENGLISH).get("nav.orders")).isEqualTo("Orders");
        assertThat(Messages.of(Locale.forLanguageTag("de")).get("nav.orders")).as("no bundle: English").isEqualTo("Orders");
    }

    @Test void numbers_are_written_in_the_language_of_the_words() {
        assertThat(Messages.of(Locale.ENGLISH).get("landing.count", 12_500)).isEqualTo("12,500 services");
        assertThat(Messages.of(Locale.GERMAN).get("landing.count", 12_500)).as("German numbers, English words").isEqualTo("12.500 services");
    }

    @Test void a_time_is_shown_in_the_readers_zone_with_the_zone_named() {
        assertThat(page(Locale.ENGLISH, "UTC").time(MAY_FIRST_14_03_UTC)).isEqualTo("2026-05-01 14:03 UTC");
        assertThat(page(Locale.ENGLISH, "Asia/Tokyo").time(MAY_FIRST_14_03_UTC)).isEqualTo("2026-05-01 23:03 JST");
        assertThat(page(Locale.ENGLISH, "Europe/Berlin").time(MAY_FIRST_14_03_UTC)).isEqualTo("2026-05-01 16:03 CEST");
    }

    private static Page page(Locale locale, String zone) {
        return new Page(Messages.of(locale), "Panel", "Title", "me", "1", "USD", "", "/", ZoneId.of(zone));
    }
}
