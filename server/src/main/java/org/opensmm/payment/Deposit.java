package org.opensmm.payment;

import org.opensmm.ledger.Money;

/**
 * One deposit as stored: {@code amount} is what the server decided the customer pays (fee included), {@code credit}
 * what the balance gets (bonus included). {@code externalId} is the gateway's payment id (Stripe: the Checkout Session).
 */
public record Deposit(long id, long customerId, String method, String externalId, Money amount, Money credit, String currency,
                      DepositState state, String reference, String note, String decision, long createdAt) {}
