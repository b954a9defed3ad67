package org.opensmm.web;

import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The new-order form's fields for one service, by its type (PROTOCOL.md's add table): names as API v2 takes them,
 * so the form's fields go to the order use case as they are.
 */
public final class OrderForm {
    private OrderForm() {}

    public enum Kind { LINK, NUMBER, TEXT, LINES, DELAY, DATE }

    /** One field: its name (the API's), how it is typed in, and whether the type requires it. */
    public record Field(String name, Kind kind, boolean required) {}

    public static List<Field> of(Service s) {
        var f = new ArrayList<Field>();
        ServiceType type = s.type();
        if (type == ServiceType.SUBSCRIPTIONS) {
            f.add(new Field("username", Kind.TEXT, true));
            f.add(new Field("min", Kind.NUMBER, true));
            f.add(new Field("max", Kind.NUMBER, true));
            f.add(new Field("posts", Kind.NUMBER, false));
            f.add(new Field("old_posts", Kind.NUMBER, false));
            f.add(new Field("delay", Kind.DELAY, true));
            f.add(new Field("expiry", Kind.DATE, false));
            return f;
        }
        f.add(new Field("link", Kind.LINK, true));
        switch (type) {
            case DEFAULT, MENTIONS_HASHTAG, MENTIONS_USER_FOLLOWERS, COMMENT_LIKES, MENTIONS_MEDIA_LIKERS, POLL, INVITES_FROM_GROUPS, SEO ->
                    f.add(new Field("quantity", Kind.NUMBER, true));
            case MENTIONS_WITH_HASHTAGS -> f.add(new Field("quantity", Kind.NUMBER, false));
            default -> { }
        }
        switch (type) {
            case CUSTOM_COMMENTS, CUSTOM_COMMENTS_PACKAGE -> f.add(new Field("comments", Kind.LINES, true));
            case COMMENT_REPLIES -> {
                f.add(new Field("username", Kind.TEXT, true));
                f.add(new Field("comments", Kind.LINES, true));
            }
            case MENTIONS_CUSTOM_LIST -> f.add(new Field("usernames", Kind.LINES, true));
            case MENTIONS_WITH_HASHTAGS -> {
                f.add(new Field("usernames", Kind.LINES, true));
                f.add(new Field("hashtags", Kind.LINES, true));
            }
            case MENTIONS_HASHTAG -> f.add(new Field("hashtag", Kind.TEXT, true));
            case MENTIONS_USER_FOLLOWERS, COMMENT_LIKES -> f.add(new Field("username", Kind.TEXT, true));
            case MENTIONS_MEDIA_LIKERS -> f.add(new Field("media", Kind.LINK, true));
            case POLL -> f.add(new Field("answer_number", Kind.NUMBER, true));
            case INVITES_FROM_GROUPS -> f.add(new Field("groups", Kind.LINES, true));
            case SEO -> f.add(new Field("keywords", Kind.LINES, true));
            default -> { }
        }
        return f;
    }

    /** Every field name any type uses, plus drip-feed's: the only ones passed on from a submitted form. */
    static final List<String> ALL = List.of("link", "quantity", "comments", "username", "usernames", "hashtags", "hashtag",
            "media", "answer_number", "groups", "keywords", "min", "max", "posts", "old_posts", "delay", "expiry", "runs", "interval");

    /** The order use case's view of a submitted form: blank is absent; runs and interval only with drip-feed switched on. */
    static java.util.function.Function<String, String> lookup(Fields form) {
        boolean drip = form.get("dripfeed") != null;
        return name -> {
            if (!ALL.contains(name)) return null;
            if (!drip && (name.equals("runs") || name.equals("interval"))) return null;
            return form.nonBlank(name);
        };
    }
}
