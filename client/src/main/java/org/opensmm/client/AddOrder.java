package org.opensmm.client;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An {@code add} request: the service id plus the fields its type needs (PROTOCOL.md's add table), in a stable order.
 * Immutable; the instance methods return a new order.
 */
public record AddOrder(long service, Map<String, String> fields) {

    /** Subscriptions take their expiry as d/m/Y; zero-padded is what the documents' PHP clients send. */
    static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Fields the client itself sends: letting an order carry them would send them twice. */
    private static final Set<String> RESERVED = Set.of("key", "action", "service");

    public AddOrder {
        if (service <= 0) throw new IllegalArgumentException("service must be positive: " + service);
        var copy = new LinkedHashMap<String, String>();
        fields.forEach((name, value) -> {
            Objects.requireNonNull(name, "field name");
            Objects.requireNonNull(value, () -> "value of " + name);
            if (RESERVED.contains(name)) throw new IllegalArgumentException("field " + name + " is sent by the client");
            copy.put(name, value);
        });
        fields = Collections.unmodifiableMap(copy);
    }

    /** Forwards exactly these fields, in their iteration order: for orders whose type the caller knows better. */
    public static AddOrder of(long service, Map<String, String> fields) {
        return new AddOrder(service, fields);
    }

    /** Type Default. */
    public static AddOrder defaults(long service, String link, long quantity) {
        return fields(service, "link", link, "quantity", units(quantity));
    }

    /** Type Package: one package, priced per package. */
    public static AddOrder packageOrder(long service, String link) {
        return fields(service, "link", link);
    }

    /** Type Custom Comments: one unit per comment. */
    public static AddOrder customComments(long service, String link, List<String> comments) {
        return fields(service, "link", link, "comments", lines(comments));
    }

    /** Type Custom Comments Package. */
    public static AddOrder customCommentsPackage(long service, String link, List<String> comments) {
        return fields(service, "link", link, "comments", lines(comments));
    }

    /** Type Mentions Custom List: one unit per username. */
    public static AddOrder mentionsCustomList(long service, String link, List<String> usernames) {
        return fields(service, "link", link, "usernames", lines(usernames));
    }

    /** Type Mentions with Hashtags; add {@link #quantity(long)} when the service wants one. */
    public static AddOrder mentionsWithHashtags(long service, String link, List<String> usernames, List<String> hashtags) {
        return fields(service, "link", link, "usernames", lines(usernames), "hashtags", lines(hashtags));
    }

    /** Type Mentions Hashtag. */
    public static AddOrder mentionsHashtag(long service, String link, long quantity, String hashtag) {
        return fields(service, "link", link, "quantity", units(quantity), "hashtag", hashtag);
    }

    /** Type Mentions User Followers. */
    public static AddOrder mentionsUserFollowers(long service, String link, long quantity, String username) {
        return fields(service, "link", link, "quantity", units(quantity), "username", username);
    }

    /** Type Mentions Media Likers. */
    public static AddOrder mentionsMediaLikers(long service, String link, long quantity, String media) {
        return fields(service, "link", link, "quantity", units(quantity), "media", media);
    }

    /** Type Comment Likes: {@code username} is the comment owner. */
    public static AddOrder commentLikes(long service, String link, long quantity, String username) {
        return fields(service, "link", link, "quantity", units(quantity), "username", username);
    }

    /** Type Comment Replies: one unit per comment. */
    public static AddOrder commentReplies(long service, String link, String username, List<String> comments) {
        return fields(service, "link", link, "username", username, "comments", lines(comments));
    }

    /** Type Poll: {@code answerNumber} counts from 1. */
    public static AddOrder poll(long service, String link, long quantity, int answerNumber) {
        return fields(service, "link", link, "quantity", units(quantity), "answer_number", units(answerNumber));
    }

    /** Type Invites from Groups. */
    public static AddOrder invitesFromGroups(long service, String link, long quantity, List<String> groups) {
        return fields(service, "link", link, "quantity", units(quantity), "groups", lines(groups));
    }

    /** Type SEO. */
    public static AddOrder seo(long service, String link, long quantity, List<String> keywords) {
        return fields(service, "link", link, "quantity", units(quantity), "keywords", lines(keywords));
    }

    /**
     * Type Subscriptions: each new post of {@code username} becomes an order of min..max units after {@code delayMinutes}.
     * {@code posts}, {@code oldPosts} and {@code expiry} are optional (null leaves them out).
     */
    public static AddOrder subscription(long service, String username, long min, long max, int delayMinutes,
                                        Integer posts, Integer oldPosts, LocalDate expiry) {
        if (min > max) throw new IllegalArgumentException("min " + min + " is above max " + max);
        if (delayMinutes < 0) throw new IllegalArgumentException("delay must not be negative: " + delayMinutes);
        var fields = new LinkedHashMap<String, String>();
        fields.put("username", Objects.requireNonNull(username, "username"));
        fields.put("min", units(min));
        fields.put("max", units(max));
        if (posts != null) fields.put("posts", units(posts));
        if (oldPosts != null) {
            if (oldPosts < 0) throw new IllegalArgumentException("old_posts must not be negative: " + oldPosts);
            fields.put("old_posts", String.valueOf(oldPosts));
        }
        fields.put("delay", String.valueOf(delayMinutes));
        if (expiry != null) fields.put("expiry", EXPIRY.format(expiry));
        return new AddOrder(service, fields);
    }

    /** Drip-feed: {@code runs} deliveries of the quantity, one every {@code intervalMinutes}. */
    public AddOrder dripFeed(int runs, int intervalMinutes) {
        return with("runs", units(runs)).with("interval", units(intervalMinutes));
    }

    /** Sets (or replaces) the quantity, e.g. the optional one of Mentions with Hashtags. */
    public AddOrder quantity(long quantity) {
        return with("quantity", units(quantity));
    }

    /** Sets (or replaces, keeping its place) one field. */
    public AddOrder with(String field, String value) {
        var copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new AddOrder(service, copy);
    }

    private static AddOrder fields(long service, String... pairs) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], Objects.requireNonNull(pairs[i + 1], pairs[i]));
        }
        return new AddOrder(service, fields);
    }

    private static String units(long n) {
        if (n <= 0) throw new IllegalArgumentException("must be positive: " + n);
        return String.valueOf(n);
    }

    /**
     * Lists travel as one field, one entry per line. An entry holding a line break would reach the panel as two
     * entries and be charged as two, so it is refused here.
     */
    private static String lines(List<String> entries) {
        if (entries == null || entries.isEmpty()) throw new IllegalArgumentException("list must not be empty");
        for (String entry : entries) {
            Objects.requireNonNull(entry, "list entry");
            if (entry.indexOf('\n') >= 0 || entry.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("list entry holds a line break: " + entry);
            }
        }
        return String.join("\n", entries);
    }
}
