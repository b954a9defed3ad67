package org.opensmm.api;

/**
 * Refusals only API v2 gives: of the key, the rate, the request's size or the server's load. What the domain refuses is
 * a {@link org.opensmm.core.Reason}. The wire text of both lives in {@link ErrorText} only.
 */
public enum ApiError {
    INVALID_KEY, TOO_MANY_IDS, TOO_MANY_REQUESTS, REQUEST_TOO_LARGE, BUSY, INTERNAL
}
