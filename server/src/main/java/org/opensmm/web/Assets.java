package org.opensmm.web;

import org.opensmm.http.Handler;
import org.opensmm.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The website's few static files, served by the panel itself (no CDN: panels run behind firewalls). */
final class Assets {
    private Assets() {}

    static Handler file(String name, String contentType) {
        Response reply = Response.of(200, contentType, read(name));
        return request -> reply;
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/web/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource web/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
