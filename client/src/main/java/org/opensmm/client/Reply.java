package org.opensmm.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON reply that carried no error, with its text kept for {@link Outcome.NoReply#raw()} if its shape surprises us. */
record Reply(JsonNode json, String raw) {

    <T> Outcome<T> unexpected() {
        return Outcome.noReply("unexpected reply", raw);
    }
}
