package org.opensmm.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference on the stack the panel's HTTP transport has used since it moved to Netty (api/HttpApi, then
 * http/HttpServer with its route table): event loops parse HTTP, the body is aggregated, each request is handed to a
 * virtual thread that form-decodes it with the panel's {@link Form} and answers {@link BareServer#REPLY}; reading
 * pauses per connection until the reply is out, as in the panel. No route table: what the table costs shows here.
 *
 * <p>Usage: {@code BareNettyServer [--port 0]}; prints {@code READY port=N}, serves until killed.
 */
public final class BareNettyServer {
    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
        var acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        var io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(65536, 65536, 65536), new HttpObjectAggregator(1 << 20),
                                new Handler(work));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", (int) args.number("port", 0))).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().syncUninterruptibly();
            acceptor.shutdownGracefully();
            io.shutdownGracefully();
        }));
        System.out.println("READY port=" + ((InetSocketAddress) channel.localAddress()).getPort() + " reply_bytes=" + BareServer.REPLY.length);
        new CountDownLatch(1).await();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ExecutorService work;

        Handler(ExecutorService work) { this.work = work; }

        @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.channel().config().setAutoRead(false);
            byte[] body = ByteBufUtil.getBytes(request.content());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            work.execute(() -> {
                var fields = Form.decode(new String(body, StandardCharsets.UTF_8).strip(), new HashMap<>());
                var status = fields.get("action") == null ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.OK;
                var reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(BareServer.REPLY));
                reply.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, BareServer.REPLY.length);
                HttpUtil.setKeepAlive(reply, keepAlive);
                ctx.writeAndFlush(reply).addListener(f -> ctx.channel().config().setAutoRead(true));
            });
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }
}
