package org.opensmm.order;

import org.opensmm.core.Reason;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;

import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An {@code add} request read against its service's type (PROTOCOL.md's add table): what to deliver, how many
 * units to charge, and the fields to forward upstream as they are.
 */
public record Placement(String link, long quantity, Integer runs, Integer interval, long units, Map<String, String> fields) {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,4000}");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,9}");
    /** What reads as a number at all (sign, fraction, exponent): "1e3" and "-5" are numbers, "undefined" is not. */
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HOST = Pattern.compile("[^\\s/?#@]+(:\\d{1,5})?");
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final int MAX_RUNS = 1000;
    private static final int MAX_INTERVAL = 60 * 24 * 30;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** Reads the request; refuses with PROTOCOL.md's error for the first thing wrong. {@code today} bounds expiry. */
    public static Placement read(Service service, Function<String, String> field, LocalDate today) {
        var f = new Reader(field);
        ServiceType type = service.type();
        if (type == ServiceType.SUBSCRIPTIONS) return subscription(service, f, today);
        String link = f.link();
        return switch (type) {
            case DEFAULT -> {
                long quantity = f.quantityWithin(service, "quantity");
                Integer runs = f.runs();
                if (runs == null) yield units(link, quantity, f.fields("quantity"));
                if (!service.dripFeed()) throw new Refusal(Fixed.DRIP_FEED_DISABLED);
                int interval = f.interval();
                long total = Math.multiplyExact(quantity, runs);
                yield new Placement(link, total, runs, interval, total, f.fields("quantity", "runs", "interval"));
            }
            case PACKAGE -> new Placement(link, 1, null, null, 1, f.fields());
            case CUSTOM_COMMENTS, COMMENT_REPLIES -> {
                if (type == ServiceType.COMMENT_REPLIES) f.required("username");
                long count = f.countWithin(service, "comments");
                yield units(link, count, f.fields("username", "comments"));
            }
            case CUSTOM_COMMENTS_PACKAGE -> {
                long count = f.list("comments").size();
                yield new Placement(link, count, null, null, 1, f.fields("comments"));
            }
            case MENTIONS_CUSTOM_LIST -> units(link, f.countWithin(service, "usernames"), f.fields("usernames"));
            case MENTIONS_WITH_HASHTAGS -> {
                long names = f.list("usernames").size();
                f.list("hashtags");
                long quantity = f.present("quantity") ? f.quantityWithin(service, "quantity") : f.within(service, names);
                yield units(link, quantity, f.fields("quantity", "usernames", "hashtags"));
            }
            case MENTIONS_HASHTAG -> units(link, f.quantityWithin(service, "quantity"), f, "hashtag");
            case MENTIONS_USER_FOLLOWERS, COMMENT_LIKES -> units(link, f.quantityWithin(service, "quantity"), f, "username");
            case MENTIONS_MEDIA_LIKERS -> units(link, f.quantityWithin(service, "quantity"), f, "media");
            case POLL -> {
                long quantity = f.quantityWithin(service, "quantity");
                f.positive("answer_number", 1000);
                yield units(link, quantity, f.fields("quantity", "answer_number"));
            }
            case INVITES_FROM_GROUPS -> {
                long quantity = f.quantityWithin(service, "quantity");
                f.list("groups");
                yield units(link, quantity, f.fields("quantity", "groups"));
            }
            case SEO -> units(link, f.quantityWithin(service, "quantity"), f, "keywords");
            case SUBSCRIPTIONS -> throw new IllegalStateException("handled above");
        };
    }

    /** A subscription charges nothing now: each post becomes a child order charged when it is created. */
    private static Placement subscription(Service service, Reader f, LocalDate today) {
        f.required("username");
        long min = f.quantityWithin(service, "min");
        long max = f.quantityWithin(service, "max");
        if (min > max) throw new Refusal(Fixed.INCORRECT_REQUEST);
        int delay = (int) f.number("delay", 0, 600);
        if (!service.allowsDelay(delay)) throw new Refusal(Fixed.INCORRECT_REQUEST);
        if (f.present("posts")) f.positive("posts", 100_000);
        if (f.present("old_posts")) f.number("old_posts", 0, 100_000);
        if (f.present("expiry")) {
            LocalDate expiry;
            try {
                expiry = LocalDate.parse(f.required("expiry"), EXPIRY); // kept: forwarded and shown as sent
            } catch (RuntimeException e) {
                throw new Refusal(Fixed.INCORRECT_REQUEST);
            }
            if (!expiry.isAfter(today)) throw new Refusal(Fixed.INCORRECT_REQUEST);
        }
        return new Placement(null, max, null, null, 0, f.fields("username", "min", "max", "delay", "posts", "old_posts", "expiry"));
    }

    private static Placement units(String link, long quantity, Map<String, String> fields) {
        return new Placement(link, quantity, null, null, quantity, fields);
    }

    /** A quantity-priced type with one more required field. */
    private static Placement units(String link, long quantity, Reader f, String required) {
        f.required(required);
        return units(link, quantity, f.fields("quantity", required));
    }

    /** Field access with PROTOCOL.md's refusals. Values are stripped; lists split on \n or \r\n, blanks dropped. */
    private static final class Reader {
        private final Function<String, String> field;
        private final Map<String, String> normalized = new LinkedHashMap<>();

        Reader(Function<String, String> field) { this.field = field; }

        String raw(String name) {
            String v = field.apply(name);
            return v == null ? null : v.strip();
        }

        boolean present(String name) {
            String v = raw(name);
            return v != null && !v.isEmpty();
        }

        String required(String name) {
            String v = raw(name);
            if (v == null || v.isEmpty()) throw new Refusal(Fixed.INCORRECT_REQUEST, name);
            normalized.put(name, v);
            return v;
        }

        String link() {
            String v = raw("link");
            if (v == null || v.isEmpty() || v.length() > 2048 || !isWebLink(v)) throw new Refusal(Fixed.BAD_LINK);
            normalized.put("link", v);
            return v;
        }

        List<String> list(String name) {
            String v = required(name);
            List<String> items = Arrays.stream(LINE_BREAK.split(v)).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (items.isEmpty()) throw new Refusal(Fixed.INCORRECT_REQUEST, name);
            normalized.put(name, String.join("\n", items));
            return items;
        }

        long countWithin(Service s, String listName) { return within(s, list(listName).size()); }

        long quantityWithin(Service s, String name) {
            String v = required(name);
            if (!INTEGER.matcher(v).matches()) throw new Refusal(Fixed.INCORRECT_REQUEST);
            BigInteger q = new BigInteger(v);
            if (q.compareTo(BigInteger.valueOf(s.min())) < 0) throw new Refusal(new Reason.BelowMin(s.min()));
            if (q.compareTo(BigInteger.valueOf(s.max())) > 0) throw new Refusal(new Reason.AboveMax(s.max()));
            long quantity = q.longValueExact();
            normalized.put(name, Long.toString(quantity));
            return quantity;
        }

        long within(Service s, long count) {
            if (count < s.min()) throw new Refusal(new Reason.BelowMin(s.min()));
            if (count > s.max()) throw new Refusal(new Reason.AboveMax(s.max()));
            return count;
        }

        long number(String name, long min, long max) {
            String v = required(name);
            if (!SMALL_NUMBER.matcher(v).matches()) throw new Refusal(Fixed.INCORRECT_REQUEST, name);
            long n = Long.parseLong(v);
            if (n < min || n > max) throw new Refusal(Fixed.INCORRECT_REQUEST, name);
            normalized.put(name, Long.toString(n));
            return n;
        }

        long positive(String name, long max) { return number(name, 1, max); }

        /**
         * Drip-feed runs. Absent, empty or not a number ("undefined", which a published client always sends) means a
         * plain order, and so does 1; 2 to 1000 asks for drip-feed. Any other number ("1e3", "-5", "0", "99999999999")
         * is refused like "1001": read as a plain order, it would deliver and charge what the customer did not ask for.
         */
        Integer runs() {
            String v = raw("runs");
            if (v == null || !NUMERIC.matcher(v).matches()) return null;
            int runs = (int) number("runs", 1, MAX_RUNS);
            if (runs == 1) return null;
            return runs;
        }

        /**
         * Asked only with runs of 2 or more: on a plain order an interval means nothing, whatever a client puts there.
         * 0, which importing panels accept and forward, means "each run as soon as the one before it has ended".
         */
        int interval() {
            return (int) number("interval", 0, MAX_INTERVAL);
        }

        /** The normalized fields to forward: link first, then the named ones that were given. */
        Map<String, String> fields(String... names) {
            var out = new LinkedHashMap<String, String>();
            if (normalized.containsKey("link")) out.put("link", normalized.get("link"));
            for (String n : names) if (normalized.containsKey(n)) out.put(n, normalized.get(n));
            return out;
        }
    }

    /** An http(s) URL with a host and no whitespace. */
    static boolean isWebLink(String v) {
        if (v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) return false;
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) return false;
        try {
            URI uri = new URI(v);
            return uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (Exception e) {
            // real links carry unescaped unicode and '|' etc.: accept them if the authority looks like a host
            String rest = v.substring(v.indexOf("//") + 2);
            int end = rest.indexOf('/');
            String authority = end < 0 ? rest : rest.substring(0, end);
            return HOST.matcher(authority).matches() && authority.contains(".");
        }
    }
}
