package org.opensmm.api;

/** Ways a real upstream panel misbehaves, which the simulated provider can act out on /api/v2. */
public enum Fault {
    /** The request is carried out, but the reply comes only after a long delay (past a client's timeout). */
    TIMEOUT,
    /** HTTP 500 with a JSON body; nothing was done. */
    SERVER_ERROR,
    /** HTTP 502 with an HTML page, as a proxy in front of a dead panel sends; nothing was done. */
    HTML,
    /** HTTP 200 with an empty body; nothing was done. */
    EMPTY,
    /** The request is carried out, then the connection drops before the reply: the nastiest case for an add. */
    LOST_REPLY
}
