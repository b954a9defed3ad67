package org.opensmm.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh, empty database of the kind this run tests: the embedded default (H2 files in a temp dir) or PostgreSQL
 * (a new database on the server named by -Dopensmm.test.pg). The suite runs once per kind (see server/pom.xml).
 */
public final class TestDb {
    private TestDb() {}

    public static boolean postgres() { return "postgres".equals(System.getProperty("opensmm.test.db", "h2")); }

    public static String kind() { return postgres() ? "postgres" : "h2"; }

    /** A JDBC URL of a new empty database. */
    public static String fresh() {
        String name = "opensmm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (postgres()) {
            String admin = System.getProperty("opensmm.test.pg", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
            try (var c = DriverManager.getConnection(admin); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + admin + " is required for the postgres run: " + e.getMessage(), e);
            }
            return admin.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        }
        try {
            Path dir = Files.createTempDirectory("opensmm-test-");
            return "jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
