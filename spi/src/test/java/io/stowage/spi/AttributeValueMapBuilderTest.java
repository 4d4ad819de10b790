package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Maps built by {@link AttributeValue#mapBuilder()} behave as the linked maps {@code fromM} makes, compact or not. */
class AttributeValueMapBuilderTest {

    @Test
    void aBuiltMapEqualsTheLinkedMapOfTheSameEntriesAtEverySize() {
        for (int n = 0; n <= 30; n++) {
            AttributeValue.MapBuilder builder = AttributeValue.mapBuilder();
            Map<String, AttributeValue> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                builder.put("k" + i, AttributeValue.fromN(Integer.toString(i)));
                expected.put("k" + i, AttributeValue.fromN(Integer.toString(i)));
            }
            Map<String, AttributeValue> built = builder.buildMap();
            assertThat(built).as("%d entries", n).isEqualTo(expected);
            assertThat(expected).isEqualTo(built);
            assertThat(built.hashCode()).isEqualTo(expected.hashCode());
            assertThat(built.toString()).isEqualTo(expected.toString());
            assertThat(new ArrayList<>(built.keySet())).as("insertion order").isEqualTo(new ArrayList<>(expected.keySet()));
            List<String> seen = new ArrayList<>();
            built.forEach((k, v) -> seen.add(k + "=" + v.n()));
            assertThat(seen).hasSize(n);
            assertThat(built.get("missing")).isNull();
            assertThat(built.containsKey("k0")).isEqualTo(n > 0);
            if (n > 0) {
                assertThat(built.get("k" + (n - 1)).n()).isEqualTo(Integer.toString(n - 1));
            }
            assertThat(rebuilt(expected)).as("as a map value").isEqualTo(AttributeValue.fromM(expected));
            assertThat(rebuilt(expected).hashCode()).isEqualTo(AttributeValue.fromM(expected).hashCode());
        }
    }

    @Test
    void aBuiltMapHasTheSizeInBytesOfTheLinkedMapOfTheSameEntries() {
        for (int n = 0; n <= 30; n++) {
            AttributeValue.MapBuilder builder = AttributeValue.mapBuilder();
            Map<String, AttributeValue> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                // Names of several UTF-8 lengths and nested maps: every part of an entry's size counts.
                String name = "ключ-" + i;
                AttributeValue value = i % 3 == 0 ? AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("é" + i)))
                        : AttributeValue.fromS("v".repeat(i));
                builder.put(name, value);
                expected.put(name, value);
            }
            long linked = AttributeValue.fromM(expected).sizeInBytes();
            assertThat(builder.build().sizeInBytes()).as("%d entries", n).isEqualTo(linked);
            assertThat(linked).as("%d entries: each counted", n).isGreaterThanOrEqualTo(3 + 11L * n);
        }
    }

    @Test
    void aRepeatedNameReplacesItsValueInPlace() {
        Map<String, AttributeValue> m = AttributeValue.mapBuilder().put("a", AttributeValue.fromS("1"))
                .put("b", AttributeValue.fromS("2")).put("a", AttributeValue.fromS("3")).buildMap();
        assertThat(m).hasSize(2);
        assertThat(new ArrayList<>(m.keySet())).containsExactly("a", "b");
        assertThat(m.get("a").s()).isEqualTo("3");
    }

    @Test
    void builtMapsCannotBeChangedAndABuilderBuildsOnce() {
        AttributeValue.MapBuilder builder = AttributeValue.mapBuilder().put("a", AttributeValue.fromS("1"));
        Map<String, AttributeValue> m = builder.buildMap();
        assertThatThrownBy(() -> m.put("b", AttributeValue.fromS("2"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().remove()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> m.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> builder.put("c", AttributeValue.fromS("3"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start another");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AttributeValue.mapBuilder().put(null, AttributeValue.fromS("x")))
                .isInstanceOf(NullPointerException.class);
    }

    private static AttributeValue rebuilt(Map<String, AttributeValue> entries) {
        AttributeValue.MapBuilder b = AttributeValue.mapBuilder();
        entries.forEach(b::put);
        return b.build();
    }
}
