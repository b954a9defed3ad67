package org.opensmm.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests, one at a time: routed on the event loop (404, 405 and 503 answered there, without a
 * thread), then handled on a virtual thread of its own while reading pauses until the reply is out, so replies keep
 * their order.
 */
final class Exchange extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);
    private static final AsciiString NO_SNIFF_NAME = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NO_SNIFF = AsciiString.cached("nosniff");

    private final HttpServer server;
    private final InetSocketAddress remote;

    private static final String BAD_REQUEST_URI = "/bad-request";

    Exchange(HttpServer server, InetSocketAddress remote) {
        this.server = server;
        this.remote = remote;
    }

    @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
        Table table = server.table();
        if (message.decoderResult().isFailure()) {
            // a request line too broken to parse comes as Netty's "/bad-request": no front claims it, the fallback words it
            Front front = message.uri().equals(BAD_REQUEST_URI) ? table.fallback() : table.front(pathOf(message.uri()));
            var reply = netty(front.malformed());
            reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(message);
        var request = new Request(message.method().name(), message.uri(), message.headers(),
                ByteBufUtil.getBytes(message.content()), remote, server.ids);
        Route route = table.find(request);
        if (route == null) {
            write(ctx, table.front(request.path()).notFound(), keepAlive);
            return;
        }
        Handler handler = route.handler(request.method());
        if (handler == null) {
            write(ctx, route.front.notAllowed(route.methods()), keepAlive);
            return;
        }
        if (server.closing() || !server.inFlight.tryAcquire()) {
            write(ctx, route.front.busy(), keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            server.work.execute(() -> serve(ctx, handler, request, keepAlive));
        } catch (RejectedExecutionException stopping) {
            server.inFlight.release();
            write(ctx, route.front.busy(), false);
        }
    }

    private void serve(ChannelHandlerContext ctx, Handler handler, Request request, boolean keepAlive) {
        try {
            write(ctx, handler.handle(request), keepAlive);
        } catch (Throwable e) { // past the route's own guard (an Error): no reply can be trusted, so none
            log.error("request {} failed past its front", request.id(), e);
            ctx.close();
        } finally {
            server.inFlight.release();
        }
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection failed: {}", cause.toString());
        ctx.close();
    }

    private void write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
        if (response.dropped()) {
            ctx.close();
            return;
        }
        FullHttpResponse reply = netty(response);
        boolean keep = keepAlive && !server.closing();
        HttpUtil.setKeepAlive(reply, keep);
        var written = ctx.writeAndFlush(reply);
        if (!keep) written.addListener(ChannelFutureListener.CLOSE);
        else if (!ctx.channel().config().isAutoRead()) written.addListener(f -> ctx.channel().config().setAutoRead(true));
    }

    static FullHttpResponse netty(Response response) {
        byte[] body = response.body();
        var reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        // nosniff: a browser never reads a reply as anything but its type; no-store: balances and keys stay out of caches
        HttpHeaders headers = reply.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(NO_SNIFF_NAME, NO_SNIFF).set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        String[] extra = response.headers();
        for (int i = 0; i < extra.length; i += 2) headers.set(extra[i], extra[i + 1]);
        return reply;
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
