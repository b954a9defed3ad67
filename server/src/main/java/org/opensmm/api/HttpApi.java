package org.opensmm.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP front on Netty: event loops parse HTTP, each request then runs on a virtual thread (the work below blocks on
 * JDBC). Every reply is JSON — malformed HTTP included, which the JDK's built-in server answered with an HTML page —
 * and unexpected failures are logged with a request id and answered without a stack trace. {@link Connections} bounds
 * how many connections are open and how long each may idle or take to send a request.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final AsciiString NO_SNIFF_NAME = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NO_SNIFF = AsciiString.cached("nosniff");

    private final ApiV2 api;
    private final Semaphore inFlight;
    private final AtomicLong requestIds = new AtomicLong();
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private volatile Faults faults = Faults.none();
    private volatile boolean closing;
    private final Connections connections;
    private Channel channel;

    private HttpApi(ApiV2 api, int maxInFlight, Limits limits) {
        this.api = api;
        this.inFlight = new Semaphore(maxInFlight);
        this.connections = new Connections(limits, acceptor);
    }

    /** @param max open connections, past which a new one is closed at once; the rest are deadlines (see Connections) */
    public record Limits(int max, Duration idle, Duration header, Duration body) {}

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public static HttpApi start(String host, int port, ApiV2 api, int maxBody, int maxInFlight, Limits limits) throws java.io.IOException {
        var http = new HttpApi(api, maxInFlight, limits);
        var bootstrap = new ServerBootstrap().group(http.acceptor, http.io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        var watched = http.connections.admit(ch);
                        if (watched == null) {
                            ch.close(); // past the cap: cheaper for everyone than a reply to a request not yet read
                            return;
                        }
                        String client = KeyFailures.client(ch.remoteAddress().getAddress());
                        ch.pipeline().addLast(watched.firstBytes, new StrictCodec(), watched, new BodyCap(maxBody), http.new Exchange(client));
                    }
                });
        try {
            http.channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (Exception e) {
            http.shutdown(0);
            throw new java.io.IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return http;
    }

    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    /** Turns on fault injection (the simulated provider); real panels keep {@link Faults#none()}. */
    public void setFaults(Faults faults) { this.faults = faults; }

    /**
     * Netty's HttpServerCodec, except that a request with both Transfer-Encoding and Content-Length, or an HTTP/1.0 one
     * with Transfer-Encoding, is a failed decode (400, then closed) rather than read by one of them: two parsers choosing
     * differently is request smuggling (RFC 9112 §6.1, §6.3). HttpServerCodec's decoder cannot be swapped, so this one
     * also tells its encoder which replies are to HEAD.
     */
    private static final class StrictCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
        private boolean head; // the request being answered is a HEAD: its reply has headers only

        StrictCodec() {
            init(new HttpRequestDecoder(65536, 65536, 65536) {
                @Override protected HttpMessage createMessage(String[] initialLine) throws Exception {
                    HttpMessage request = super.createMessage(initialLine);
                    head = ((HttpRequest) request).method().equals(HttpMethod.HEAD);
                    return request;
                }

                @Override protected void handleTransferEncodingChunkedWithContentLength(HttpMessage request) {
                    // Netty would drop Content-Length here and read on; kept, so decode() below sees both
                }

                @Override protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
                    super.decode(ctx, buffer, out);
                    for (Object m : out) {
                        if (m instanceof HttpRequest r && r.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                                && (r.headers().contains(HttpHeaderNames.CONTENT_LENGTH) || r.protocolVersion().equals(HttpVersion.HTTP_1_0))) {
                            r.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("ambiguous message length")));
                        }
                    }
                }
            }, new HttpResponseEncoder() {
                @Override protected boolean isContentAlwaysEmpty(HttpResponse reply) {
                    return head || super.isContentAlwaysEmpty(reply);
                }
            });
        }
    }

    /** Aggregates a request's body, refusing it in JSON (413) past {@code maxBody} bytes. */
    private static final class BodyCap extends HttpObjectAggregator {
        BodyCap(int maxBody) { super(maxBody); }

        @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // Closing with the rest of the upload unread would reset the connection and lose this reply on the way:
            // reply, keep discarding what still arrives (the aggregator drops it), and close a little later.
            ctx.writeAndFlush(tooLarge()).addListener(f -> ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS));
        }

        /** "Expect: 100-continue" with a declared length over the cap gets the same JSON refusal, before the body. */
        @Override protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object reply = super.newContinueResponse(start, maxContentLength, pipeline);
            if (reply instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                r.release();
                return tooLarge();
            }
            return reply;
        }

        private static FullHttpResponse tooLarge() {
            var reply = response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, JSON_TYPE, Json.errorReply(ErrorText.of(ApiError.REQUEST_TOO_LARGE)));
            reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return reply;
        }
    }

    /** One connection's requests, one at a time: reading pauses until the reply is out, so replies keep their order. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String client; // the peer as KeyFailures counts it

        Exchange(String client) { this.client = client; }

        @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                var reply = response(HttpResponseStatus.BAD_REQUEST, JSON_TYPE, Json.errorReply(ErrorText.of(Fixed.INCORRECT_REQUEST)));
                reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.channel().config().setAutoRead(false);
            var call = new Call(request.method(), request.uri(), request.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    request.headers().get("X-Api-Key"), ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request), client);
            work.execute(() -> serve(ctx, call));
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    private record Call(HttpMethod method, String uri, String contentType, String headerKey, byte[] body, boolean keepAlive, String client) {
        String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }

        String rawQuery() {
            int q = uri.indexOf('?');
            return q < 0 ? null : uri.substring(q + 1);
        }
    }

    private record Answer(int status, String json, int retryAfter) {
        Answer(int status, String json) { this(status, json, 1); }
    }

    private void serve(ChannelHandlerContext ctx, Call call) {
        String path = call.path();
        if (path.equals("/api/v2") || path.equals("/api/v2/")) apiV2(ctx, call);
        else if (path.equals("/health")) send(ctx, call, new Answer(200, "{\"status\":\"ok\"}"));
        else send(ctx, call, new Answer(404, Json.errorReply("Not found")));
    }

    private void apiV2(ChannelHandlerContext ctx, Call call) {
        if (closing || !inFlight.tryAcquire()) {
            send(ctx, call, new Answer(503, Json.errorReply(ErrorText.of(ApiError.BUSY))));
            return;
        }
        try {
            Params params;
            Fault fault;
            try {
                if (!call.method().equals(HttpMethod.POST) && !call.method().equals(HttpMethod.GET)) throw new Refusal(Fixed.INCORRECT_REQUEST);
                params = Params.read(call.rawQuery(), call.contentType(), call.body());
                fault = faults.next(params.get("action"));
            } catch (Refusal r) {
                send(ctx, call, refusal(r));
                return;
            }
            if (fault != null && actOutBefore(ctx, call, fault)) return;
            Answer answer = answer(params, call);
            if (fault == Fault.LOST_REPLY) {
                ctx.close(); // the work is done; the reply never leaves
                return;
            }
            if (fault == Fault.TIMEOUT) sleep(faults.timeoutDelay());
            send(ctx, call, answer);
        } finally {
            inFlight.release();
        }
    }

    /** The API's reply, refusals included; unexpected failures are logged with an id and answered 503. */
    private Answer answer(Params params, Call call) {
        try {
            return new Answer(200, api.handle(params, call.headerKey(), call.client()));
        } catch (Refusal r) {
            return refusal(r);
        } catch (ApiRefusal r) {
            return refusal(r);
        } catch (RuntimeException | StackOverflowError e) {
            long id = requestIds.incrementAndGet();
            log.error("request {} failed", id, e);
            return new Answer(503, Json.errorReply(ErrorText.of(ApiError.INTERNAL) + " (request " + id + ")"));
        }
    }

    private static Answer refusal(Refusal r) {
        return new Answer(200, Json.errorReply(ErrorText.of(r.reason()))); // many clients throw on non-2xx before reading the body
    }

    private static Answer refusal(ApiRefusal r) {
        int status = switch (r.error()) {
            case TOO_MANY_REQUESTS -> 429;
            default -> 200; // many clients throw on non-2xx before reading the body
        };
        return new Answer(status, Json.errorReply(ErrorText.of(r.error())), r.retryAfter());
    }

    /** Faults that answer without doing anything; true when the reply has been sent. */
    private boolean actOutBefore(ChannelHandlerContext ctx, Call call, Fault fault) {
        switch (fault) {
            case SERVER_ERROR -> send(ctx, call, new Answer(500, Json.errorReply("Internal Server Error")));
            case HTML -> write(ctx, call, response(HttpResponseStatus.BAD_GATEWAY, "text/html; charset=utf-8",
                    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"));
            case EMPTY -> write(ctx, call, response(HttpResponseStatus.OK, JSON_TYPE, ""));
            default -> { return false; }
        }
        return true;
    }

    private void send(ChannelHandlerContext ctx, Call call, Answer answer) {
        FullHttpResponse reply = response(HttpResponseStatus.valueOf(answer.status()), JSON_TYPE, answer.json());
        if (answer.status() == 429 || answer.status() == 503) reply.headers().setInt(HttpHeaderNames.RETRY_AFTER, answer.retryAfter());
        write(ctx, call, reply);
    }

    private void write(ChannelHandlerContext ctx, Call call, FullHttpResponse reply) {
        boolean keepAlive = call.keepAlive() && !closing;
        HttpUtil.setKeepAlive(reply, keepAlive);
        var written = ctx.writeAndFlush(reply);
        if (keepAlive) written.addListener(f -> ctx.channel().config().setAutoRead(true));
        else written.addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        // nosniff: a browser never reads a reply as anything but its type; no-store: balances and keys stay out of caches
        reply.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(NO_SNIFF_NAME, NO_SNIFF).set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return reply;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking requests, lets the running ones finish (up to {@code graceSeconds}), then stops. */
    public void stop(int graceSeconds) {
        closing = true;
        if (channel != null) channel.close().syncUninterruptibly();
        shutdown(graceSeconds);
    }

    private void shutdown(int graceSeconds) {
        work.shutdown();
        try {
            work.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownGracefully(0, graceSeconds, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, graceSeconds, TimeUnit.SECONDS);
    }

    @Override public void close() { stop(1); }
}
