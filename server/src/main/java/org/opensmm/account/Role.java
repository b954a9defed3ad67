package org.opensmm.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A staff account's role, and what each role may do: the one table every admin front checks. */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    MANAGER(EnumSet.of(Permission.ORDERS_READ, Permission.ORDERS, Permission.CUSTOMERS, Permission.CATALOGUE,
            Permission.PROVIDERS, Permission.TICKETS, Permission.PAYMENTS, Permission.QUEUES, Permission.REPORTS)),
    SUPPORT(EnumSet.of(Permission.ORDERS_READ, Permission.TICKETS, Permission.QUEUES));

    /** What a front asks before it calls a use case. */
    public enum Permission {
        ORDERS_READ,  // list and read orders
        ORDERS,       // change orders: status, partial, link, cancel, resend, pull and report manual work
        QUEUES,       // the refill and cancel request queues: pull, reject, set refill status
        CUSTOMERS,    // list, create, edit customers
        CATALOGUE,    // services and categories
        PROVIDERS,    // upstream providers and mappings
        TICKETS,      // read and answer tickets
        PAYMENTS,     // list payments, add funds (payments/add)
        STAFF,        // staff accounts and Admin API keys
        SETTINGS,     // panel settings
        AUDIT,        // read the audit log
        REPORTS       // the money reports: revenue, cost, profit
    }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) { this.permissions = permissions; }

    public boolean may(Permission p) { return permissions.contains(p); }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String text) {
        for (Role r : values()) if (r.wire().equalsIgnoreCase(text == null ? "" : text.strip())) return r;
        throw new Refused("a role is owner, manager or support, not '" + text + "'");
    }
}
