package org.opensmm.provider;

import java.net.URI;

/**
 * An upstream panel we forward orders to. {@code onAddError} says what an upstream error reply to {@code add} does to
 * the order; {@code maxInFlight} bounds concurrent calls of one kind per process so one slow provider cannot take all.
 */
public record Provider(long id, String name, URI apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight,
                       boolean enabled, long createdAt) {

    /** What happens to an order whose {@code add} the provider answered with an error ("Not enough funds on balance"). */
    public enum AddErrorPolicy {
        /** Try again later, with growing pauses, up to the engine's attempt limit; then to the operator. */
        RETRY,
        /** Straight to the operator, who resends or refunds. */
        FAIL;

        public static AddErrorPolicy parse(String text) {
            for (AddErrorPolicy p : values()) if (p.name().equalsIgnoreCase(text == null ? "" : text.strip())) return p;
            throw new IllegalArgumentException("on-add-error must be retry or fail, not '" + text + "'");
        }
    }

    /** The key as an operator may see it on screen: enough to tell two keys apart, not enough to use one. */
    public String maskedKey() {
        return apiKey.length() <= 8 ? "****" : apiKey.substring(0, 4) + "…" + apiKey.substring(apiKey.length() - 4);
    }
}
