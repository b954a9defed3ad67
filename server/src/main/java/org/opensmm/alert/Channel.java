package org.opensmm.alert;

/** A way to tell the operator: mail or a webhook. {@code send} throws when the message did not get through. */
public interface Channel {
    /** The alert column that records this channel's delivery. */
    String column();

    /** Whether {@code alert} went out by this channel already. */
    boolean delivered(Alert alert);

    void send(Alert alert) throws Exception;
}
