package org.opensmm.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The website over plain HTTP, as a browser without JavaScript sees it: requests with a session cookie, forms with its token. */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    WebClient(int port) { this.port = port; }

    record Reply(int status, String cookie, String location, String body) {}

    Reply send(String method, String path, String cookie, String form, String... headers) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Set-Cookie").orElse(null), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String cookie) { return send("GET", path, cookie, null); }

    static String cookieOf(Reply r) { return r.cookie().split(";")[0]; }

    static String csrf(Reply r) {
        var m = CSRF.matcher(r.body());
        assertThat(m.find()).as("a csrf field").isTrue();
        return m.group(1);
    }

    /** GET /login for a session and its token, then POST the form; the reply to the POST. */
    Reply signIn(String name, String password, String next, String... headers) {
        Reply form = send("GET", "/login", null, null, headers);
        return send("POST", "/login", cookieOf(form), "csrf=" + csrf(form) + "&username=" + name + "&password=" + password
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), headers);
    }
}
