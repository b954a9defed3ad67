package org.opensmm.api;

/**
 * A small JSON writer for replies. Key order is the order of the calls, which is the wire contract
 * (PROTOCOL.md pins field order), so replies are written by hand rather than through a mapper.
 */
public final class Json {
    private final StringBuilder out = new StringBuilder(128);
    private boolean first = true;

    public Json open() { comma(); out.append('{'); first = true; return this; }
    public Json close() { out.append('}'); first = false; return this; }
    public Json openList() { comma(); out.append('['); first = true; return this; }
    public Json closeList() { out.append(']'); first = false; return this; }

    /** Starts a member; the next value call writes its value. */
    public Json key(String name) {
        comma();
        quote(name);
        out.append(':');
        first = true; // the value that follows takes no comma
        return this;
    }

    public Json string(String value) { comma(); quote(value); return this; }
    public Json number(long value) { comma(); out.append(value); return this; }
    public Json bool(boolean value) { comma(); out.append(value); return this; }

    public Json field(String name, String value) { return key(name).string(value); }
    public Json field(String name, long value) { return key(name).number(value); }
    public Json field(String name, boolean value) { return key(name).bool(value); }

    /** An id as the caller gave it: a number when it is one, else the text. */
    public Json id(String token) {
        return ApiV2.isId(token) ? number(Long.parseLong(token)) : string(token);
    }

    public Json error(String text) { return open().field("error", text).close(); }

    public static String errorReply(String text) { return new Json().error(text).toString(); }

    private void comma() {
        if (!first) out.append(',');
        first = false;
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // escape controls and the line separators JavaScript once choked on
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    @Override public String toString() { return out.toString(); }
}
