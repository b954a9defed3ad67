package org.opensmm.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;

import java.util.List;

/**
 * Netty's HttpServerCodec, except that a request with both Transfer-Encoding and Content-Length, or an HTTP/1.0 one
 * with Transfer-Encoding, is a failed decode (400, then closed) rather than read by one of them: two parsers choosing
 * differently is request smuggling (RFC 9112 §6.1, §6.3). HttpServerCodec's decoder cannot be swapped, so this one
 * also tells its encoder which replies are to HEAD.
 */
final class StrictCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
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
