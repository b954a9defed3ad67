package org.opensmm.http;

import java.time.Duration;

/**
 * What one server takes at most, and how long a client may take.
 *
 * @param maxBody        bytes of a request body; past it 413 before the rest is read
 * @param maxInFlight    requests being answered at once; past it 503 at once, without spawning a thread
 * @param maxConnections open connections, past which a new one is closed at once
 * @param idle           a connection waiting for its next request is closed after this (see {@link Connections})
 * @param header         a request's headers must arrive within this of its first byte
 * @param body           a request's body must arrive within this of its headers
 */
public record Limits(int maxBody, int maxInFlight, int maxConnections, Duration idle, Duration header, Duration body) {}
