package org.opensmm.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Exact comparison of a reply with a document's example: the same JSON value types (a number is not a string),
 * the same field names in the same order, the same values. Jackson's own equals ignores key order, which is
 * part of the wire contract here.
 */
public final class Wire {
    private Wire() {}

    /** Asserts {@code actual} is exactly {@code expectedJson}: types, key order, values. */
    public static void assertWire(JsonNode actual, String expectedJson) {
        JsonNode expected;
        try {
            expected = TestPanel.JSON.readTree(expectedJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("expected text is not JSON: " + expectedJson, e);
        }
        compare("$", actual, expected);
    }

    /** {"error": text}, and nothing else. */
    public static void assertError(JsonNode actual, String text) {
        assertWire(actual, "{\"error\": " + quote(text) + "}");
    }

    public static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void compare(String path, JsonNode actual, JsonNode expected) {
        if (actual == null) fail(path + ": missing, expected " + expected);
        assertThat(actual.getNodeType()).as(path + " JSON type of " + actual + " (expected " + expected + ")")
                .isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(fieldNames(actual)).as(path + " field names in order").containsExactlyElementsOf(fieldNames(expected));
            expected.fieldNames().forEachRemaining(name -> compare(path + "." + name, actual.get(name), expected.get(name)));
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " list size of " + actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) compare(path + "[" + i + "]", actual.get(i), expected.get(i));
        } else if (expected.isNumber()) {
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual.asText()).as(path).isEqualTo(expected.asText());
        }
    }

    private static String quote(String s) {
        return TestPanel.JSON.getNodeFactory().textNode(s).toString();
    }
}
