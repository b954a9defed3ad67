package org.opensmm.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Start the panel (API v2 on /api/v2).")
final class Serve implements Callable<Integer> {
    @Option(names = "--demo", description = "Seed demo data: a customer with a balance and a catalogue of every type.")
    boolean demo;

    @Option(names = "--port", description = "Port to listen on (default: OPENSMM_PORT or 8080).")
    Integer port;

    @Override public Integer call() throws Exception {
        Config config = Config.fromEnv();
        if (port != null) config = config.withPort(port);
        Panel panel = Panel.start(config);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            panel.close();
            stopped.countDown();
        }, "shutdown"));
        if (demo) Demo.seed(panel, System.out);
        else System.out.println("OpenSMM panel: API v2 at http://" + config.host() + ":" + panel.port() + "/api/v2");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
