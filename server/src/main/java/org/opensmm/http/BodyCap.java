package org.opensmm.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.concurrent.TimeUnit;

/** Aggregates a request's body, refusing it (413, in the words of the path's front) past {@code maxBody} bytes. */
final class BodyCap extends HttpObjectAggregator {
    private final HttpServer server;

    BodyCap(HttpServer server, int maxBody) {
        super(maxBody);
        this.server = server;
    }

    @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // Closing with the rest of the upload unread would reset the connection and lose this reply on the way:
        // reply, keep discarding what still arrives (the aggregator drops it), and close a little later.
        ctx.writeAndFlush(tooLarge(oversized)).addListener(f -> ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS));
    }

    /** "Expect: 100-continue" with a declared length over the cap gets the same refusal, before the body. */
    @Override protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object reply = super.newContinueResponse(start, maxContentLength, pipeline);
        if (reply instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            r.release();
            return tooLarge(start);
        }
        return reply;
    }

    private FullHttpResponse tooLarge(HttpMessage request) {
        String uri = request instanceof HttpRequest r ? r.uri() : "/";
        int q = uri.indexOf('?');
        var reply = Exchange.netty(server.table().front(q < 0 ? uri : uri.substring(0, q)).tooLarge());
        reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return reply;
    }
}
