package org.opensmm.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A reply body read as it streams in and given up on the moment it passes the cap: a panel that answers a status poll
 * with 400 MB costs us the cap, not 400 MB (HttpClient's own handlers keep everything they are sent).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body passed the cap; the connection is dropped. */
    static final class TooLarge extends IOException {
        TooLarge() { super("reply too large"); }
    }

    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap) { this.cap = cap; }

    @Override public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) return; // buffers already on their way after a cancel
        for (ByteBuffer b : items) {
            if (b.remaining() > cap - bytes.size()) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge());
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override public void onError(Throwable t) { body.completeExceptionally(t); }

    @Override public void onComplete() { body.complete(bytes.toByteArray()); }

    @Override public CompletionStage<byte[]> getBody() { return body; }
}
