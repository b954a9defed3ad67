package org.opensmm.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP transport on Netty, HTTP only: event loops parse requests strictly ({@link StrictCodec}), cap bodies
 * ({@link BodyCap}), connections and their deadlines ({@link Connections}) and requests in flight; each request then
 * runs on a virtual thread (handlers block on JDBC). What a request means is the route table's business.
 */
public final class HttpServer implements AutoCloseable {
    final AtomicLong ids = new AtomicLong();
    final Semaphore inFlight;
    // named: a log line shows which request's thread wrote it, and logback reads a name instead of working out an id
    final ExecutorService work = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request-", 1).factory());
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final Connections connections;
    private volatile Table table;
    private volatile boolean closing;
    private Channel channel;

    private HttpServer(Limits limits, Routes routes) {
        this.inFlight = new Semaphore(limits.maxInFlight());
        this.connections = new Connections(limits, acceptor);
        this.table = routes.table();
    }

    /** Starts serving {@code routes} on {@code host:port} (port 0 picks a free one). */
    public static HttpServer start(String host, int port, Limits limits, Routes routes) throws IOException {
        var http = new HttpServer(limits, routes);
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
                        ch.pipeline().addLast(watched.firstBytes, new StrictCodec(), watched, new BodyCap(http, limits.maxBody()),
                                new Exchange(http, ch.remoteAddress()));
                    }
                });
        try {
            http.channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (Exception e) {
            http.shutdown(0);
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return http;
    }

    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    /**
     * Serves {@code routes} from now on, whole: requests already routed finish on the table they were routed by. How
     * the simulated provider wraps API v2 in its faults.
     */
    public void routes(Routes routes) { this.table = routes.table(); }

    Table table() { return table; }

    boolean closing() { return closing; }

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
