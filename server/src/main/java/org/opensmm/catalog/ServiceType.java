package org.opensmm.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The service types of PROTOCOL.md's add table, by their wire names. */
public enum ServiceType {
    DEFAULT("Default"),
    PACKAGE("Package"),
    CUSTOM_COMMENTS("Custom Comments"),
    CUSTOM_COMMENTS_PACKAGE("Custom Comments Package"),
    MENTIONS_CUSTOM_LIST("Mentions Custom List"),
    MENTIONS_WITH_HASHTAGS("Mentions with Hashtags"),
    MENTIONS_HASHTAG("Mentions Hashtag"),
    MENTIONS_USER_FOLLOWERS("Mentions User Followers"),
    MENTIONS_MEDIA_LIKERS("Mentions Media Likers"),
    COMMENT_LIKES("Comment Likes"),
    COMMENT_REPLIES("Comment Replies"),
    POLL("Poll"),
    INVITES_FROM_GROUPS("Invites from Groups"),
    SEO("SEO"),
    SUBSCRIPTIONS("Subscriptions");

    private final String wire;

    ServiceType(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    /** Priced per package rather than per 1000 units. */
    public boolean perPackage() { return this == PACKAGE || this == CUSTOM_COMMENTS_PACKAGE; }

    /** Accepts a wire name in any letter case, or the enum name ("custom_comments"). */
    public static Optional<ServiceType> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        return Arrays.stream(values())
                .filter(s -> s.wire.equalsIgnoreCase(t) || s.name().equalsIgnoreCase(t.replace(' ', '_').replace('-', '_')))
                .findFirst();
    }
}
