package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ModelException;
import io.stowage.ModelSchema;
import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.tck.model.TckDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any two (table, attribute, partition key, sort key, file name) tuples that validation
 * accepts end up in two different objects, each holding its own bytes, even where the key
 * layout alone would give them one key (two tables under one prefix, a table with a sort key
 * beside one without): the second save finds the key claimed and moves to a key of its own.
 */
class DistinctTuplesGetDistinctObjectsPropertiesTest {

    private static final String BUCKET = "distinct-tuples";
    private static final List<String> CHARACTERS = List.of("a", "b", "0", "#", "%", "%23", "/", ".", " ", "~", "-",
            "\u00e9", "\ud83d\ude00");

    private static Stowage stowage;
    private static List<Table<TckDocument>> tables;

    record Target(int table, boolean attachment, String pk, String sk, String filename) {
    }

    @BeforeContainer
    static void start() {
        stowage = Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create()).build();
        stowage.syncCreateBucketIfMissing(BUCKET);
        // Two tables with a sort key and one without, all three writing under "docs/".
        tables = List.of(
                stowage.table(TckDocument.schema("tuples-a", BUCKET)),
                stowage.table(TckDocument.schema("tuples-b", BUCKET)),
                stowage.table(flatWithAttachment()));
        tables.forEach(Table::syncCreateTableIfMissing);
    }

    @AfterContainer
    static void stop() {
        stowage.close();
    }

    private static ModelSchema<TckDocument> flatWithAttachment() {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table("tuples-flat")
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(BUCKET).prefix("docs/"))
                .s3Attribute("attachment", d -> d.attachment, (d, v) -> d.attachment = v, s3 -> s3.bucket(BUCKET).prefix("docs/"))
                .build();
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.of(CHARACTERS).list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Target> targets() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), segments(),
                segments(), segments()).as(Target::new);
    }

    /** Two targets, the second often sharing the first's key values so that seed keys collide. */
    @Provide
    Arbitrary<Tuple.Tuple2<Target, Target>> pairs() {
        return targets().flatMap(a -> Arbitraries.oneOf(targets(),
                Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
                        .as((table, attachment) -> new Target(table, attachment, a.pk(), a.sk(), a.filename())))
                .map(b -> Tuple.of(a, b)));
    }

    @Property(tries = 400)
    void distinctAcceptedTuplesAreStoredInDistinctObjects(@ForAll("pairs") Tuple.Tuple2<Target, Target> pair) {
        Target a = pair.get1();
        Target b = pair.get2();
        Assume.that(!a.equals(b));
        byte[] bytesA = ("A " + a).getBytes(StandardCharsets.UTF_8);
        byte[] bytesB = ("B " + b).getBytes(StandardCharsets.UTF_8);
        try {
            if (sameItem(a, b)) {
                Assume.that(a.attachment() != b.attachment());
                TckDocument d = model(a);
                set(d, a, bytesA);
                set(d, b, bytesB);
                tables.get(a.table()).syncSave(d);
            } else {
                TckDocument first = model(a);
                set(first, a, bytesA);
                tables.get(a.table()).syncSave(first);
                TckDocument second = model(b);
                set(second, b, bytesB);
                tables.get(b.table()).syncSave(second);
            }
        } catch (ModelException refused) {
            Assume.that(false);
        }
        TckDocument loadedA = load(a);
        TckDocument loadedB = load(b);
        String objectA = value(loadedA, a).bucket() + "/" + value(loadedA, a).key();
        String objectB = value(loadedB, b).bucket() + "/" + value(loadedB, b).key();
        assertThat(objectA).as("objects of %s and %s", a, b).isNotEqualTo(objectB);
        assertThat(value(loadedA, a).syncGetBytes()).as("bytes of %s", a).isEqualTo(bytesA);
        assertThat(value(loadedB, b).syncGetBytes()).as("bytes of %s", b).isEqualTo(bytesB);
    }

    private static boolean sameItem(Target a, Target b) {
        return a.table() == b.table() && a.pk().equals(b.pk()) && (a.table() == 2 || a.sk().equals(b.sk()));
    }

    private static TckDocument model(Target t) {
        TckDocument d = new TckDocument();
        d.pk = t.pk();
        d.sk = t.table() == 2 ? null : t.sk();
        d.name = "tuple";
        return d;
    }

    private static void set(TckDocument d, Target t, byte[] bytes) {
        S3File file = S3File.of(bytes, t.filename());
        if (t.attachment()) {
            d.attachment = file;
        } else {
            d.content = file;
        }
    }

    private static TckDocument load(Target t) {
        Optional<TckDocument> loaded = t.table() == 2 ? tables.get(2).syncGet(t.pk()) : tables.get(t.table()).syncGet(t.pk(), t.sk());
        return loaded.orElseThrow(() -> new AssertionError("item of " + t + " is missing"));
    }

    private static io.stowage.S3Value value(TckDocument d, Target t) {
        return Objects.requireNonNull(t.attachment() ? d.attachment : d.content, () -> "file of " + t);
    }
}
