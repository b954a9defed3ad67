package org.opensmm.bench;

import org.opensmm.app.Config;
import org.opensmm.app.Panel;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The panel's status sync at full speed over a database {@link SyncSeed} filled, against a {@link FakeUpstream}.
 * The panel runs in this JVM ({@link Panel#start}: API v2 served, rate limit off) and its fulfilment engine is started
 * only when the file {@code <control>.go} appears, so bench/run can measure the API idle first. With {@code --sync-ms 1}
 * (the default) the provider's next status round is due 1 ms after the last one started, so the engine never runs out
 * of work: a round asks for each sent order once, in id order, so the first {@code active} ids the upstream is asked
 * about are exactly the seeded orders, once each (a full pass), and then it keeps cycling. After the pass it prints
 * {@code SYNCING} and keeps going until {@code <control>.stop} appears (bench/run loads the API meanwhile); then it
 * stops the engine, prints {@code RESULT} and {@code STOPPED}, and serves the API alone until {@code <control>.end}.
 *
 * <p>Measured: the pass (seconds, orders/s from the upstream's id counter), CPU over the pass (this JVM = the panel;
 * PostgreSQL backends of this database; all postgres processes, the embedded server's included; the fake upstream; the
 * machine), the longest transaction seen open (sampled every 0.5 s), orders/s while the API is loaded, and the updates
 * of orders (how many HOT) and of the rounds' cursors. A batch's lease-to-reply time is no longer measured: a lease
 * records nothing per order any more (the round's cursor moves), so nothing written tells when a batch was leased.
 *
 * <p>Usage: {@code SyncBench --db embedded:<dir>|postgres:<name> --upstream-port U [--upstream-pid P] --control <path>
 * [--tick-ms 1000] [--sync-ms 1] [--timeout-ms 20000] [--max-seconds 3600]}. Prints {@code READY port=.. lo=.. hi=..
 * active=..}, progress lines, {@code PASS ...}, {@code SYNCING}, {@code RESULT key=value...}, {@code STOPPED}.
 */
public final class SyncBench {
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");

    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        int upstreamPort = (int) args.number("upstream-port", 0);
        long upstreamPid = args.number("upstream-pid", -1);
        String control = args.required("control");
        int tick = (int) args.number("tick-ms", 1000);
        int syncMs = (int) args.number("sync-ms", 1);
        long deadline = System.nanoTime() + args.number("max-seconds", 3600) * 1_000_000_000L;
        Config config = db.config().withWorkers(new Config.Workers(false, tick, syncMs, (int) args.number("timeout-ms", 20_000)));

        var panel = Panel.start(config);
        var fixture = BenchDb.setUp(panel, 1);
        long provider = panel.db.read(tx -> tx.count("SELECT id FROM provider WHERE name = 'bench-upstream'"));
        int inFlight = (int) (long) panel.db.read(tx -> tx.count("SELECT max_in_flight FROM provider WHERE id = ?", provider));
        long active = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ? AND stage = 'SENT'", provider));
        long lo = panel.db.read(tx -> tx.count("SELECT MIN(id) FROM orders WHERE provider_id = ?", provider));
        long hi = panel.db.read(tx -> tx.count("SELECT MAX(id) FROM orders WHERE provider_id = ?", provider));
        String check = PanelServer.call(panel.port(), "key=" + BenchDb.key(1) + "&action=status&order=" + lo);
        if (!check.contains("\"status\":\"In progress\"")) {
            System.out.println("FAILED status replied " + check);
            System.exit(1);
        }
        var upstream = new UpstreamStats(upstreamPort);
        upstream.read(); // reachable before we start
        System.out.println("READY port=" + panel.port() + " lo=" + lo + " hi=" + hi + " active=" + active + " provider=" + provider
                + " max_in_flight=" + inFlight + " tick_ms=" + tick + " sync_ms=" + syncMs + " service=" + fixture.serviceId());

        if (!waitFor(Path.of(control + ".go"), deadline)) fail("no " + control + ".go before the time limit");

        var pg = DriverManager.getConnection(BenchDb.jdbcUrl(panel)); // embedded: the panel's own server
        var cpu = new Cpu(upstreamPid, pg);
        cpu.sample();
        long ids0 = upstream.read().get("ids");
        long t0 = System.nanoTime();
        panel.fulfilment.start();

        double passSeconds = -1;
        Cpu.Totals passCpu = null;
        long maxXactMs = 0, lastPrint = t0, lastIds = ids0;
        double lastT = 0;
        while (passSeconds < 0) {
            if (System.nanoTime() > deadline) fail("the pass did not finish in time: " + (upstream.read().get("ids") - ids0) + " of " + active);
            Thread.sleep(500);
            long ids = upstream.read().get("ids") - ids0;
            double t = (System.nanoTime() - t0) / 1e9;
            cpu.sample();
            maxXactMs = Math.max(maxXactMs, cpu.longestTransactionMillis());
            if (ids >= active) {
                // the moment the last seeded order was asked for, between this sample and the last
                passSeconds = lastT + (t - lastT) * (active - lastIds) / (double) Math.max(1, ids - lastIds);
                passCpu = cpu.totals(t);
            } else if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.out.printf("t=%.0fs polled=%d (%.1f%%) orders_s=%.0f%n", t, ids, 100.0 * ids / active, ids / t);
                lastPrint = System.nanoTime();
            }
            lastIds = ids;
            lastT = t;
        }
        System.out.printf("PASS seconds=%.1f orders_s=%.0f%n", passSeconds, active / passSeconds);

        // the engine keeps cycling; the API is loaded from outside meanwhile
        cpu.restart();
        long loadIds0 = upstream.read().get("ids");
        long load0 = System.nanoTime();
        System.out.println("SYNCING");
        while (!Files.exists(Path.of(control + ".stop"))) {
            if (System.nanoTime() > deadline) fail("no " + control + ".stop before the time limit");
            Thread.sleep(500);
            cpu.sample();
            maxXactMs = Math.max(maxXactMs, cpu.longestTransactionMillis());
        }
        double loadSeconds = (System.nanoTime() - load0) / 1e9;
        long loadIds = upstream.read().get("ids") - loadIds0;
        Cpu.Totals loadCpu = cpu.totals(loadSeconds);
        panel.fulfilment.close();
        Map<String, Long> up = upstream.read();

        long stillActive = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ? AND stage = 'SENT'", provider));
        long errors = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE provider_id = ? AND provider_error IS NOT NULL", provider));

        // how the writes went: a HOT update stays on its page and adds no index entries (pg_stat counters lag up to 0.5 s)
        String hot = panel.db.read(tx -> tx.list("""
                SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('orders', 'provider_round')""",
                rs -> rs.getString(1) + "_updates=" + rs.getLong(2) + " " + rs.getString(1) + "_hot=" + rs.getLong(3))).stream()
                .sorted().collect(java.util.stream.Collectors.joining(" "));
        System.out.printf("RESULT active=%d pass_s=%.1f orders_s=%.0f batches_s=%.1f max_in_flight=%d tick_ms=%d"
                        + " java_cpu=%.2f pg_backend_cpu=%.2f pg_all_cpu=%.2f upstream_cpu=%.2f machine_busy=%.2f"
                        + " load_s=%.1f load_orders_s=%.0f load_java_cpu=%.2f load_pg_backend_cpu=%.2f load_machine_busy=%.2f"
                        + " max_xact_ms=%d"
                        + " upstream_requests=%d upstream_ids=%d upstream_changed=%d upstream_completed=%d upstream_max_in_flight=%d"
                        + " still_active=%d provider_errors=%d %s%n",
                active, passSeconds, active / passSeconds, active / passSeconds / 100, inFlight, tick,
                passCpu.java(), passCpu.pgBackends(), passCpu.pgAll(), passCpu.upstream(), passCpu.machineBusy(),
                loadSeconds, loadIds / loadSeconds, loadCpu.java(), loadCpu.pgBackends(), loadCpu.machineBusy(),
                maxXactMs,
                up.get("status_requests"), up.get("ids"), up.get("changed"), up.get("completed"), up.get("max_in_flight"),
                stillActive, errors, hot);
        pg.close();
        // the API alone again, on the same (now warm) database: bench/run measures the idle reference here too
        System.out.println("STOPPED");
        waitFor(Path.of(control + ".end"), deadline);
        panel.close();
        System.exit(0);
    }

    private static boolean waitFor(Path file, long deadline) throws InterruptedException {
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(100);
        }
        return true;
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.exit(1);
    }

    /** The fake upstream's counters ({@code action=bench_stats}). */
    private static final class UpstreamStats {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final HttpRequest request;

        UpstreamStats(int port) {
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2"))
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("key=x&action=bench_stats")).build();
        }

        Map<String, Long> read() throws Exception {
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Long> out = new HashMap<>();
            Matcher m = NUMBER.matcher(body);
            while (m.find()) out.put(m.group(1), Long.parseLong(m.group(2)));
            if (!out.containsKey("ids")) throw new IllegalStateException("upstream stats: " + body);
            return out;
        }
    }

    /**
     * CPU seconds since {@link #restart}: this JVM, the PostgreSQL backends serving this database (found in
     * pg_stat_activity at each sample; a backend that appears later counts from its start), every postgres process of
     * the machine (the embedded server's processes are named postgres too: on {@code embedded:} this is its server
     * plus any other PostgreSQL running), the fake upstream, and the machine as a whole (/proc/stat, as a fraction of all cores).
     */
    private static final class Cpu {
        private static final double TICK = 100.0; // USER_HZ on Linux
        private final long upstreamPid;
        private final Connection pg;
        private final Map<Long, Long> backendFirst = new HashMap<>(), backendLast = new HashMap<>();
        private final Map<Long, Long> pgFirst = new HashMap<>(), pgLast = new HashMap<>();
        private long java0, upstream0 = -1, upstreamLast, busy0, total0;
        private boolean started;

        Cpu(long upstreamPid, Connection pg) {
            this.upstreamPid = upstreamPid;
            this.pg = pg;
        }

        record Totals(double java, double pgBackends, double pgAll, double upstream, double machineBusy) {}

        void restart() {
            started = false;
            backendFirst.clear();
            backendLast.clear();
            pgFirst.clear();
            pgLast.clear();
            upstream0 = -1;
            sample();
        }

        void sample() {
            boolean first = !started;
            if (first) {
                java0 = javaCpuNanos();
                long[] m = machine();
                busy0 = m[0];
                total0 = m[1];
                started = true;
            }
            try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) track(backendFirst, backendLast, rs.getLong(1), first);
            } catch (Exception e) {
                System.err.println("pg sample: " + e);
            }
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    String name = d.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    try {
                        if (Files.readString(d.resolve("comm")).strip().equals("postgres")) track(pgFirst, pgLast, Long.parseLong(name), first);
                    } catch (Exception gone) { /* exited */ }
                }
            } catch (Exception e) {
                System.err.println("proc scan: " + e);
            }
            if (upstreamPid > 0) {
                long t = ticks(upstreamPid);
                if (t >= 0) {
                    if (upstream0 < 0) upstream0 = t;
                    upstreamLast = t;
                }
            }
        }

        private static void track(Map<Long, Long> firstSeen, Map<Long, Long> last, long pid, boolean atStart) {
            long t = ticks(pid);
            if (t < 0) return;
            firstSeen.putIfAbsent(pid, atStart ? t : 0L);
            last.put(pid, t);
        }

        /** The longest-running transaction of this database's other sessions now, in ms. */
        long longestTransactionMillis() {
            try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT COALESCE(MAX(EXTRACT(EPOCH FROM (clock_timestamp() - xact_start)) * 1000), 0) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL""")) {
                rs.next();
                return (long) rs.getDouble(1);
            } catch (Exception e) {
                return 0;
            }
        }

        Totals totals(double seconds) {
            long[] m = machine();
            double java = (javaCpuNanos() - java0) / 1e9 / seconds;
            return new Totals(java, sum(backendFirst, backendLast) / TICK / seconds, sum(pgFirst, pgLast) / TICK / seconds,
                    upstream0 < 0 ? 0 : (upstreamLast - upstream0) / TICK / seconds,
                    (m[1] - total0) == 0 ? 0 : (double) (m[0] - busy0) / (m[1] - total0) * Runtime.getRuntime().availableProcessors());
        }

        private static long sum(Map<Long, Long> first, Map<Long, Long> last) {
            long s = 0;
            for (var e : last.entrySet()) s += e.getValue() - first.getOrDefault(e.getKey(), 0L);
            return s;
        }

        private static long javaCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** utime + stime of a process, in clock ticks; -1 if it is gone. */
        private static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the whole line
            } catch (Exception e) {
                return -1;
            }
        }

        /** {busy, total} jiffies of all cores. */
        private static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (Exception e) {
                return new long[] {0, 0};
            }
        }
    }
}
