package org.opensmm.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Plain aligned text for a person: columns of rows, or labelled fields. Numbers line up on the right, text on the left. */
final class Table {
    private static final String NONE = "-";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) { this.headers = List.of(headers); }

    /** One row; null cells show as "-". Control characters show as text (a line break as \n): the columns stay true. */
    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(c -> c == null ? NONE : Visible.text(String.valueOf(c))).toList());
        return this;
    }

    boolean isEmpty() { return rows.isEmpty(); }

    void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        boolean[] right = new boolean[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            boolean anyNumber = false, allNumbers = true;
            for (List<String> r : rows) {
                String cell = r.get(c);
                width[c] = Math.max(width[c], cell.length());
                if (NUMBER.matcher(cell).matches()) anyNumber = true;
                else if (!cell.equals(NONE)) allNumbers = false;
            }
            right[c] = anyNumber && allNumbers;
        }
        out.println(line(headers, width, right));
        for (List<String> r : rows) out.println(line(r, width, right));
    }

    private static String line(List<String> cells, int[] width, boolean[] right) {
        var line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) line.append("  ");
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            line.append(right[c] ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
        }
        return line.toString();
    }

    /**
     * Labelled fields, one per line, values aligned; a value of several lines keeps them under each other, and any other
     * control character shows as text.
     */
    static final class Fields {
        private final Map<String, String> fields = new LinkedHashMap<>();

        Fields add(String label, Object value) {
            fields.put(label, value == null ? NONE : String.valueOf(value));
            return this;
        }

        void print(PrintWriter out) {
            int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
            fields.forEach((label, value) -> {
                String[] lines = value.split("\r?\n", -1);
                out.println(label + " ".repeat(width - label.length() + 2) + Visible.text(lines[0]));
                for (int i = 1; i < lines.length; i++) out.println(" ".repeat(width + 2) + Visible.text(lines[i]));
            });
        }
    }
}
