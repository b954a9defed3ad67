package org.opensmm.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerTest {
    private final Sealer sealer = new KeyHash("a secret of sixteen+").sealer("test");

    @Test void sealed_values_open_to_what_was_given_and_never_repeat() {
        String a = sealer.seal("sk_live_ünïcode 1"), b = sealer.seal("sk_live_ünïcode 1");
        assertThat(a).startsWith("sealed:v1:").doesNotContain("sk_live").isNotEqualTo(b); // a fresh IV each time
        assertThat(sealer.open(a)).isEqualTo("sk_live_ünïcode 1");
        assertThat(sealer.open(b)).isEqualTo("sk_live_ünïcode 1");
    }

    @Test void a_value_from_before_sealing_reads_as_it_is() {
        assertThat(sealer.open("plain old value")).isEqualTo("plain old value");
        assertThat(sealer.seal("")).isEmpty();
    }

    @Test void another_secret_or_purpose_or_a_changed_byte_cannot_open_it() {
        String sealed = sealer.seal("value");
        assertThatThrownBy(() -> new KeyHash("another secret, 16+").sealer("test").open(sealed)).hasMessageContaining("OPENSMM_SECRET");
        assertThatThrownBy(() -> new KeyHash("a secret of sixteen+").sealer("other").open(sealed)).isInstanceOf(IllegalStateException.class);
        char[] c = sealed.toCharArray();
        c[c.length - 3] = c[c.length - 3] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> sealer.open(new String(c))).isInstanceOf(IllegalStateException.class);
    }
}
