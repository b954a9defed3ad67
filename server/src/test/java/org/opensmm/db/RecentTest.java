package org.opensmm.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The short-lived cache in front of hot reads: one load at a time per key, never a stampede, never a stale store. */
class RecentTest {
    private static Optional<String> never(String key) { throw new AssertionError("loaded " + key + " again"); }

    @Test void many_callers_of_a_missing_key_share_one_load() throws Exception {
        var recent = new Recent<String, String>(Duration.ofMinutes(1), 10, true);
        var loads = new AtomicInteger();
        var release = new CountDownLatch(1);
        var results = new ArrayList<Future<Optional<String>>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) results.add(threads.submit(() -> recent.get("shelf", k -> {
                loads.incrementAndGet();
                await(release);
                return Optional.of("services");
            })));
            Thread.sleep(50);
            release.countDown();
            for (var r : results) assertThat(r.get(10, TimeUnit.SECONDS)).contains("services");
        }
        assertThat(loads).hasValue(1);
    }

    @Test void while_an_expired_value_reloads_the_others_keep_it_instead_of_loading_too() throws Exception {
        var recent = new Recent<String, String>(Duration.ofMillis(20), 10, true);
        assertThat(recent.get("shelf", k -> Optional.of("old"))).contains("old");
        Thread.sleep(40);
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var reload = threads.submit(() -> recent.get("shelf", k -> {
                started.countDown();
                await(release);
                return Optional.of("new");
            }));
            started.await();
            assertThat(recent.get("shelf", RecentTest::never)).contains("old");
            release.countDown();
            assertThat(reload.get(10, TimeUnit.SECONDS)).contains("new");
        }
        assertThat(recent.get("shelf", RecentTest::never)).contains("new");
    }

    @Test void a_load_that_began_before_a_clear_does_not_store_what_it_read() throws Exception {
        var recent = new Recent<String, String>(Duration.ofMinutes(1), 10, true);
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var before = threads.submit(() -> recent.get("shelf", k -> {
                started.countDown();
                await(release);
                return Optional.of("before the change");
            }));
            started.await();
            recent.clear();
            // a caller after the clear loads for itself rather than waiting for the older load
            assertThat(recent.get("shelf", k -> Optional.of("after the change"))).contains("after the change");
            release.countDown();
            assertThat(before.get(10, TimeUnit.SECONDS)).contains("before the change");
        }
        assertThat(recent.get("shelf", RecentTest::never)).contains("after the change");
    }

    @Test void a_failed_load_reaches_its_waiters_and_stores_nothing() throws Exception {
        var recent = new Recent<String, String>(Duration.ofMinutes(1), 10, true);
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var failing = threads.submit(() -> recent.get("shelf", k -> {
                started.countDown();
                await(release);
                throw new IllegalStateException("database busy");
            }));
            started.await();
            var waiter = threads.submit(() -> recent.get("shelf", RecentTest::never));
            Thread.sleep(50);
            release.countDown();
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("database busy");
        }
        assertThat(recent.get("shelf", k -> Optional.of("services"))).contains("services");
    }

    @Test void a_miss_is_remembered_only_when_asked_to() {
        var keys = new Recent<String, String>(Duration.ofMinutes(1), 10, false);
        var loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) assertThat(keys.get("guess", k -> { loads.incrementAndGet(); return Optional.empty(); })).isEmpty();
        assertThat(loads).hasValue(3);
        var shelves = new Recent<String, String>(Duration.ofMinutes(1), 10, true);
        assertThat(shelves.get("none", k -> Optional.empty())).isEmpty();
        assertThat(shelves.get("none", RecentTest::never)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
