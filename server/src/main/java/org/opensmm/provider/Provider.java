package org.opensmm.provider;

import java.net.URI;

/**
 * An upstream panel we forward orders to. {@code onAddError} says what an upstream error reply to {@code add} does to
 * the order; {@code maxInFlight} bounds concurrent calls of one kind per process so one slow provider cannot take all.
 */
public record Provider(long id, String name, URI apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight,
                       boolean enabled, long createdAt, Compat compat) {

    public Provider {
        compat = compat == null ? Compat.NONE : compat;
    }

    public Provider(long id, String name, URI apiUrl, String apiKey, AddErrorPolicy onAddError, int maxInFlight,
                    boolean enabled, long createdAt) {
        this(id, name, apiUrl, apiKey, onAddError, maxInFlight, enabled, createdAt, Compat.NONE);
    }

    /**
     * How this provider departs from PROTOCOL.md, so a quirky panel needs no code change. Set by the operator
     * ({@code provider edit}) or learned from the provider's own refusals.
     *
     * @param packageQuantity send {@code quantity=1} with Package adds (a panel answers "Quantity is required" without it)
     * @param usernameAsLink  send the username as {@code link} with Subscriptions adds (a panel answers "Bad Link" without it)
     * @param refill          false: the provider answers refill "This action is Invalid"; our services mapped to it offer none
     * @param cancel          false: likewise for cancel
     */
    public record Compat(boolean packageQuantity, boolean usernameAsLink, boolean refill, boolean cancel) {
        public static final Compat NONE = new Compat(false, false, true, true);

        public String describe() {
            var out = new java.util.StringJoiner(", ");
            if (packageQuantity) out.add("package quantity=1");
            if (usernameAsLink) out.add("username as link");
            if (!refill) out.add("no refill");
            if (!cancel) out.add("no cancel");
            return out.length() == 0 ? "-" : out.toString();
        }
    }

    /** The add fields as this provider takes them: ours as they are, plus what its compatibility options ask for. */
    public java.util.Map<String, String> addFields(org.opensmm.catalog.ServiceType type, java.util.Map<String, String> fields) {
        var out = new java.util.LinkedHashMap<>(fields);
        if (compat.packageQuantity() && type == org.opensmm.catalog.ServiceType.PACKAGE) out.putIfAbsent("quantity", "1");
        if (compat.usernameAsLink() && type == org.opensmm.catalog.ServiceType.SUBSCRIPTIONS && fields.get("username") != null) {
            out.putIfAbsent("link", fields.get("username"));
        }
        return out;
    }

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
