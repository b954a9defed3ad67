package org.opensmm.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} and bare {@code --flag} options; every main documents its own in its usage line. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
    }

    String string(String name, String fallback) { return values.getOrDefault(name, fallback); }

    String required(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("missing --" + name);
        return v;
    }

    long number(String name, long fallback) { return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback; }

    boolean flag(String name) { return values.containsKey(name); }
}
