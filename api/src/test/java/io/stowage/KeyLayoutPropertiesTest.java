package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.internal.ObjectKeys;
import io.stowage.s3support.S3Rules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The default key layout, checked on generated key values, sort keys and file names drawn
 * from an alphabet of the characters that have tripped layouts before ({@code #}, {@code /},
 * {@code %}, {@code .}, {@code \}, spaces, accents, emoji, lone surrogates, bidi and control
 * characters): whatever validation accepts maps one to one onto object keys, and whatever
 * could name another object is refused.
 */
class KeyLayoutPropertiesTest {

    /** Characters a key may hold, some of them ones layouts have tripped on ({@code #}, {@code %}, {@code .}, {@code ?}). */
    private static final List<String> SAFE = List.of("a", "Z", "0", "2", "3", "F", "#", "%", "%2F", "%23", "/", ".", " ", "~", "-", "_", "+", "?",
            "\u00e9", "\u65e5", "\ud83d\ude00");
    /** Characters that must be refused somewhere: separators, a lone surrogate, bidi and control characters. */
    private static final List<String> RISKY = List.of("\\", "\udc00", "\ud800", "\u202e", "\u2066", "\u0085", "\n",
            "\u0000");

    private static final String PREFIX = "docs/";

    record Keys(String pk, Optional<String> sk, String filename) {
    }

    private static Arbitrary<String> characters() {
        return Arbitraries.frequencyOf(Tuple.of(25, Arbitraries.of(SAFE)), Tuple.of(1, Arbitraries.of(RISKY)));
    }

    @Provide
    Arbitrary<String> segments() {
        return characters().list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Keys> tuples() {
        return Combinators.combine(segments(), segments().optional(0.7), segments()).as(Keys::new);
    }

    /**
     * A tuple and a near neighbour (one character changed, '#' and '/' swapped, or a part moved to
     * the sort key). Both have a sort key or neither: within one table the sort key is always
     * there or never (tables of different shapes under one prefix are kept apart by key claims,
     * which the TCK checks).
     */
    @Provide
    Arbitrary<List<Keys>> neighbours() {
        return tuples().flatMap(t -> Arbitraries.integers().between(0, 4).flatMap(kind -> characters()
                .map(c -> List.of(t, neighbour(t, kind, c)))));
    }

    private static Keys neighbour(Keys t, int kind, String c) {
        switch (kind) {
            case 0:
                return new Keys(t.pk().substring(0, t.pk().offsetByCodePoints(t.pk().length(), -1)) + c, t.sk(), t.filename());
            case 1:
                return new Keys(t.pk().replace('#', '/'), t.sk().map(s -> s.replace('/', '#')), t.filename());
            case 2:
                // A '#'-part moved from the partition key into the sort key, where '#' is kept (encoded).
                int hash = t.pk().lastIndexOf('#');
                return hash < 0 ? t : new Keys(t.pk().substring(0, hash),
                        Optional.of(t.pk().substring(hash + 1) + "#" + t.sk().orElse("x")), t.filename());
            case 3:
                return new Keys(t.pk(), t.sk(), c + t.filename().substring(t.filename().offsetByCodePoints(0, 1)));
            default:
                // What the layout writes for '/' and '#', written by the caller instead.
                return new Keys(t.pk().replace("/", "%2F"), t.sk().map(s -> s.replace("#", "%23")), t.filename());
        }
    }

    @Property(tries = 3000, maxDiscardRatio = 30)
    void distinctAcceptedTuplesMapToDistinctKeys(@ForAll("tuples") Keys a, @ForAll("tuples") Keys b) {
        assertDistinctKeysForDistinctTuples(a, b);
    }

    @Property(tries = 3000, maxDiscardRatio = 30)
    void nearNeighboursThatAreAcceptedMapToDistinctKeys(@ForAll("neighbours") List<Keys> pair) {
        assertDistinctKeysForDistinctTuples(pair.get(0), pair.get(1));
    }

    @Property(tries = 2000, maxDiscardRatio = 30)
    void everyAcceptedKeyIsValidUnicodeWithoutDotSegmentsOrControls(@ForAll("tuples") Keys t) {
        Optional<String> key = acceptedKey(t);
        Assume.that(key.isPresent());
        assertThat(ObjectKeys.segmentProblem(key.get())).as("key %s", key.get()).isNull();
        assertThat(key.get().split("/", -1)).as("segments of %s", key.get()).doesNotContain(".", "..");
        assertThat(key.get()).startsWith(PREFIX).endsWith("/" + t.filename());
    }

    @Property(tries = 2000, maxDiscardRatio = 30)
    void valuesWithLoneSurrogatesBidiOrControlCharactersAreRefused(@ForAll("segments") String value) {
        // A lone surrogate that meets its other half is a valid pair, so surrogates are judged by the encoder.
        boolean unsafe = S3Rules.utf8Length(value) < 0
                || value.chars().anyMatch(c -> c == '\u202e' || c == '\u2066' || c == 0x85 || c == '\n' || c == 0);
        Assume.that(unsafe);
        assertThatThrownBy(() -> ObjectKeys.checkKeyValue(value, "partition key", true, "Table 't', attribute 'content'"))
                .isInstanceOf(ModelException.class).hasMessageContaining("partition key");
        assertThatThrownBy(() -> ObjectKeys.checkFilename(value, "Table 't', attribute 'content'"))
                .isInstanceOf(ModelException.class).hasMessageContaining("file name");
    }

    @Property(tries = 1000, maxDiscardRatio = 30)
    void derivedKeysDifferFromTheSeedKeyAndFromEachOther(@ForAll("tuples") Keys t) {
        Optional<String> key = acceptedKey(t);
        Assume.that(key.isPresent());
        String first = KeyLayout.defaultLayout().derivedKey(key.get(), ObjectKeys.token());
        String second = KeyLayout.defaultLayout().derivedKey(key.get(), ObjectKeys.token());
        assertThat(first).isNotEqualTo(key.get()).isNotEqualTo(second).endsWith("/" + t.filename());
    }

    @Property(tries = 2000, maxDiscardRatio = 30)
    void noPlainKeyHasTheTokenSegmentOfADerivedKey(@ForAll("tuples") Keys t) {
        Optional<String> key = acceptedKey(t);
        Assume.that(key.isPresent());
        String[] segments = key.get().substring(PREFIX.length()).split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            assertThat(segments[i]).as("segment %d of %s", i, key.get()).doesNotStartWith("~");
        }
    }

    @Example
    void keyValuesSpellingADerivedKeyGetAnotherKey() {
        String token = "k3x7ab2cd4ef";
        String derived = KeyLayout.defaultLayout().derivedKey(acceptedKey(new Keys("DOC#1", Optional.of("v1"), "scan.pdf")).orElseThrow(),
                token);
        assertThat(acceptedKey(new Keys("DOC#1#v1#~" + token, Optional.empty(), "scan.pdf"))).get().isNotEqualTo(derived);
        assertThat(acceptedKey(new Keys("DOC#1#v1", Optional.of("~" + token), "scan.pdf"))).get().isNotEqualTo(derived);
        assertThat(acceptedKey(new Keys("DOC#1#v1", Optional.of("~" + token), "scan.pdf"))).get()
                .isEqualTo(PREFIX + "DOC/1/v1/%7E" + token + "/scan.pdf");
        assertThat(acceptedKey(new Keys("a~b#c", Optional.empty(), "f.txt"))).get().as("a ~ inside a segment stays")
                .isEqualTo(PREFIX + "a~b/c/f.txt");
    }

    private static void assertDistinctKeysForDistinctTuples(Keys a, Keys b) {
        Assume.that(!a.equals(b) && a.sk().isPresent() == b.sk().isPresent());
        Optional<String> keyA = acceptedKey(a);
        Optional<String> keyB = acceptedKey(b);
        Assume.that(keyA.isPresent() && keyB.isPresent());
        assertThat(keyA.get()).as("key of %s and of %s", a, b).isNotEqualTo(keyB.get());
    }

    /** The key the default layout gives, when validation accepts every part; empty when it refuses one. */
    private static Optional<String> acceptedKey(Keys t) {
        String where = "Table 't', attribute 'content'";
        try {
            ObjectKeys.checkKeyValue(t.pk(), "partition key", true, where);
            t.sk().ifPresent(sk -> ObjectKeys.checkKeyValue(sk, "sort key", false, where));
            ObjectKeys.checkFilename(t.filename(), where);
            String key = KeyLayout.defaultLayout().objectKey(KeyContext.builder().table("t").attribute("content")
                    .bucket("company-docs").prefix(PREFIX).partitionKey(t.pk()).sortKey(t.sk().orElse(null))
                    .filename(t.filename()).build());
            ObjectKeys.checkKey(key, where);
            ObjectKeys.checkKeySegments(key, where);
            return Optional.of(Objects.requireNonNull(key));
        } catch (ModelException refused) {
            return Optional.empty();
        }
    }
}
