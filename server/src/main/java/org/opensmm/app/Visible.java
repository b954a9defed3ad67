package org.opensmm.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text from customers, upstream panels and the database, made harmless for a terminal: every control character (C0,
 * DEL, C1) shows as {@code \n}, {@code \r}, {@code \t} or {@code \x1b} instead of acting, so a name or a link cannot
 * clear the screen, set the window title or forge a line of output.
 */
final class Visible {
    private Visible() {}

    static String text(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (!control) {
                if (out != null) out.append(c);
            } else {
                out.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\x%02x", (int) c);
                });
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * What operator commands print through: everything written is made visible, and only {@code println} ends a line.
     * Nothing a command prints can act on the terminal, whichever value it forgot to pass through {@link #text}.
     */
    static PrintWriter printer(Writer to) {
        return new PrintWriter(to, true) {
            @Override public void write(String s, int off, int len) { raw(text(s.substring(off, off + len))); }

            @Override public void write(char[] buf, int off, int len) { write(new String(buf, off, len)); }

            @Override public void write(int c) { write(String.valueOf((char) c)); }

            @Override public void println() {
                raw(System.lineSeparator());
                flush();
            }

            private void raw(String s) {
                synchronized (lock) {
                    try {
                        out.write(s);
                    } catch (IOException e) {
                        setError();
                    }
                }
            }
        };
    }
}
