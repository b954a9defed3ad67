package org.opensmm.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections: at most {@code max} of them, and each with a deadline for what it owes next — its next
 * request (idle), the rest of the headers once a request has begun (slowloris), the rest of the body. One sweep a
 * fraction of a second closes the late ones, so a request costs a few field writes, not a timer. While a request is
 * being answered there is no deadline: the wait is ours.
 */
final class Connections {
    private static final long NONE = Long.MAX_VALUE;

    private final int max;
    private final long idle, header, body; // nanoseconds
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    Connections(Limits limits, EventLoopGroup sweeper) {
        this.max = limits.maxConnections();
        this.idle = limits.idle().toNanos();
        this.header = limits.header().toNanos();
        this.body = limits.body().toNanos();
        long shortest = Math.min(idle, Math.min(header, body)) / 1_000_000;
        long every = Math.clamp(shortest / 4, 10, 1000); // closes within a quarter past the deadline, at most a second
        sweeper.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a new connection under watch; null when at the cap (the caller closes it). The connection's two handlers
     * go before and after the HTTP decoder: one sees a request's first bytes, the other its parsed parts.
     */
    Connection admit(Channel channel) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return null;
        }
        var c = new Connection(channel);
        open.add(c);
        channel.closeFuture().addListener(f -> {
            open.remove(c);
            count.decrementAndGet();
        });
        return c;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection c : open) {
            long d = c.deadline;
            if (d != NONE && now - d > 0) c.channel.close();
        }
    }

    private enum Phase { WAITING, HEAD, BODY, ANSWERING }

    final class Connection extends ChannelDuplexHandler {
        private final Channel channel;
        private volatile long deadline;         // System.nanoTime() by which the client owes the next part; NONE
        private Phase phase = Phase.WAITING;    // the fields below are the event loop's alone
        private boolean early;                  // bytes of the next request arrived while this one was answered

        private Connection(Channel channel) {
            this.channel = channel;
            this.deadline = System.nanoTime() + idle;
        }

        /** Before the decoder: starts the header clock, and drops at once what cannot be HTTP (a TLS ClientHello). */
        final ChannelInboundHandlerAdapter firstBytes = new ChannelInboundHandlerAdapter() {
            @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.ANSWERING) early = true;
                if (phase == Phase.WAITING && msg instanceof ByteBuf bytes) {
                    int first = firstNonBlankLine(bytes);
                    if (first >= 0 && !isLetter(first)) {
                        ReferenceCountUtil.release(msg);
                        ctx.close(); // a request line starts with a method name; 0x16 0x03 is TLS, and there is no reply it reads
                        return;
                    }
                    if (first >= 0) expect(Phase.HEAD, header);
                }
                ctx.fireChannelRead(msg);
            }
        };

        /** After the decoder: the headers are in, then the body; once the reply has gone, the next request may come. */
        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) expect(Phase.BODY, body);
            if (msg instanceof LastHttpContent) {
                phase = Phase.ANSWERING;
                deadline = NONE;
            }
            ctx.fireChannelRead(msg);
        }

        @Override public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && phase == Phase.ANSWERING) { // not a 100 Continue amid a body
                promise = promise.unvoid();
                promise.addListener(f -> {
                    if (phase != Phase.ANSWERING) return;
                    if (early) expect(Phase.HEAD, header);
                    else expect(Phase.WAITING, idle);
                    early = false;
                });
            }
            ctx.write(msg, promise);
        }

        private void expect(Phase next, long within) {
            phase = next;
            deadline = System.nanoTime() + within;
        }
    }

    /** The first byte that is not CR or LF (RFC 9112 §2.2 lets empty lines precede a request), or -1. */
    private static int firstNonBlankLine(ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
            byte b = bytes.getByte(i);
            if (b != '\r' && b != '\n') return b & 0xff;
        }
        return -1;
    }

    private static boolean isLetter(int b) { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'); }
}
