package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each service type of PROTOCOL.md's add table sends exactly its fields, after key, action and service. */
class AddOrderFormTest {

    private static final String LINK = "https://instagram.com/p/abc";

    private final FakePanel panel = FakePanel.start().reply("add", "{\"order\": 1}");
    private final PanelClient client = panel.client();

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    /** The form the panel received, without the key and action every request carries. */
    private Map<String, String> sent(AddOrder order) {
        assertThat(client.add(order)).isEqualTo(Outcome.ok(1L));
        var form = new LinkedHashMap<>(panel.last().form());
        assertThat(form.remove("key")).isEqualTo("test-key");
        assertThat(form.remove("action")).isEqualTo("add");
        return form;
    }

    @Test
    void default_order() {
        assertThat(sent(AddOrder.defaults(1, LINK, 1000)))
                .containsExactly(entry("service", "1"), entry("link", LINK), entry("quantity", "1000"));
    }

    @Test
    void default_order_with_drip_feed() {
        assertThat(sent(AddOrder.defaults(1, LINK, 100).dripFeed(5, 30))).containsExactly(entry("service", "1"),
                entry("link", LINK), entry("quantity", "100"), entry("runs", "5"), entry("interval", "30"));
    }

    @Test
    void package_order() {
        assertThat(sent(AddOrder.packageOrder(2, LINK))).containsExactly(entry("service", "2"), entry("link", LINK));
    }

    @Test
    void custom_comments_are_newline_joined() {
        assertThat(sent(AddOrder.customComments(3, LINK, List.of("nice!", "wow 🔥"))))
                .containsExactly(entry("service", "3"), entry("link", LINK), entry("comments", "nice!\nwow 🔥"));
    }

    @Test
    void custom_comments_package() {
        assertThat(sent(AddOrder.customCommentsPackage(4, LINK, List.of("a", "b"))))
                .containsExactly(entry("service", "4"), entry("link", LINK), entry("comments", "a\nb"));
    }

    @Test
    void mentions_custom_list() {
        assertThat(sent(AddOrder.mentionsCustomList(5, LINK, List.of("alice", "bob"))))
                .containsExactly(entry("service", "5"), entry("link", LINK), entry("usernames", "alice\nbob"));
    }

    @Test
    void mentions_with_hashtags_with_and_without_quantity() {
        var order = AddOrder.mentionsWithHashtags(6, LINK, List.of("alice", "bob"), List.of("#one", "#two"));
        assertThat(sent(order)).containsExactly(entry("service", "6"), entry("link", LINK),
                entry("usernames", "alice\nbob"), entry("hashtags", "#one\n#two"));
        assertThat(sent(order.quantity(500))).containsExactly(entry("service", "6"), entry("link", LINK),
                entry("usernames", "alice\nbob"), entry("hashtags", "#one\n#two"), entry("quantity", "500"));
    }

    @Test
    void mentions_hashtag() {
        assertThat(sent(AddOrder.mentionsHashtag(7, LINK, 100, "#sale"))).containsExactly(entry("service", "7"),
                entry("link", LINK), entry("quantity", "100"), entry("hashtag", "#sale"));
    }

    @Test
    void mentions_user_followers() {
        assertThat(sent(AddOrder.mentionsUserFollowers(8, LINK, 100, "carol"))).containsExactly(entry("service", "8"),
                entry("link", LINK), entry("quantity", "100"), entry("username", "carol"));
    }

    @Test
    void mentions_media_likers() {
        assertThat(sent(AddOrder.mentionsMediaLikers(9, LINK, 100, "https://instagram.com/p/xyz")))
                .containsExactly(entry("service", "9"), entry("link", LINK), entry("quantity", "100"),
                        entry("media", "https://instagram.com/p/xyz"));
    }

    @Test
    void comment_likes() {
        assertThat(sent(AddOrder.commentLikes(10, LINK, 100, "owner"))).containsExactly(entry("service", "10"),
                entry("link", LINK), entry("quantity", "100"), entry("username", "owner"));
    }

    @Test
    void comment_replies() {
        assertThat(sent(AddOrder.commentReplies(11, LINK, "owner", List.of("hi", "yo"))))
                .containsExactly(entry("service", "11"), entry("link", LINK), entry("username", "owner"),
                        entry("comments", "hi\nyo"));
    }

    @Test
    void poll() {
        assertThat(sent(AddOrder.poll(12, LINK, 100, 2))).containsExactly(entry("service", "12"), entry("link", LINK),
                entry("quantity", "100"), entry("answer_number", "2"));
    }

    @Test
    void invites_from_groups() {
        assertThat(sent(AddOrder.invitesFromGroups(13, LINK, 100, List.of("g1", "g2"))))
                .containsExactly(entry("service", "13"), entry("link", LINK), entry("quantity", "100"),
                        entry("groups", "g1\ng2"));
    }

    @Test
    void seo_keywords_are_newline_joined() {
        assertThat(sent(AddOrder.seo(14, LINK, 100, List.of("buy likes", "smm panel"))))
                .containsExactly(entry("service", "14"), entry("link", LINK), entry("quantity", "100"),
                        entry("keywords", "buy likes\nsmm panel"));
    }

    @Test
    void subscription_with_every_option_formats_expiry_as_day_month_year() {
        var order = AddOrder.subscription(15, "dave", 100, 200, 30, 10, 2, LocalDate.of(2027, 1, 5));

        assertThat(sent(order)).containsExactly(entry("service", "15"), entry("username", "dave"), entry("min", "100"),
                entry("max", "200"), entry("posts", "10"), entry("old_posts", "2"), entry("delay", "30"),
                entry("expiry", "05/01/2027"));
    }

    @Test
    void subscription_leaves_out_the_options_that_are_null() {
        assertThat(sent(AddOrder.subscription(15, "dave", 100, 200, 0, null, null, null)))
                .containsExactly(entry("service", "15"), entry("username", "dave"), entry("min", "100"),
                        entry("max", "200"), entry("delay", "0"));
    }

    @Test
    void generic_order_forwards_exactly_its_fields_in_order() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("link", LINK);
        fields.put("quantity", "10");
        fields.put("custom_field", "x");

        assertThat(sent(AddOrder.of(16, fields))).containsExactly(entry("service", "16"), entry("link", LINK),
                entry("quantity", "10"), entry("custom_field", "x"));
    }

    @Test
    void unicode_ampersands_and_equals_signs_survive_form_encoding() {
        var order = AddOrder.customComments(3, "https://x.com/a?b=1&c=2", List.of("Привет & пока = 👋", "a+b %20"));

        assertThat(sent(order)).containsEntry("link", "https://x.com/a?b=1&c=2")
                .containsEntry("comments", "Привет & пока = 👋\na+b %20");
        assertThat(panel.last().body())
                .contains("link=https%3A%2F%2Fx.com%2Fa%3Fb%3D1%26c%3D2")
                .contains("comments=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%26+")
                .doesNotContain("Привет");
    }

    @Test
    void requests_are_form_posts_that_ask_for_json() {
        sent(AddOrder.packageOrder(2, LINK));

        var request = panel.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.headers().getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void orders_are_immutable_and_list_entries_with_line_breaks_are_refused() {
        var plain = AddOrder.defaults(1, LINK, 10);
        plain.dripFeed(2, 5);

        assertThat(plain.fields()).doesNotContainKey("runs");
        assertThatThrownBy(() -> plain.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> AddOrder.customComments(3, LINK, List.of("one\ntwo")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddOrder.seo(3, LINK, 10, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddOrder.of(3, Map.of("key", "other"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddOrder.defaults(1, LINK, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
