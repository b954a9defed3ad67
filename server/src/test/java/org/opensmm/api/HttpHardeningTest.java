package org.opensmm.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.app.Config;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP front against clients that are slow, idle, too many, not HTTP at all, or smuggling. */
class HttpHardeningTest {
    /** Short deadlines so the tests are quick: 1 s for headers, bodies and idling. */
    static TestPanel panel;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withFront(front(c, 5000, 1000, 1000, 1000)));
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    static Config.Front front(Config c, int maxConnections, int idleMillis, int headerMillis, int bodyMillis) {
        return new Config.Front(maxConnections, idleMillis, headerMillis, bodyMillis, c.front().keyFailuresPerMinute());
    }

    @Test void every_reply_says_nosniff_and_no_store() throws IOException {
        var alice = panel.customer("1");
        for (String request : List.of(
                post("key=" + alice.key() + "&action=balance", ""),
                post("key=nope&action=balance", ""),
                "GET /api/elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                "GET /api/v2?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
            try (var socket = connect(panel)) {
                String reply = exchange(socket, request);
                assertThat(reply.toLowerCase(Locale.ROOT)).as(reply)
                        .contains("\r\nx-content-type-options: nosniff\r\n", "\r\ncache-control: no-store\r\n",
                                "\r\ncontent-type: application/json; charset=utf-8\r\n");
            }
        }
        try (var socket = connect(panel)) { // the website's pages too
            String reply = exchange(socket, "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(reply.toLowerCase(Locale.ROOT)).as(reply).contains("\r\nx-content-type-options: nosniff\r\n", "\r\ncache-control: no-store\r\n");
        }
    }

    @Test void headers_trickled_byte_by_byte_are_cut_off_at_the_header_deadline() throws Exception {
        try (var socket = connect(panel)) {
            byte[] head = post("key=x&action=balance", "X-Padding: " + "a".repeat(200) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : head) { // 0.1 s a byte: the headers would take half a minute
                        socket.getOutputStream().write(b);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // what the test wants
                }
            });
            assertClosedWithinSeconds(socket, 8); // header deadline 1 s, sweep and scheduling well inside 8
        }
    }

    @Test void a_body_trickled_byte_by_byte_is_cut_off_at_the_body_deadline() throws Exception {
        try (var socket = connect(panel)) {
            String body = "key=x&action=balance&padding=" + "a".repeat(200);
            var out = socket.getOutputStream();
            out.write(("POST /api/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
                        out.write(b);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // what the test wants
                }
            });
            assertClosedWithinSeconds(socket, 8);
        }
    }

    @Test void a_keep_alive_connection_left_idle_is_closed_and_so_is_one_that_never_speaks() throws Exception {
        var alice = panel.customer("2.5");
        try (var socket = connect(panel)) {
            String reply = exchange(socket, post("key=" + alice.key() + "&action=balance", "")); // keep-alive: HTTP/1.1 default
            assertThat(reply).startsWith("HTTP/1.1 200").contains("\"balance\":\"2.5\"");
            assertClosedWithinSeconds(socket, 8); // idle deadline 1 s
        }
        try (var silent = connect(panel)) {
            assertClosedWithinSeconds(silent, 8);
        }
    }

    @Test void a_tls_client_hello_is_closed_at_once() throws Exception {
        // Long deadlines on this panel: only recognising the bytes as not HTTP can close the connection in time.
        try (var slow = TestPanel.start(c -> c.withFront(front(c, 5000, 60_000, 60_000, 60_000)));
             var socket = connect(slow)) {
            socket.getOutputStream().write(clientHello());
            assertClosedWithinSeconds(socket, 5);
        }
    }

    @Test void transfer_encoding_with_content_length_is_refused_with_400_and_changes_nothing() throws Exception {
        var alice = panel.customer("10");
        String form = "key=" + alice.key() + "&action=add&service=" + followers + "&link=https://instagram.com/smuggled&quantity=100";
        String chunked = Integer.toHexString(form.length()) + "\r\n" + form + "\r\n0\r\n\r\n";
        String before = panel.snapshot();
        for (String framing : List.of("HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: " + chunked.length(),
                "HTTP/1.1\r\nContent-Length: " + chunked.length() + "\r\nTransfer-Encoding: chunked",
                "HTTP/1.0\r\nTransfer-Encoding: chunked")) { // §6.1: Transfer-Encoding in HTTP/1.0 is faulty framing
            try (var socket = connect(panel)) {
                String reply = exchange(socket, "POST /api/v2 " + framing + "\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + chunked);
                assertThat(reply).as(framing).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"Incorrect request\"}");
                assertThat(reply.toLowerCase(Locale.ROOT)).contains("\r\ncontent-type: application/json; charset=utf-8\r\n", "\r\nconnection: close\r\n");
                assertClosedWithinSeconds(socket, 5);
            }
        }
        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(panel.balance(alice).toWire()).isEqualTo("10");
    }

    @Test void past_the_connection_cap_new_connections_are_closed_and_served_again_once_others_close() throws Exception {
        try (var capped = TestPanel.start(c -> c.withFront(front(c, 4, 60_000, 60_000, 60_000)))) {
            var alice = capped.customer("3");
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    var s = connect(capped);
                    held.add(s);
                    assertThat(exchange(s, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 200"); // admitted
                }
                for (int i = 0; i < 3; i++) {
                    try (var extra = connect(capped)) {
                        assertClosedWithinSeconds(extra, 5);
                    }
                }
            } finally {
                for (Socket s : held) s.close();
            }
            assertThat(servedWithinSeconds(capped, 10)).as("a request once the held connections closed").isTrue();
            assertThat(capped.call(alice.key(), "action", "balance").path("balance").asText()).isEqualTo("3");
        }
    }

    // --- raw HTTP on sockets

    static Socket connect(TestPanel p) throws IOException {
        var socket = new Socket("127.0.0.1", p.panel.port());
        socket.setSoTimeout(15_000); // bounds every read: a connection the server forgot fails the test, never hangs it
        return socket;
    }

    static String post(String form, String extraHeaders) {
        return "POST /api/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" + extraHeaders
                + "Content-Length: " + form.length() + "\r\n\r\n" + form;
    }

    /** Sends one request and reads one reply: the head, then as many bytes as its Content-Length says. */
    static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed before a reply; got: " + head);
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().toLowerCase(Locale.ROOT).replaceAll("(?s).*\r\ncontent-length: (\\d+)\r\n.*", "$1"));
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The server closes the connection: end of stream (or a reset), not the socket's read timeout, within the bound. */
    static void assertClosedWithinSeconds(Socket socket, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a reply may come first (a 400); the close is what counts
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection is still open after " + seconds + " s", stillOpen);
        } catch (SocketException reset) {
            // closed with unread input: a reset is a close too
        }
    }

    private static boolean servedWithinSeconds(TestPanel p, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            try (var s = connect(p)) {
                s.setSoTimeout(1000);
                if (exchange(s, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200")) return true;
            } catch (IOException closedStill) {
                Thread.sleep(100); // the server has not yet seen the held connections go
            }
        }
        return false;
    }

    /** What a TLS client sends first: a real ClientHello from the JDK (0x16 0x03 …). */
    private static byte[] clientHello() throws Exception {
        var engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        assertThat(bytes[0]).isEqualTo((byte) 0x16);
        return bytes;
    }
}
