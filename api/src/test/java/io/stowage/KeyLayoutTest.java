package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

    private static String key(String prefix, String pk, String sk, String filename) {
        return KeyLayout.defaultLayout().objectKey(KeyContext.builder().prefix(prefix).partitionKey(pk).sortKey(sk)
                .filename(filename).build());
    }

    @ParameterizedTest(name = "{0} + {1} + {2} + {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // the seed's examples, to the letter
            "docs/      | DOC#1         | v1    | report.pdf | docs/DOC/1/v1/report.pdf",
            "docs/      | DOC#1         | NULL  | report.pdf | docs/DOC/1/report.pdf",
            "documents/ | DOC#invoice-2024-001 | v1 | invoice.pdf | documents/DOC/invoice-2024-001/v1/invoice.pdf",
            "''         | DOC#1         | NULL  | a.txt      | DOC/1/a.txt",
            // a slash or percent already in a key value is encoded first
            "docs/      | A/B           | NULL  | f.txt      | docs/A%2FB/f.txt",
            "docs/      | A#B           | NULL  | f.txt      | docs/A/B/f.txt",
            "docs/      | 100%          | NULL  | f.txt      | docs/100%25/f.txt",
            // '#' in the sort key is encoded, or (A#B, C) and (A, B#C) would collide
            "docs/      | A             | B#C   | f.txt      | docs/A/B%23C/f.txt",
            "docs/      | A#B           | C     | f.txt      | docs/A/B/C/f.txt",
            // spaces, unicode and other characters are kept as they are
            "docs/      | my doc ü €    | v 1   | r é.pdf    | docs/my doc ü €/v 1/r é.pdf",
            "docs/      | a+b?c=d&e     | NULL  | f.txt      | docs/a+b?c=d&e/f.txt",
    })
    void default_layout_matches_the_table(String prefix, String pk, String sk, String filename, String expected) {
        assertThat(key("''".equals(prefix) ? "" : prefix, pk, sk, filename)).isEqualTo(expected);
    }

    @Test
    void default_layout_encodes_control_characters() {
        assertThat(key("p/", "a\tb\u0000", null, "f")).isEqualTo("p/a%09b%00/f");
    }

    @Test
    void default_layout_is_injective_over_an_awkward_key_set() {
        List<String> values = List.of("A#B", "A/B", "A%2FB", "A%23B", "A", "B", "B#C", "A#B#C", "A/B/C", "A%B", "A%25B",
                "#", "/", "%", "##", "//", " ", "ü", "a b", "+", "?");
        Set<String> keys = new HashSet<>();
        int combinations = 0;
        for (String pk : values) {
            for (String sk : values) {
                combinations++;
                keys.add(key("docs/", pk, sk, "f.txt"));
            }
        }
        assertThat(keys).hasSize(combinations);
    }

    @Test
    void encode_segment_encodes_hash_slash_and_percent() {
        assertThat(KeyLayout.encodeSegment("a#b/c%d")).isEqualTo("a%23b%2Fc%25d");
    }
}
