package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.ModelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectKeys#checkKeySegments} refuses exactly the keys with a leading '/', an empty
 * segment or a '.' or '..' segment, and names the first such segment: checked against the
 * plain definition (split on '/') for every key of up to seven characters from 'a', '.' and '/'.
 *
 * <pre>{@code
 * mvn -pl api test -Dtest=ObjectKeysSegmentsTest
 * }</pre>
 */
class ObjectKeysSegmentsTest {

    @Test
    void refusesExactlyTheKeysTheSplitDefinitionRefusesWithTheSameMessage() {
        List<String> keys = new ArrayList<>(List.of(""));
        for (int length = 1; length <= 7; length++) {
            List<String> longer = new ArrayList<>();
            for (String key : keys) {
                if (key.length() == length - 1) {
                    for (char c : new char[] {'a', '.', '/'}) {
                        longer.add(key + c);
                    }
                }
            }
            keys.addAll(longer);
        }
        assertThat(keys).hasSize(1 + 3 + 9 + 27 + 81 + 243 + 729 + 2187);
        int refused = 0;
        for (String key : keys) {
            Throwable thrown = catchThrowable(() -> ObjectKeys.checkKeySegments(key, "Table 't'"));
            String expected = problemBySplitting(key);
            if (expected == null) {
                assertThat(thrown).as("key '%s'", key).isNull();
            } else {
                refused++;
                assertThat(thrown).as("key '%s'", key).isInstanceOf(ModelException.class).hasMessageContaining(expected);
            }
        }
        assertThat(refused).as("keys refused").isBetween(1000, keys.size() - 100);
    }

    /** The rule as first written: split on '/', first bad segment wins. */
    private static String problemBySplitting(String key) {
        if (key.startsWith("/")) {
            return "starts with '/'";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
            if (segment.isEmpty()) {
                return "has an empty segment";
            }
        }
        return null;
    }
}
