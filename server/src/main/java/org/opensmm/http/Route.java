package org.opensmm.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One path pattern in the table: its handlers by method (already wrapped), and the front that words its errors. */
final class Route {
    final String pattern;
    final Front front;
    private final String[] methods;
    private final Handler[] handlers;
    private final String[] segments; // of a pattern with parameters; null for an exact path
    private final String[] names;    // the parameters' names, in order

    Route(String pattern, Front front, List<String> methods, List<Handler> handlers) {
        this.pattern = pattern;
        this.front = front;
        this.methods = methods.toArray(String[]::new);
        this.handlers = handlers.toArray(Handler[]::new);
        if (hasParams(pattern)) {
            this.segments = pattern.substring(1).split("/", -1);
            this.names = java.util.Arrays.stream(segments).filter(Route::isParam).map(s -> s.substring(1, s.length() - 1)).toArray(String[]::new);
        } else {
            this.segments = null;
            this.names = null;
        }
    }

    static boolean hasParams(String pattern) { return pattern.indexOf('{') >= 0; }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    /** The handler for this method, or null (405). */
    Handler handler(String method) {
        for (int i = 0; i < methods.length; i++) if (methods[i].equals(method)) return handlers[i];
        return null;
    }

    Set<String> methods() { return new LinkedHashSet<>(List.of(methods)); }

    /** For a pattern with parameters: true, and the request given their values, when {@code path} fits it. */
    boolean match(String path, Request request) {
        String[] values = new String[names.length];
        int at = 1, n = 0; // start of the current segment in path
        if (!path.startsWith("/")) return false;
        for (String segment : segments) {
            if (at > path.length()) return false; // the path ran out first
            int end = path.indexOf('/', at);
            if (end < 0) end = path.length();
            if (isParam(segment)) {
                if (end == at) return false;
                values[n++] = path.substring(at, end);
            } else if (end - at != segment.length() || !path.startsWith(segment, at)) {
                return false;
            }
            at = end + 1;
        }
        if (at != path.length() + 1) return false; // the path goes on
        request.params(names, values);
        return true;
    }
}
