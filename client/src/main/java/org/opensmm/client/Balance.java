package org.opensmm.client;

import java.math.BigDecimal;

/** Our balance at an upstream panel; {@code currency} is null when the panel does not say. */
public record Balance(BigDecimal balance, String currency) {}
