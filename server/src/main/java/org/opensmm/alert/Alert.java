package org.opensmm.alert;

/**
 * One alert as the operator sees it: what is wrong ({@code key} names the rule and its subject, {@code text} says it
 * in words as first seen), since when, and whether the mail and the webhook have gone out (null: not yet, or that
 * channel is not configured).
 */
public record Alert(long id, String key, String text, long openedAt, Long clearedAt, Long mailedAt, Long postedAt) {
    public boolean open() { return clearedAt == null; }
}
