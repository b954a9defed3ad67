package org.opensmm.payment;

import java.net.URI;

/** The origin (scheme://host[:port]) of a base URL, for a Content-Security-Policy source. */
final class Origins {
    private Origins() {}

    static String of(String base, String fallback) {
        if (base == null || base.isBlank()) return fallback;
        try {
            URI u = URI.create(base.strip());
            if (u.getScheme() == null || u.getHost() == null) return fallback;
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
