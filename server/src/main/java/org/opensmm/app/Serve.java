package org.opensmm.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.opensmm.api.Faults;
import org.opensmm.simulator.Simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Start the panel (API v2 on /api/v2).")
final class Serve implements Callable<Integer> {
    @Option(names = "--demo", description = "Seed demo data: a customer with a balance and a catalogue of every type.")
    boolean demo;

    @Option(names = "--port", description = "Port to listen on (default: OPENSMM_PORT or 8080).")
    Integer port;

    @Option(names = "--simulated-provider", description = "Act as a simulated upstream provider: orders progress by themselves.")
    boolean simulated;

    @Option(names = "--delivery-seconds", description = "Simulated provider: how long an order takes (default: ${DEFAULT-VALUE}).",
            defaultValue = "40")
    int deliverySeconds;

    @Option(names = "--partial-per-mille", description = "Simulated provider: orders of 1000 that end Partial (default: ${DEFAULT-VALUE}).",
            defaultValue = "100")
    int partialPerMille;

    @Option(names = "--fault-per-mille", description = "Simulated provider: requests of 1000 that misbehave: timeout, 5xx, HTML, empty, lost reply (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int faultPerMille;

    /**
     * A newcomer's first start shows the URLs and keys it prints, not the panel's INFO lines nor the access log of the
     * demo provider's polling; warnings still show. OPENSMM_LOG_LEVEL brings them back.
     */
    private static void quiet() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger("org.opensmm").setLevel(ch.qos.logback.classic.Level.WARN);
            logback.getLogger("access").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Override public Integer call() throws Exception {
        if (deliverySeconds < 1 || partialPerMille < 0 || partialPerMille > 1000 || faultPerMille < 0 || faultPerMille > 1000) {
            throw new IllegalArgumentException("--delivery-seconds must be >= 1, per-mille values 0..1000");
        }
        Config config = Config.fromEnv();
        if (demo && System.getenv("OPENSMM_LOG_LEVEL") == null) quiet();
        if (port != null) config = config.withPort(port);
        if (demo && System.getenv("OPENSMM_SYNC_MS") == null) {
            // a new user should see orders move within a minute: poll the demo upstream every 5 s, not every minute
            Config.Workers w = config.workers();
            config = config.withWorkers(new Config.Workers(w.enabled(), w.tickMillis(), 5_000, w.upstreamTimeoutMillis()));
        }
        var running = new ArrayList<Panel>();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Panel p : running.reversed()) p.close();
            stopped.countDown();
        }, "shutdown"));
        Panel panel = Panel.start(config);
        running.addFirst(panel);
        if (simulated) {
            panel.simulate(Simulator.Settings.realistic().withDeliveryTime(Duration.ofSeconds(deliverySeconds))
                    .withPartialPerMille(partialPerMille), new Faults(faultPerMille, Duration.ofSeconds(30), System.nanoTime()));
            Demo.seedProvider(panel, System.out);
        }
        if (demo) {
            Panel upstream = Panel.start(Demo.upstreamConfig(panel));
            running.add(upstream);
            upstream.simulate(Simulator.Settings.realistic(), Faults.none());
            Demo.seed(panel, System.out);
            Demo.wire(panel, upstream, System.out);
            Demo.payments(panel, System.out);
        } else if (!simulated) {
            System.out.println("OpenSMM panel: API v2 at http://" + config.host() + ":" + panel.port() + "/api/v2");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }
}
