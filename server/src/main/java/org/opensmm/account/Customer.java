package org.opensmm.account;

import org.opensmm.ledger.Money;

public record Customer(long id, String name, Money balance, boolean enabled, long createdAt) {}
