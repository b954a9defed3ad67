package org.opensmm.client;

import java.math.BigDecimal;

/**
 * One entry of an upstream's {@code services} list. {@code rate} is the price per 1000 units (per package for Package
 * types) in the upstream's currency, exact as sent ("0.90" keeps its scale). {@code cancel} is false when the panel
 * omits it, as some do. {@code dripFeed} is null when the panel does not say ("dripfeed" absent); {@code desc} is ""
 * when absent or null.
 */
public record ServiceInfo(long service, String name, String type, String category, BigDecimal rate,
                          long min, long max, boolean refill, boolean cancel, Boolean dripFeed, String desc) {

    public ServiceInfo {
        desc = desc == null ? "" : desc;
    }

    /** An entry of a panel that sends neither "dripfeed" nor "desc". */
    public ServiceInfo(long service, String name, String type, String category, BigDecimal rate, long min, long max,
                       boolean refill, boolean cancel) {
        this(service, name, type, category, rate, min, max, refill, cancel, null, "");
    }
}
