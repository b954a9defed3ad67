package org.opensmm.account;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in throttle's memory bound: a spray of names neither grows it without end nor frees a targeted account. */
class SignInThrottleTest {
    private static final int MAX_KEYS = 10;

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    private final Hand clock = new Hand();
    private final SignInThrottle throttle = new SignInThrottle(clock, 3, 5, MAX_KEYS);

    @Test void spraying_names_past_the_bound_keeps_an_account_over_its_limit_blocked() {
        for (int i = 0; i < 3; i++) throttle.failed("Alice", "10.0.0." + i);
        assertThat(throttle.blocked("alice", "10.9.9.9")).isTrue();
        for (int i = 0; i < 200; i++) {
            throttle.failed("spray" + i, "10.1." + i / 250 + "." + i % 250);
            assertThat(throttle.keys()).isLessThanOrEqualTo(MAX_KEYS + 3);
        }
        assertThat(throttle.blocked("alice", "10.9.9.9")).as("still blocked after the spray").isTrue();
        assertThat(throttle.blocked("spray0", "10.9.9.9")).as("a sprayed name under its limit was dropped").isFalse();
    }

    @Test void an_address_over_its_limit_stays_blocked_through_a_spray_from_other_addresses() {
        for (int i = 0; i < 5; i++) throttle.failed("name" + i, "192.0.2.1");
        assertThat(throttle.blocked("someone", "192.0.2.1")).isTrue();
        for (int i = 0; i < 100; i++) throttle.failed("other" + i, "198.51.100." + i);
        assertThat(throttle.blocked("someone", "192.0.2.1")).isTrue();
        assertThat(throttle.blocked("someone", "192.0.2.2")).isFalse();
    }

    @Test void expired_keys_go_first_so_a_recent_count_under_the_limit_is_kept() {
        for (int i = 0; i < MAX_KEYS / 2; i++) throttle.failed("old" + i, "203.0.113." + i); // a name and an address each: full
        clock.now = clock.now.plus(SignInThrottle.WINDOW).plus(Duration.ofMinutes(1));
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.2"); // past the bound: the expired keys are dropped, bob's first failure kept
        assertThat(throttle.keys()).isEqualTo(3);
        throttle.failed("bob", "10.0.0.3");
        assertThat(throttle.blocked("bob", "10.9.9.9")).as("three failures counted across the eviction").isTrue();
    }

    @Test void failures_leave_the_window_and_the_right_password_clears_the_account() {
        for (int i = 0; i < 3; i++) throttle.failed("carol", "10.0.0." + i);
        assertThat(throttle.blocked("carol", "10.9.9.9")).isTrue();
        clock.now = clock.now.plus(SignInThrottle.WINDOW).plusMillis(1);
        assertThat(throttle.blocked("carol", "10.9.9.9")).isFalse();
        for (int i = 0; i < 2; i++) throttle.failed("carol", "10.0.1." + i);
        throttle.succeeded("CAROL");
        throttle.failed("carol", "10.0.2.1");
        assertThat(throttle.blocked("carol", "10.9.9.9")).isFalse();
    }
}
