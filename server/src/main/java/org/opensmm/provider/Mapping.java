package org.opensmm.provider;

/**
 * Our service {@code serviceId} fulfilled by {@code upstreamService} at provider {@code providerId}. With
 * {@code upstreamDrip} a drip-feed order is forwarded with its runs and interval; without, we deliver the runs
 * ourselves as child orders, one per interval.
 */
public record Mapping(long serviceId, long providerId, long upstreamService, PriceRule rule, boolean upstreamDrip) {}
