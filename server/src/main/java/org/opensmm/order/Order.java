package org.opensmm.order;

import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;

import java.util.Map;

/**
 * An order as stored. {@code quantity} is every unit to deliver (runs × per-run quantity for drip-feed);
 * {@code charge} is what was debited at add, {@code refunded} what came back. {@code stage} is the fulfilment
 * engine's own state ({@link Stage}), never shown on the wire; {@code cancelState} is null until a cancel is asked for.
 */
public record Order(long id, long customerId, long serviceId, ServiceType type, Long parentId, String link, long quantity,
                    Integer runs, Integer interval, Map<String, String> fields, Money rate, Money charge, Money refunded,
                    Status status, long startCount, long remains, CancelState cancelState, Long completedAt, Stage stage,
                    Long providerId, String externalId, String providerError, long createdAt, long updatedAt) {

    /** What the order finally costs: the charge less any refund. */
    public Money finalCharge() { return charge.minus(refunded); }

    public boolean dripFeed() { return runs != null && runs > 1; }

    /** The type's own fields (comments, usernames, poll answer…): link, quantity, runs and interval have columns of their own. */
    public Map<String, String> ownFields() {
        var own = new java.util.LinkedHashMap<>(fields);
        own.keySet().removeAll(java.util.List.of("link", "quantity", "runs", "interval", "service"));
        return own;
    }
}
