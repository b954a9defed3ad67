package org.opensmm.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One open transaction: thin, typed JDBC with positional arguments. */
public final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    public interface Row<T> { T map(ResultSet rs) throws SQLException; }

    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Inserts one row and returns its generated {@code id}. */
    public long insert(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) throw new SQLException("no generated key for: " + sql);
                return keys.getLong(1);
            }
        }
    }

    /** One statement run for each row of arguments in one round trip; the rows each changed, in order. */
    public int[] batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return new int[0];
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.NO_GENERATED_KEYS)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<T>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    public long count(String sql, Object... args) throws SQLException {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /**
     * " LIMIT n" with n written into the statement, not bound: PostgreSQL prices a bound limit as a tenth of the table,
     * finds its generic plan dearer than the custom ones and then plans again on every execution (most of a page query's
     * cost); with a literal it keeps one plan per connection.
     */
    public static String limit(int n) { return " LIMIT " + Math.max(0, n); }

    /** {@link #limit}, then " OFFSET m" written in for the same reason. */
    public static String page(int limit, long offset) { return limit(limit) + " OFFSET " + Math.max(0, offset); }

    /** IN lists are padded to these sizes, so a handful of statements serve every request and stay prepared. */
    private static final int[] IN_SIZES = {1, 2, 5, 10, 25, 50, 100};

    /** An IN list's marks and the whole argument list: {@code first}, then the ids, padded by repeating the last. */
    public record InList(String marks, Object[] args) {}

    /** For up to 100 ids (more get their own size); ids must not be empty. */
    public static InList in(Object first, List<Long> ids) {
        int size = ids.size();
        for (int s : IN_SIZES) if (s >= size) { size = s; break; }
        Object[] args = new Object[size + 1];
        args[0] = first;
        for (int i = 0; i < size; i++) args[i + 1] = ids.get(Math.min(i, ids.size() - 1));
        return new InList(marks(size), args);
    }

    /** "?, ?, ?" for an IN list of n values. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql, Statement.NO_GENERATED_KEYS);
        bind(ps, args);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof SqlValue v) ps.setObject(i + 1, v.sqlValue());
            else ps.setObject(i + 1, a);
        }
    }
}
