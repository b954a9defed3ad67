package org.opensmm.testing;

import org.opensmm.db.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty PostgreSQL database per panel: on the server named by -Dopensmm.test.pg (CI: the machine's), or else
 * on one embedded server started for this test run in a temp folder. {@link #drop} removes it again, and the embedded
 * server and its folder go when the run ends, so a run leaves nothing behind.
 */
public final class TestDb {
    private TestDb() {}

    private static final String PREFIX = "opensmm_test_";

    /** A JDBC URL of a new empty database. */
    public static String fresh() {
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String admin = admin();
        try (var c = DriverManager.getConnection(admin); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + admin.replaceAll("password=[^&]*", "password=…")
                    + " is required by the tests: " + e.getMessage(), e);
        }
        return admin.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database made by {@link #fresh}; its pool must be closed (any connection left is ended). */
    public static void drop(String url) {
        String name = url.replaceFirst("^.*/(" + PREFIX + "[0-9a-f]+).*$", "$1");
        if (!name.startsWith(PREFIX)) return;
        try (var c = DriverManager.getConnection(admin()); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The admin URL: the configured server's {@code postgres} database, or the embedded server's. */
    private static String admin() {
        String configured = System.getProperty("opensmm.test.pg", "");
        return configured.isBlank() ? Embedded.SERVER.jdbcUrl("postgres") : configured;
    }

    /** One embedded server for the whole run, started on first use (about 2 s) and removed with its folder at exit. */
    private static final class Embedded {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                Path dir = Files.createTempDirectory("opensmm-test-pg-");
                EmbeddedPostgres server = EmbeddedPostgres.open(dir.resolve("postgres"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    deleteTree(dir);
                }));
                return server;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Deletes a folder a test made, with everything in it. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
