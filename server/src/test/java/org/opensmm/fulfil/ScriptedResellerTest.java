package org.opensmm.fulfil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Order;
import org.opensmm.provider.Provider;
import org.opensmm.testing.TestPanel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A reseller with a fast fulfilment engine, and per test a fresh {@link ScriptedUpstream} it resells every type from,
 * at the upstream's 0.10 plus 25 %: 0.125 per 1000.
 */
abstract class ScriptedResellerTest {
    static TestPanel reseller;
    static Fulfilment engine;
    ScriptedUpstream upstream;
    Map<ServiceType, Long> ours;

    @BeforeAll static void startReseller() {
        reseller = TestPanel.start();
        engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterAll static void stopReseller() {
        engine.close();
        reseller.close();
    }

    /** A new scripted upstream, registered as a provider with {@code policy}, our services mapped onto it. */
    void resellFrom(String name, Provider.AddErrorPolicy policy) {
        try {
            upstream = new ScriptedUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Provider p = reseller.panel.providers.add(name + "-" + System.nanoTime(), upstream.url(), "key", policy, 4);
        ours = Upstreams.resell(reseller, p, "25");
    }

    @AfterEach void closeUpstream() { upstream.close(); }

    Order order(long id) { return reseller.panel.orders.find(id).orElseThrow(); }
}
