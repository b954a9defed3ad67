package org.opensmm.ops;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A consistent online copy of the panel's database without pg_dump (the embedded server ships none): one read-only
 * REPEATABLE READ transaction, so every table is read from the same snapshot while the panel goes on serving, and
 * each table's rows as COPY text through pgjdbc's CopyManager, all in one gzip file:
 * <pre>
 * OPENSMM-BACKUP 1
 * schema 4                      the Flyway version the rows fit
 * created 2025-01-01T00:00:00Z
 * table customer id,name,…      then the table's COPY lines, then a line "\." (COPY's own end mark)
 * end
 * </pre>
 * A restore builds the schema up to that version on an empty database, copies the rows in (tables in foreign-key
 * order, one transaction), moves each identity sequence past its highest id, then migrates to this build's version.
 */
public final class Backup {
    static final String MAGIC = "OPENSMM-BACKUP 1";
    static final String HISTORY = "flyway_schema_history";
    private static final String LOCATIONS = "classpath:db/migration";

    private Backup() {}

    /** What a backup or restore did: the schema version and the rows per table. */
    public record Summary(String schema, Map<String, Long> rows) {}

    /** Writes the database at {@code url} to {@code out} (closed when done). */
    public static Summary write(String url, OutputStream out) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url); var gz = new GZIPOutputStream(out, 1 << 16)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String schema = schemaVersion(c); // the first statement takes the snapshot every later one reads
            line(gz, MAGIC);
            line(gz, "schema " + schema);
            line(gz, "created " + Instant.now());
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            var rows = new java.util.LinkedHashMap<String, Long>();
            for (String table : tables(c)) {
                List<String> columns = columns(c, table);
                line(gz, "table " + table + " " + String.join(",", columns));
                rows.put(table, copy.copyOut("COPY " + quote(table) + " (" + quoted(columns) + ") TO STDOUT", gz));
                line(gz, "\\.");
            }
            line(gz, "end");
            c.commit();
            return new Summary(schema, rows);
        }
    }

    /**
     * Restores {@code in} into the empty database at {@code url}. Refused, changing nothing, when another session is
     * connected to it (a running panel), when any of its tables has rows, or when the backup is of a newer build.
     */
    public static Summary read(String url, InputStream in) throws SQLException, IOException {
        var src = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        if (!MAGIC.equals(readLine(src))) throw new IllegalArgumentException("not an OpenSMM backup (no '" + MAGIC + "' header)");
        String schema = field(readLine(src), "schema");
        field(readLine(src), "created");
        try (Connection c = DriverManager.getConnection(url)) {
            long others = count(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            if (others > 0) {
                throw new IllegalStateException("the target database is in use (" + others + " other connections: a running panel?);"
                        + " stop it, or restore into a new, empty database");
            }
            var flyway = Flyway.configure().dataSource(url, null, null).locations(LOCATIONS);
            String shipped = latest(flyway.load());
            if (compareVersions(schema, shipped) > 0) {
                throw new IllegalStateException("the backup is of schema " + schema + ", newer than this build's " + shipped + ": restore it with that build");
            }
            // a database this restore builds from nothing holds only what the migrations seed (e.g. payment methods):
            // the backup brings those rows too, so they make way; any other database must be empty
            boolean fresh = flyway.load().info().applied().length == 0;
            flyway.target(schema).load().migrate();
            if (!fresh) {
                for (String table : tables(c)) {
                    if (count(c, "SELECT count(*) FROM (SELECT 1 FROM " + quote(table) + " LIMIT 1) t") > 0) {
                        throw new IllegalStateException("the target database is not empty (table " + table + " has rows);"
                                + " restore only into a new, empty database");
                    }
                }
            }
            c.setAutoCommit(false);
            if (fresh) {
                try (var s = c.createStatement()) {
                    for (String table : tables(c).reversed()) s.execute("DELETE FROM " + quote(table)); // children first
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            var rows = new java.util.LinkedHashMap<String, Long>();
            var restored = new ArrayList<String>();
            for (String header = readLine(src); !"end".equals(header); header = readLine(src)) {
                if (header == null || !header.startsWith("table ")) throw new IllegalArgumentException("backup is cut short or damaged near: " + header);
                String[] parts = header.split(" ", 3);
                String table = parts[1];
                List<String> columns = parts.length > 2 ? List.of(parts[2].split(",")) : List.of();
                CopyIn copyIn = copy.copyIn("COPY " + quote(table) + " (" + quoted(columns) + ") FROM STDIN");
                try {
                    copyRows(src, copyIn);
                    rows.put(table, copyIn.endCopy());
                } finally {
                    if (copyIn.isActive()) copyIn.cancelCopy();
                }
                restored.add(table);
            }
            for (String table : restored) resetSequences(c, table);
            c.commit();
            flyway.target("latest").load().migrate();
            return new Summary(schema, rows);
        }
    }

    /** Feeds one table's lines to COPY, up to its end mark, in 64 KiB writes. */
    private static void copyRows(InputStream src, CopyIn copyIn) throws IOException, SQLException {
        var chunk = new ByteArrayOutputStream(1 << 16);
        var line = new ByteArrayOutputStream(256);
        while (true) {
            line.reset();
            int b;
            while ((b = src.read()) >= 0 && b != '\n') line.write(b);
            if (b < 0) throw new IllegalArgumentException("backup is cut short inside a table");
            if (line.size() == 2 && line.toByteArray()[0] == '\\' && line.toByteArray()[1] == '.') break;
            line.write('\n');
            line.writeTo(chunk);
            if (chunk.size() >= 1 << 16) {
                copyIn.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                chunk.reset();
            }
        }
        if (chunk.size() > 0) copyIn.writeToCopy(chunk.toByteArray(), 0, chunk.size());
    }

    /** Each identity or serial column's sequence is set past the highest id restored: the next insert does not collide. */
    private static void resetSequences(Connection c, String table) throws SQLException {
        for (String column : columns(c, table)) {
            String sequence;
            try (var s = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                s.setString(1, quote(table));
                s.setString(2, column);
                var rs = s.executeQuery();
                rs.next();
                sequence = rs.getString(1);
            }
            if (sequence == null) continue;
            try (var s = c.prepareStatement("SELECT setval(?::regclass, coalesce(max(" + quote(column) + "), 0) + 1, false) FROM " + quote(table))) {
                s.setString(1, sequence);
                s.executeQuery();
            }
        }
    }

    static String schemaVersion(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next()) throw new IllegalStateException("the database has no OpenSMM schema");
            return rs.getString(1);
        }
    }

    /** The schema's tables but Flyway's, parents before the tables that refer to them. */
    static List<String> tables(Connection c) throws SQLException {
        var all = new ArrayList<String>();
        try (var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname""")) {
            while (rs.next()) if (!rs.getString(1).equals(HISTORY)) all.add(rs.getString(1));
        }
        Map<String, Set<String>> parents = new HashMap<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = current_schema() AND child.oid <> parent.oid""")) {
            while (rs.next()) parents.computeIfAbsent(rs.getString(1), t -> new LinkedHashSet<>()).add(rs.getString(2));
        }
        var ordered = new LinkedHashSet<String>();
        for (String t : all) visit(t, parents, ordered, new LinkedHashSet<>());
        return new ArrayList<>(ordered);
    }

    private static void visit(String table, Map<String, Set<String>> parents, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) return; // a cycle: COPY checks at the end of each statement anyway
        for (String p : parents.getOrDefault(table, Set.of())) visit(p, parents, ordered, path);
        ordered.add(table);
    }

    static List<String> columns(Connection c, String table) throws SQLException {
        var out = new ArrayList<String>();
        try (var s = c.prepareStatement("""
                SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
                AND attgenerated = '' ORDER BY attnum""")) {
            s.setString(1, quote(table));
            var rs = s.executeQuery();
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String latest(Flyway flyway) {
        return java.util.Arrays.stream(flyway.info().all()).filter(m -> m.getVersion() != null
                        && m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                        && m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_FAILED)
                .map(m -> m.getVersion()).max(Comparable::compareTo).map(Object::toString).orElse("0");
    }

    static int compareVersions(String a, String b) {
        return org.flywaydb.core.api.MigrationVersion.fromVersion(a).compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(b));
    }

    private static String field(String line, String name) {
        if (line == null || !line.startsWith(name + " ")) throw new IllegalArgumentException("backup header lacks its '" + name + "' line");
        return line.substring(name.length() + 1);
    }

    static String quote(String identifier) { return '"' + identifier.replace("\"", "\"\"") + '"'; }

    private static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(Backup::quote).toList());
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') line.write(b);
        if (b < 0 && line.size() == 0) return null;
        return line.toString(StandardCharsets.UTF_8);
    }
}
