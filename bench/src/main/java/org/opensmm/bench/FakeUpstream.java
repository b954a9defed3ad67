package org.opensmm.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.opensmm.api.Form;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The upstream panel of the {@code sync} benchmark: answers API v2 {@code status} ({@code order=} and {@code orders=},
 * any ids) and {@code balance} at once, on the panel's HTTP stack (Netty, as {@link BareNettyServer}), loopback only.
 * A real OpenSMM panel holding a million orders would measure that panel's reads as much as our sync; this one costs
 * microseconds per batch, so the figures are the syncing panel's.
 *
 * <p>Every order is an "In progress" order of {@code --quantity} units, start count {@code 100 + id % 9000} (what
 * {@link SyncSeed} stores). Each time an id is polled a hash of (id, request number) decides: {@code --complete-pct}
 * of polls answer Completed (remains 0, and that id stays Completed), {@code --change-pct} deliver a few more units
 * (remains goes down, never below 1), the rest repeat the last answer, so the panel has nothing to write. Remains are
 * kept per id for ids below {@code --capacity}. {@code --delay-ms} holds each reply that long (a network round trip)
 * without blocking a thread.
 *
 * <p>{@code action=bench_stats} answers the counters as JSON: requests, status_requests, ids, changed, completed,
 * in_flight, max_in_flight. Usage: {@code FakeUpstream [--port 0] [--capacity 1000000] [--quantity 1000]
 * [--change-pct 50] [--complete-pct 1] [--delay-ms 0]}; prints {@code READY port=N}, serves until killed.
 */
public final class FakeUpstream {
    static final int QUANTITY = 1000;

    static long startCount(long id) { return 100 + Math.floorMod(id, 9000); }

    final int quantity;
    final int changePct;
    final int completePct;
    final long delayMs;
    /** Remains last answered per id: 0 = never polled (full quantity), -1 = Completed. */
    private final int[] remains;
    final LongAdder requests = new LongAdder();
    final AtomicLong statusRequests = new AtomicLong();
    final LongAdder ids = new LongAdder();
    final LongAdder changed = new LongAdder();
    final LongAdder completed = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    FakeUpstream(int capacity, int quantity, int changePct, int completePct, long delayMs) {
        this.remains = new int[capacity + 1];
        this.quantity = quantity;
        this.changePct = changePct;
        this.completePct = completePct;
        this.delayMs = delayMs;
    }

    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var fake = new FakeUpstream((int) args.number("capacity", 1_000_000), (int) args.number("quantity", QUANTITY),
                (int) args.number("change-pct", 50), (int) args.number("complete-pct", 1), args.number("delay-ms", 0));
        var acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        var io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(65536, 65536, 65536), new HttpObjectAggregator(1 << 20),
                                fake.new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", (int) args.number("port", 0))).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STATS " + fake.stats());
            channel.close().syncUninterruptibly();
            acceptor.shutdownGracefully();
            io.shutdownGracefully();
        }));
        System.out.println("READY port=" + ((InetSocketAddress) channel.localAddress()).getPort() + " pid="
                + ProcessHandle.current().pid() + " change_pct=" + fake.changePct + " complete_pct=" + fake.completePct
                + " delay_ms=" + fake.delayMs);
        new CountDownLatch(1).await();
    }

    String stats() {
        return "{\"requests\":" + requests.sum() + ",\"status_requests\":" + statusRequests.get() + ",\"ids\":" + ids.sum()
                + ",\"changed\":" + changed.sum() + ",\"completed\":" + completed.sum() + ",\"in_flight\":" + inFlight.get()
                + ",\"max_in_flight\":" + maxInFlight.get() + "}";
    }

    /** The reply to one request, as the panel's API would give it. */
    String answer(String body) {
        var form = Form.decode(body.strip(), new HashMap<>());
        String action = form.getOrDefault("action", "");
        switch (action) {
            case "balance":
                return "{\"balance\":\"100000.00\",\"currency\":\"USD\"}";
            case "bench_stats":
                return stats();
            case "status":
                break;
            default:
                return "{\"error\":\"Incorrect request\"}";
        }
        long request = statusRequests.incrementAndGet();
        String one = form.get("order");
        if (one != null) {
            Long id = number(one);
            return id == null ? "{\"error\":\"Incorrect order ID\"}" : order(new StringBuilder(160), id, request).toString();
        }
        String list = form.get("orders");
        if (list == null || list.isBlank()) return "{\"error\":\"Incorrect request\"}";
        String[] parts = list.split(",");
        if (parts.length > 100) return "{\"error\":\"Too many IDs\"}";
        var out = new StringBuilder(parts.length * 110 + 2).append('{');
        for (String part : parts) {
            if (out.length() > 1) out.append(',');
            String key = part.strip();
            out.append('"').append(key).append("\":");
            Long id = number(key);
            if (id == null) out.append("{\"error\":\"Incorrect order ID\"}");
            else order(out, id, request);
        }
        return out.append('}').toString();
    }

    private StringBuilder order(StringBuilder out, long id, long request) {
        ids.increment();
        int left = next(id, request);
        return out.append("{\"charge\":\"0.90\",\"start_count\":\"").append(startCount(id)).append("\",\"status\":\"")
                .append(left == 0 ? "Completed" : "In progress").append("\",\"remains\":\"").append(left)
                .append("\",\"currency\":\"USD\"}");
    }

    /** This poll's remains for {@code id}: 0 once completed. The panel polls an order from one call at a time. */
    private int next(long id, long request) {
        boolean kept = id > 0 && id < remains.length;
        int last = kept ? remains[(int) id] : 0;
        if (last < 0) return 0;
        if (last == 0) last = quantity;
        int roll = (int) Long.remainderUnsigned(mix(id * 0x9E3779B97F4A7C15L + request), 10_000);
        int left = last;
        if (roll < completePct * 100) {
            completed.increment();
            left = 0;
        } else if (roll < (completePct + changePct) * 100 && last > 1) {
            changed.increment();
            left = Math.max(1, last - 1 - roll % 20);
        }
        if (kept) remains[(int) id] = left == 0 ? -1 : left;
        return left;
    }

    private static long mix(long z) { // SplitMix64's finalizer
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.increment();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            byte[] reply = answer(request.content().toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            Runnable send = () -> {
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(reply));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.length);
                HttpUtil.setKeepAlive(response, keepAlive);
                inFlight.decrementAndGet();
                ctx.writeAndFlush(response);
            };
            if (delayMs > 0) ctx.executor().schedule(send, delayMs, TimeUnit.MILLISECONDS);
            else send.run();
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }
}
