package org.opensmm.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** application/x-www-form-urlencoded as clients send it: no server. */
class FormTest {

    @Test void a_later_duplicate_wins_as_in_php() {
        assertThat(Form.decode("action=add&quantity=1&quantity=2")).containsExactly(Map.entry("action", "add"), Map.entry("quantity", "2"));
    }

    @Test void decodes_plus_escapes_and_unicode() {
        assertThat(Form.decode("link=https%3A%2F%2Fx.com%2Fp%3Fa%3D1%26b%3D2&comments=a+b%0D%0Ac&tick=%E2%9C%93"))
                .containsExactly(Map.entry("link", "https://x.com/p?a=1&b=2"), Map.entry("comments", "a b\r\nc"), Map.entry("tick", "✓"));
    }

    @Test void a_name_without_value_is_empty_and_empty_pairs_are_skipped() {
        assertThat(Form.decode("&&key&action=&=x&")).containsExactly(Map.entry("key", ""), Map.entry("action", ""), Map.entry("", "x"));
        assertThat(Form.decode("")).isEmpty();
        assertThat(Form.decode(null)).isEmpty();
    }

    @Test void only_the_first_equals_sign_splits() {
        assertThat(Form.decode("a=b=c")).containsExactly(Map.entry("a", "b=c"));
    }

    @Test void decodes_into_a_given_map_over_what_is_there() {
        var into = new LinkedHashMap<String, String>(Map.of("action", "status"));
        assertThat(Form.decode("action=add", into)).isSameAs(into).containsExactly(Map.entry("action", "add"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%4", "a=%", "%G0=1", "a=1&b=%%"})
    void a_malformed_escape_throws(String body) {
        assertThatThrownBy(() -> Form.decode(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void a_cut_utf8_sequence_reads_as_the_replacement_character() {
        assertThat(Form.decode("a=%E2%9C")).containsExactly(Map.entry("a", "\uFFFD"));
    }

    @Test void encodes_what_it_decodes() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("comments", "a & b = c\n✓");
        fields.put("empty", "");
        assertThat(Form.decode(Form.encode(fields))).containsExactlyEntriesOf(fields);
    }
}
