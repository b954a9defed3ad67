package org.opensmm.order;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of an order's type-specific fields: no server, no database. */
class FieldCodecTest {

    @Test void round_trips_what_the_wire_can_carry() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("comments", "great & fine\r\nnice = good\n100% ✓ «ok» 😀");
        fields.put("username", "@bob+alice");
        fields.put("hashtags", "#a #b");
        fields.put("empty", "");
        fields.put("a&b=c", "?&=%");
        String stored = FieldCodec.encode(fields);
        assertThat(stored).doesNotContain("\n", " ", "✓").contains("&username=%40bob%2Balice&");
        assertThat(FieldCodec.decode(stored)).containsExactlyEntriesOf(fields);
    }

    @Test void keeps_the_stored_format_so_existing_rows_read_unchanged() {
        assertThat(FieldCodec.encode(Map.of("comments", "a b&c\nd"))).isEqualTo("comments=a+b%26c%0Ad");
        assertThat(FieldCodec.decode("username=bob&posts=5&old_posts=&min=10&max=20&delay=0&expiry=1%2F1%2F2031"))
                .containsExactly(Map.entry("username", "bob"), Map.entry("posts", "5"), Map.entry("old_posts", ""),
                        Map.entry("min", "10"), Map.entry("max", "20"), Map.entry("delay", "0"), Map.entry("expiry", "1/1/2031"));
    }

    @Test void nothing_stored_is_no_fields() {
        assertThat(FieldCodec.encode(Map.of())).isEmpty();
        assertThat(FieldCodec.decode("")).isEmpty();
        assertThat(FieldCodec.decode(null)).isEmpty();
        assertThat(FieldCodec.decode(FieldCodec.encode(Map.of("", "")))).containsExactly(Map.entry("", ""));
    }

    @Test void a_malformed_escape_throws() {
        assertThatThrownBy(() -> FieldCodec.decode("a=%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCodec.decode("a=%4")).isInstanceOf(IllegalArgumentException.class);
    }
}
