package org.opensmm.api;

import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** multipart/form-data (RFC 7578), as PHP's curl and Python's requests send it: text fields by name. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]{1,200})\"|([^;\\s]{1,200}))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");

    private Multipart() {}

    static void decode(String contentType, byte[] body, Map<String, String> into) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) throw new Refusal(Fixed.INCORRECT_REQUEST);
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        // ISO-8859-1 maps bytes 1:1 to chars, so offsets stay byte offsets; values are re-read as UTF-8
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        if (at < 0) throw new Refusal(Fixed.INCORRECT_REQUEST);
        while (true) {
            int partStart = at + delimiter.length();
            if (text.startsWith("--", partStart)) return; // closing delimiter
            int headersStart = skipLineBreak(text, partStart);
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int next = text.indexOf("\r\n" + delimiter, headersStart);
            if (headersEnd < 0 || next < 0 || headersEnd > next) throw new Refusal(Fixed.INCORRECT_REQUEST);
            String name = name(text.substring(headersStart, headersEnd));
            String value = new String(text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            into.put(name, value);
            at = next + 2;
        }
    }

    private static int skipLineBreak(String text, int i) {
        if (text.startsWith("\r\n", i)) return i + 2;
        throw new Refusal(Fixed.INCORRECT_REQUEST);
    }

    private static String name(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                Matcher m = NAME.matcher(line.substring(line.indexOf(':') + 1));
                if (m.find()) return m.group(1);
            }
        }
        throw new Refusal(Fixed.INCORRECT_REQUEST);
    }
}
