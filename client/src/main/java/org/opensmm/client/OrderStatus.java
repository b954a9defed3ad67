package org.opensmm.client;

import java.math.BigDecimal;

/**
 * An order's state upstream. {@code charge}, {@code startCount}, {@code remains} and {@code currency} are null when the
 * panel leaves them out or says "Unknown"; {@code rawStatus} is the status text as sent, so that an unrecognised one
 * ({@link Status#UNKNOWN}) can still be shown to the operator.
 */
public record OrderStatus(BigDecimal charge, Long startCount, Status status, Long remains, String currency,
                          String rawStatus) {}
