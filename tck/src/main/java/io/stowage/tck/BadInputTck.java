package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ModelException;
import io.stowage.ModelSchema;
import io.stowage.PresignedUpload;
import io.stowage.S3AttributeException;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageException;
import io.stowage.Table;
import io.stowage.UploadConstraints;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.decorators.BlobOp;
import io.stowage.tck.decorators.CountingBlobStore;
import io.stowage.tck.decorators.CountingItemStore;
import io.stowage.tck.decorators.ItemOp;
import io.stowage.tck.model.BadModels;
import io.stowage.tck.model.TckDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The bad-input catalogue: every public entry point fed input it must refuse (schemas and
 * annotations, key values, file names, prefixes, metadata, content types, {@code S3File}
 * factories, presign expiries, configuration, use after close, values not yet saved). Each
 * entry names the exception type it must get; its message must name what was wrong (the
 * table, attribute, key or setting) and say what to do, carry no control character, and
 * nothing may be written to either store: the counting decorators see no write at all, or,
 * for the few inputs that can only be caught while the bytes flow, neither an object nor an
 * item is left. Asynchronous entry points must not throw: their future fails.
 *
 * <pre>{@code
 * class InMemoryBadInputTckTest extends BadInputTck {
 *     protected StoreFactory<BlobStore> blobStores() { return StoreFactory.of(InMemoryBlobStore::create).build(); }
 *     protected StoreFactory<ItemStore> itemStores() { return StoreFactory.of(InMemoryItemStore::create).build(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class BadInputTck {

    /** A message must say what to do: one of these verbs, as a word. */
    private static final Pattern FIX = Pattern.compile("\\b(use|pass|give|set|change|rename|shorten|assign|fix|remove|create|call"
            + "|save|write|make|choose|annotate|name|add|start|select|keep|load|put|turn|read|open|close)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<BlobOp> BLOB_WRITES = Set.of(BlobOp.PUT, BlobOp.DELETE, BlobOp.DELETE_ALL, BlobOp.COPY,
            BlobOp.CREATE_BUCKET);
    private static final Set<ItemOp> ITEM_WRITES = Set.of(ItemOp.PUT, ItemOp.DELETE, ItemOp.CREATE_TABLE);

    private CountingBlobStore blobs;
    private CountingItemStore items;
    private Stowage stowage;
    private Stowage closed;
    private String bucket;
    private String docsTable;
    private String flatTable;
    private String plainTable;
    private Path dir;
    private S3Value stored;
    private final AtomicInteger keys = new AtomicInteger();
    private final Map<String, Integer> perEntryPoint = new LinkedHashMap<>();

    // ------------------------------------------------------------------ hooks

    /** The blob store under test; created once per class and closed after it. */
    protected abstract StoreFactory<BlobStore> blobStores();

    /** The item store under test; created once per class and closed after it. */
    protected abstract StoreFactory<ItemStore> itemStores();

    // -------------------------------------------------------------- lifecycle

    @BeforeAll
    final void createStoresTablesAndBucket() throws IOException {
        blobs = new CountingBlobStore(blobStores().create());
        items = new CountingItemStore(itemStores().create());
        String suffix = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 10);
        bucket = "stowage-bad-" + suffix;
        docsTable = "stowage-bad-docs-" + suffix;
        flatTable = "stowage-bad-flat-" + suffix;
        plainTable = "stowage-bad-plain-" + suffix;
        stowage = Stowage.builder().blobStore(blobs).itemStore(items)
                .config(StowageConfig.builder().consistentReads(true).build()).build();
        stowage.syncCreateBucketIfMissing(bucket);
        docs().syncCreateTableIfMissing();
        flat().syncCreateTableIfMissing();
        plain().syncCreateTableIfMissing();
        plainWithSortKey().syncCreateTableIfMissing();
        dir = Files.createTempDirectory("stowage-bad-input");
        TckDocument saved = doc("SAVED", S3File.of("saved bytes".getBytes(StandardCharsets.UTF_8), "saved.txt"));
        docs().syncSave(saved);
        stored = docs().syncGet("SAVED", "v1").orElseThrow().content;
        closed = Stowage.builder().blobStore(blobs).itemStore(items).build();
        closed.close();
    }

    @AfterAll
    final void closeStores() throws IOException {
        if (stowage != null) {
            stowage.close();
        }
        if (blobs != null) {
            blobs.close();
        }
        if (items != null) {
            items.close();
        }
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------ rules

    @TestFactory
    final Stream<DynamicTest> required_everyBadInputIsRefusedClearlyBeforeAnythingIsWritten() {
        return catalogue().stream().map(c -> DynamicTest.dynamicTest(c.entryPoint() + ": " + c.input(), () -> check(c)));
    }

    @Test
    final void required_theCatalogueCoversEveryEntryPointWithAtLeast120Inputs() {
        List<BadInput> all = catalogue();
        assertThat(all).as("bad inputs in the catalogue").hasSizeGreaterThanOrEqualTo(120);
        Set<String> groups = new TreeSet<>();
        all.forEach(c -> groups.add(c.entryPoint().split(" ")[0]));
        assertThat(groups).as("entry-point groups").contains("schema", "save", "get", "delete", "query", "S3File",
                "metadata", "contentType", "presign", "stored", "unsaved", "config", "closed");
        assertThat(all.stream().map(c -> c.entryPoint() + ": " + c.input()).distinct().count())
                .as("distinct names").isEqualTo(all.size());
    }

    // ---------------------------------------------------------------- harness

    /** One bad input: where it goes in, the exception it must get, what its message must name. */
    protected record BadInput(String entryPoint, String input, Class<? extends StowageException> expected,
                              List<String> mentions, Outcome outcome, Attempt attempt) {
    }

    /** How a refused input is proven to have written nothing. */
    protected enum Outcome {
        /** Refused before any write request was sent. */
        NO_WRITE,
        /** An async entry point: it returns a failed future, and sends no write. */
        ASYNC_NO_WRITE,
        /** Found out while the bytes flow (a stream of the wrong length): no object and no item remain. */
        NOTHING_LEFT
    }

    /** The call under test. */
    @FunctionalInterface
    protected interface Attempt {
        Object run() throws Exception;
    }

    private void check(BadInput c) throws Exception {
        Set<String> objectsBefore = c.outcome() == Outcome.NOTHING_LEFT ? objectKeys() : Set.of();
        blobs.reset();
        items.reset();
        Throwable failure = null;
        Object result = null;
        try {
            result = c.attempt().run();
        } catch (Throwable t) {
            failure = t;
        }
        if (c.outcome() == Outcome.ASYNC_NO_WRITE) {
            assertThat(failure).as("%s is asynchronous: it must return a failed future, not throw", c.entryPoint()).isNull();
            assertThat(result).as("%s returns a future", c.entryPoint()).isInstanceOf(CompletableFuture.class);
            try {
                result = ((CompletableFuture<?>) result).get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
        }
        assertThat(failure).as("%s accepted %s (returned %s)", c.entryPoint(), c.input(), result).isNotNull();
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).as("exception for %s", c.input()).isInstanceOf(c.expected());
        String message = failure.getMessage();
        assertThat(message).as("message of %s", failure).isNotBlank();
        String lower = message.toLowerCase(Locale.ROOT);
        for (String mention : c.mentions()) {
            assertThat(lower).as("the message names '%s': %s", mention, message).contains(mention.toLowerCase(Locale.ROOT));
        }
        assertThat(FIX.matcher(message).find()).as("the message says what to do: %s", message).isTrue();
        assertThat(message.chars().noneMatch(ch -> ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)))
                .as("the message carries no control character: %s", message).isTrue();
        if (c.outcome() == Outcome.NOTHING_LEFT) {
            assertThat(objectKeys()).as("objects in the bucket after %s", c.input()).isEqualTo(objectsBefore);
            assertThat(items.count(ItemOp.PUT)).as("item writes for %s", c.input()).isZero();
        } else {
            assertThat(writes()).as("write requests sent for %s", c.input()).isEmpty();
        }
    }

    private Map<String, Long> writes() {
        Map<String, Long> writes = new LinkedHashMap<>();
        BLOB_WRITES.forEach(op -> {
            if (blobs.count(op) > 0) {
                writes.put("blob " + op, blobs.count(op));
            }
        });
        ITEM_WRITES.forEach(op -> {
            if (items.count(op) > 0) {
                writes.put("item " + op, items.count(op));
            }
        });
        return writes;
    }

    private Set<String> objectKeys() {
        Set<String> keys = new TreeSet<>();
        String token = null;
        do {
            io.stowage.spi.BlobPage page = blobs.list(ListBlobsRequest.builder().bucket(bucket).continuationToken(token).build()).join();
            page.blobs().forEach(b -> keys.add(b.id().key()));
            token = page.nextToken().orElse(null);
        } while (token != null);
        return keys;
    }

    private Table<TckDocument> docs() {
        return stowage.table(TckDocument.schema(docsTable, bucket));
    }

    private Table<TckDocument> flat() {
        return stowage.table(TckDocument.flatSchema(flatTable, bucket));
    }

    /** A table whose model has no file at all: only DynamoDB's own limits apply to its keys. */
    private Table<TckDocument> plain() {
        return stowage.table(ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(plainTable)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .build());
    }

    /** A table whose model has a sort key and no file. */
    private Table<TckDocument> plainWithSortKey() {
        return stowage.table(ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(plainTable + "-sk")
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .sortKey("sk", String.class, d -> d.sk, (d, v) -> d.sk = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .build());
    }

    private static TckDocument doc(String pk, S3Value content) {
        TckDocument d = new TckDocument();
        d.pk = pk;
        d.sk = "v1";
        d.name = "bad input";
        d.content = content;
        return d;
    }

    private static TckDocument doc(String pk, String sk, S3Value content) {
        TckDocument d = doc(pk, content);
        d.sk = sk;
        return d;
    }

    /** A fresh partition key, so that a wrongly accepted input cannot disturb the next one. */
    private String pk() {
        return "BAD#" + keys.incrementAndGet();
    }

    private static S3File text(String name) {
        return S3File.of("bad input".getBytes(StandardCharsets.UTF_8), name);
    }

    private static S3File withMetadata(Map<String, String> metadata) {
        return text("m.txt").withMetadata(metadata);
    }

    private static Map<String, String> mapOf(String key, String value) {
        Map<String, String> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    // -------------------------------------------------------------- catalogue

    /** The catalogue; a provider's test class may add inputs of its own. */
    protected List<BadInput> catalogue() {
        List<BadInput> all = new ArrayList<>();
        schemas(all);
        keysOnSave(all);
        keysOnRead(all);
        fileNames(all);
        metadata(all);
        contentTypes(all);
        factories(all);
        storedValues(all);
        directUploads(all);
        unsavedValues(all);
        configuration(all);
        afterClose(all);
        return all;
    }

    private static BadInput refused(String entryPoint, String input, Class<? extends StowageException> expected,
                                    List<String> mentions, Attempt attempt) {
        return new BadInput(entryPoint, input, expected, mentions, Outcome.NO_WRITE, attempt);
    }

    private static BadInput failsAsync(String entryPoint, String input, Class<? extends StowageException> expected,
                                       List<String> mentions, Attempt attempt) {
        return new BadInput(entryPoint, input, expected, mentions, Outcome.ASYNC_NO_WRITE, attempt);
    }

    private void schemas(List<BadInput> all) {
        Object[][] models = {
            {BadModels.NoPartitionKey.class, "no @PartitionKey", List.of("partition key")},
            {BadModels.TwoPartitionKeys.class, "two @PartitionKey fields", List.of("partition keys")},
            {BadModels.TwoSortKeys.class, "two @SortKey fields", List.of("sort key")},
            {BadModels.ListPartitionKey.class, "a List partition key", List.of("pk")},
            {BadModels.S3AttributeOnString.class, "@S3Attribute on a String", List.of("content")},
            {BadModels.BucketWithCapitals.class, "bucket 'Company_Docs'", List.of("Company_Docs")},
            {BadModels.BucketTooShort.class, "bucket 'ab'", List.of("'ab'")},
            {BadModels.BucketLikeAnIpAddress.class, "bucket '192.168.1.1'", List.of("192.168.1.1")},
            {BadModels.EmptyBucket.class, "an empty bucket", List.of("bucket")},
            {BadModels.PrefixEscapesUpward.class, "prefix '../x/'", List.of("prefix", "'..'")},
            {BadModels.AbsolutePrefix.class, "prefix '/abs/'", List.of("prefix", "/abs/")},
            {BadModels.PrefixWithNewline.class, "prefix with a line break", List.of("prefix", "control")},
            {BadModels.PrefixWithDotSegment.class, "prefix 'x/./'", List.of("prefix", "'.'")},
            {BadModels.PrefixWithEmptySegment.class, "prefix 'a//b/'", List.of("prefix", "empty segment")},
            {BadModels.PrefixWithTildeSegment.class, "prefix 'files/~'", List.of("prefix", "files/~", "'~'")},
            {BadModels.PrefixWithBidiOverride.class, "prefix with U+202E", List.of("prefix", "U+202E")},
            {BadModels.PrefixWithC1Control.class, "prefix with U+0085", List.of("prefix", "U+0085")},
            {BadModels.VersionOnString.class, "@Version on a String", List.of("@Version")},
            {BadModels.TwoVersions.class, "two @Version fields", List.of("@Version")},
            {BadModels.UuidOnLong.class, "@AutoGenerate(UUID) on a Long", List.of("UUID")},
            {BadModels.UnknownAutoGenerate.class, "@AutoGenerate(\"SOMETIMES\")", List.of("SOMETIMES")},
            {BadModels.DuplicateAttributeName.class, "two fields named 'title'", List.of("title")},
            {BadModels.TableNameTooShort.class, "table 'ab'", List.of("'ab'")},
            {BadModels.TableNameWithSpace.class, "table 'bad name!'", List.of("bad name!")},
            {BadModels.EmptyTableName.class, "an empty table name", List.of("table")},
        };
        for (Object[] m : models) {
            Class<?> type = (Class<?>) m[0];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) m[2];
            all.add(refused("schema ModelSchema.of", (String) m[1], ModelException.class, mentions,
                    () -> ModelSchema.of(type)));
        }
        all.add(refused("schema ModelSchema.of", "null", ModelException.class, List.of("ModelSchema.of"),
                () -> ModelSchema.of(null)));
        all.add(refused("schema withTable", "null", ModelException.class, List.of("table"),
                () -> TckDocument.schema(docsTable, bucket).withTable(null)));
        all.add(refused("schema withTable", "'x'", ModelException.class, List.of("'x'"),
                () -> TckDocument.schema(docsTable, bucket).withTable("x")));
        all.add(refused("schema Stowage.table", "null schema", StowageException.class, List.of("table"),
                () -> stowage.table((ModelSchema<Object>) null)));
    }

    private void keysOnSave(List<BadInput> all) {
        String table = docsTable;
        Object[][] partitionKeys = {
            {null, "null", List.of(table, "pk")},
            {"", "empty", List.of(table, "pk", "empty")},
            {".", "'.'", List.of(table, "partition key", "'.'")},
            {"..", "'..'", List.of(table, "partition key", "'..'")},
            {"a#..", "'a#..' ('#' becomes '/')", List.of(table, "partition key", "'..'")},
            {"..#a", "'..#a'", List.of(table, "partition key", "'..'")},
            {"a#.#b", "'a#.#b'", List.of(table, "partition key", "'.'")},
            {"#a", "'#a' (an empty segment)", List.of(table, "partition key", "empty")},
            {"a#", "'a#' (an empty segment)", List.of(table, "partition key", "empty")},
            {"a##b", "'a##b' (an empty segment)", List.of(table, "partition key", "empty")},
            {"p\udc00", "an unpaired low surrogate", List.of(table, "surrogate")},
            {"p\ud800", "an unpaired high surrogate", List.of(table, "surrogate")},
            {"\u202eevil", "a right-to-left override", List.of(table, "U+202E")},
            {"a\u2066b", "a left-to-right isolate", List.of(table, "U+2066")},
            {"a\u200fb", "a right-to-left mark", List.of(table, "U+200F")},
            {"a\u0000b", "NUL", List.of(table, "U+0000")},
            {"a\nb", "a line feed", List.of(table, "U+000A")},
            {"a\rb", "a carriage return", List.of(table, "U+000D")},
            {"a\u007fb", "DEL", List.of(table, "U+007F")},
            {"a\u0085b", "NEL (C1)", List.of(table, "U+0085")},
            {"a\u009bb", "CSI (C1)", List.of(table, "U+009B")},
            {"x".repeat(2049), "2,049 bytes", List.of(table, "2048")},
            {"x".repeat(1000), "1,000 characters, making a key over 1,024 bytes", List.of(table, "1024")},
        };
        for (Object[] k : partitionKeys) {
            String value = (String) k[0];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) k[2];
            all.add(refused("save partition key", (String) k[1], ModelException.class, mentions,
                    () -> {
                        docs().syncSave(doc(value, text("a.txt")));
                        return null;
                    }));
        }
        Object[][] sortKeys = {
            {".", "'.'", List.of(table, "sort key", "'.'")},
            {"..", "'..'", List.of(table, "sort key", "'..'")},
            {"", "empty", List.of(table, "sk", "empty")},
            {"v\u202e1", "a right-to-left override", List.of(table, "U+202E")},
            {"v\u00001", "NUL", List.of(table, "U+0000")},
            {"v\udfff", "an unpaired surrogate", List.of(table, "surrogate")},
            {"s".repeat(1025), "1,025 bytes", List.of(table, "1024")},
        };
        for (Object[] k : sortKeys) {
            String value = (String) k[0];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) k[2];
            all.add(refused("save sort key", (String) k[1], ModelException.class, mentions,
                    () -> {
                        docs().syncSave(doc(pk(), value, text("a.txt")));
                        return null;
                    }));
        }
        all.add(refused("save partition key", "2,049 bytes on a model with no file", ModelException.class,
                List.of(plainTable, "2048"), () -> {
                    plain().syncSave(doc("x".repeat(2049), null));
                    return null;
                }));
        all.add(refused("save partition key", "1,025 two-byte characters on a model with no file", ModelException.class,
                List.of(plainTable, "2050"), () -> {
                    plain().syncSave(doc("\u00e9".repeat(1025), null));
                    return null;
                }));
        all.add(refused("save partition key", "an unpaired surrogate on a model with no file", ModelException.class,
                List.of(plainTable, "surrogate"), () -> {
                    plain().syncSave(doc("p\udc00", null));
                    return null;
                }));
        all.add(refused("save sort key", "1,025 bytes on a model with no file", ModelException.class,
                List.of(plainTable + "-sk", "1024"), () -> {
                    plainWithSortKey().syncSave(doc(pk(), "s".repeat(1025), null));
                    return null;
                }));
        all.add(refused("save model", "null", ModelException.class, List.of(table), () -> {
            docs().syncSave(null);
            return null;
        }));
        all.add(refused("save @Version", "-1", ModelException.class, List.of("version"), () -> {
            TckDocument d = doc(pk(), text("a.txt"));
            d.version = -1L;
            stowage.table(TckDocument.versionedSchema(flatTable, bucket)).syncSave(d);
            return null;
        }));
        all.add(failsAsync("save (async) partition key", "'..'", ModelException.class, List.of(table, "'..'"),
                () -> docs().save(doc("..", text("a.txt")))));
        all.add(failsAsync("save (async) model", "null", ModelException.class, List.of(table),
                () -> docs().save(null)));
        all.add(failsAsync("save (async) file name", "'a/b.txt'", ModelException.class, List.of("separator"),
                () -> docs().save(doc(pk(), text("a/b.txt")))));
        all.add(refused("save forged S3Value", "an S3Value Stowage did not load", ModelException.class,
                List.of(table, "content"), () -> {
                    docs().syncSave(doc(pk(), new ForgedValue()));
                    return null;
                }));
    }

    private void keysOnRead(List<BadInput> all) {
        all.add(refused("get partition key", "null", ModelException.class, List.of(flatTable, "pk"), () -> flat().syncGet(null)));
        all.add(refused("get partition key", "empty", ModelException.class, List.of(flatTable, "empty"), () -> flat().syncGet("")));
        all.add(refused("get partition key", "2,049 bytes", ModelException.class, List.of(flatTable, "2048"),
                () -> flat().syncGet("x".repeat(2049))));
        all.add(refused("get partition key", "an unpaired surrogate", ModelException.class, List.of(flatTable, "surrogate"),
                () -> flat().syncGet("p\udc00")));
        all.add(refused("get partition key", "an Integer for a String key", ModelException.class, List.of(flatTable, "String"),
                () -> flat().syncGet(42)));
        all.add(refused("get sort key", "a sort key on a table without one", ModelException.class, List.of(flatTable, "sort key"),
                () -> flat().syncGet("p", "s")));
        all.add(refused("get sort key", "1,025 bytes", ModelException.class, List.of(docsTable, "1024"),
                () -> docs().syncGet("p", "s".repeat(1025))));
        all.add(refused("get sort key", "null", ModelException.class, List.of(docsTable, "sk"), () -> docs().syncGet("p", null)));
        all.add(failsAsync("get (async) partition key", "null", ModelException.class, List.of(flatTable), () -> flat().get(null)));
        all.add(failsAsync("get (async) partition key", "2,049 bytes", ModelException.class, List.of(flatTable, "2048"),
                () -> flat().get("x".repeat(2049))));
        all.add(refused("delete model", "null", ModelException.class, List.of(docsTable), () -> docs().syncDelete(null)));
        all.add(refused("delete partition key", "null", ModelException.class, List.of(flatTable), () -> flat().syncDeleteByKey(null)));
        all.add(refused("delete partition key", "2,049 bytes", ModelException.class, List.of(flatTable, "2048"),
                () -> flat().syncDeleteByKey("x".repeat(2049))));
        all.add(refused("delete partition key", "an unpaired surrogate", ModelException.class, List.of(flatTable, "surrogate"),
                () -> flat().syncDeleteByKey("p\ud800")));
        all.add(refused("delete sort key", "1,025 bytes", ModelException.class, List.of(docsTable, "1024"),
                () -> docs().syncDeleteByKey("p", "s".repeat(1025))));
        all.add(failsAsync("delete (async) partition key", "null", ModelException.class, List.of(flatTable),
                () -> flat().deleteByKey(null)));
        all.add(refused("query partition key", "null", ModelException.class, List.of(docsTable), () -> docs().query(null).syncToList()));
        all.add(refused("query partition key", "2,049 bytes", ModelException.class, List.of(docsTable, "2048"),
                () -> docs().query("x".repeat(2049)).syncToList()));
        all.add(refused("query limit", "0", ModelException.class, List.of("limit"), () -> docs().query("p").limit(0).syncToList()));
        all.add(refused("query limit", "-1", ModelException.class, List.of("limit"), () -> docs().query("p").limit(-1).syncToList()));
        all.add(refused("query pageSize", "0", ModelException.class, List.of("pageSize"),
                () -> docs().query("p").pageSize(0).syncToList()));
        all.add(refused("query sortKeyBeginsWith", "null", ModelException.class, List.of("sortKeyBeginsWith"),
                () -> docs().query("p").sortKeyBeginsWith(null).syncToList()));
        all.add(refused("query sortKeyBetween", "null bounds", ModelException.class, List.of("sortKeyBetween"),
                () -> docs().query("p").sortKeyBetween(null, null).syncToList()));
        all.add(refused("query sort key condition", "on a table without a sort key", ModelException.class, List.of("sort key"),
                () -> flat().query("p").sortKeyEqualTo("s").syncToList()));
        all.add(refused("sweep options", "null", StowageException.class, List.of("sweepOrphans"),
                () -> docs().syncSweepOrphans(null)));
    }

    private void fileNames(List<BadInput> all) {
        Object[][] names = {
            {".", "'.'", List.of("file name", "'.'")},
            {"..", "'..'", List.of("file name", "'..'")},
            {"a/b.txt", "'a/b.txt'", List.of("file name", "separator")},
            {"a\\b.txt", "a backslash", List.of("file name", "separator")},
            {"x\u0000.txt", "NUL", List.of("file name", "U+0000")},
            {"x\n.txt", "a line feed", List.of("file name", "U+000A")},
            {"x\r.txt", "a carriage return", List.of("file name", "U+000D")},
            {"tab\tname.txt", "a tab", List.of("file name", "U+0009")},
            {"\u202etxt.exe", "a right-to-left override", List.of("file name", "U+202E")},
            {"a\u2067b.txt", "a right-to-left isolate", List.of("file name", "U+2067")},
            {"a\u200fb.txt", "a right-to-left mark", List.of("file name", "U+200F")},
            {"a\u061cb.txt", "an Arabic letter mark", List.of("file name", "U+061C")},
            {"a\u0085b.txt", "NEL (C1)", List.of("file name", "U+0085")},
            {"a\u009fb.txt", "APC (C1)", List.of("file name", "U+009F")},
            {"a\udc00.txt", "an unpaired surrogate", List.of("file name", "surrogate")},
            {"n".repeat(1100) + ".txt", "1,104 characters (a key over 1,024 bytes)", List.of("1024")},
        };
        for (Object[] n : names) {
            String name = (String) n[0];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) n[2];
            all.add(refused("save file name", (String) n[1], ModelException.class, mentions, () -> {
                docs().syncSave(doc(pk(), text(name)));
                return null;
            }));
        }
        all.add(refused("S3File of(bytes, name)", "a null name", ModelException.class, List.of("name"), () -> text(null)));
        all.add(refused("S3File of(bytes, name)", "an empty name", ModelException.class, List.of("name"), () -> text("")));
        all.add(refused("S3File of(bytes, name)", "a blank name", ModelException.class, List.of("name"), () -> text("   ")));
        all.add(refused("S3File withName", "null", ModelException.class, List.of("name"), () -> text("a.txt").withName(null)));
        all.add(refused("save file name", "withName(\"../x\")", ModelException.class, List.of("separator"), () -> {
            docs().syncSave(doc(pk(), text("a.txt").withName("../x")));
            return null;
        }));
    }

    private void metadata(List<BadInput> all) {
        Object[][] maps = {
            {mapOf(null, "v"), "a null key", List.of("metadata")},
            {mapOf("k", null), "a null value", List.of("metadata")},
            {Map.of("", "v"), "an empty key", List.of("metadata")},
            {Map.of("has space", "v"), "a key with a space", List.of("has space")},
            {Map.of("x-amz-meta-evil", "v"), "a key starting x-amz-", List.of("x-amz-")},
            {Map.of("X-Amz-Foo", "v"), "a key starting X-Amz-", List.of("x-amz-")},
            {Map.of("Dept", "a", "dept", "b"), "keys differing only in case", List.of("case")},
            {Map.of("cl\u00e9", "v"), "a non-ASCII key", List.of("metadata key")},
            {Map.of("a\nb", "v"), "a key with a line feed", List.of("metadata key")},
            {Map.of("a:b", "v"), "a key with a colon", List.of("a:b")},
            {Map.of("big", "v".repeat(2100)), "2,100 bytes of metadata", List.of("2048")},
            {Map.of("stowage-table", "other"), "the back-link key stowage-table", List.of("stowage-table")},
        };
        for (Object[] m : maps) {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) m[0];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) m[2];
            all.add(refused("metadata save", (String) m[1], ModelException.class, mentions, () -> {
                docs().syncSave(doc(pk(), withMetadata(map)));
                return null;
            }));
        }
        all.add(refused("metadata withMetadata", "null", ModelException.class, List.of("withMetadata"),
                () -> text("a.txt").withMetadata(null)));
    }

    private void contentTypes(List<BadInput> all) {
        String[][] types = {
            {null, "null"},
            {"", "empty"},
            {"   ", "blank"},
            {"text", "'text' (no subtype)"},
            {"text/plain\r\nX-Evil: 1", "CR LF and a header"},
            {"text/plain\n", "a trailing line feed"},
            {"a/b/c", "'a/b/c'"},
            {"/plain", "'/plain'"},
            {"text/", "'text/'"},
            {"t\u00ebxt/plain", "a non-ASCII type"},
            {"text/plain; charset", "a parameter without a value"},
            {"text /plain", "a space in the type"},
            {"text/plain;\u0000", "NUL"},
            {"application/" + "x".repeat(300), "300 characters"},
        };
        for (String[] t : types) {
            String type = t[0];
            all.add(refused("contentType withContentType", t[1], ModelException.class, List.of("content type"),
                    () -> text("a.txt").withContentType(type)));
        }
    }

    private void factories(List<BadInput> all) {
        all.add(refused("S3File of(bytes, name)", "null bytes", ModelException.class, List.of("data"),
                () -> S3File.of((byte[]) null, "a.txt")));
        all.add(refused("S3File of(Path)", "null", ModelException.class, List.of("path"), () -> S3File.of((Path) null)));
        all.add(refused("S3File of(Path)", "a missing file", ModelException.class, List.of("missing.bin"),
                () -> S3File.of(dir.resolve("missing.bin"))));
        all.add(refused("S3File of(Path)", "a directory", ModelException.class, List.of("regular file"), () -> S3File.of(dir)));
        all.add(refused("S3File of(InputStream, size, name)", "a null stream", ModelException.class, List.of("stream"),
                () -> S3File.of((InputStream) null, 3, "a.txt")));
        all.add(refused("S3File of(InputStream, size, name)", "size -1", ModelException.class, List.of("size"),
                () -> S3File.of(bytes(3), -1, "a.txt")));
        all.add(refused("S3File of(InputStream, size, name)", "a null name", ModelException.class, List.of("name"),
                () -> S3File.of(bytes(3), 3, null)));
        all.add(new BadInput("save S3File stream", "3 bytes declared as 10", S3AttributeException.class,
                List.of("10"), Outcome.NOTHING_LEFT, () -> {
                    docs().syncSave(doc(pk(), S3File.of(bytes(3), 10, "short.bin")));
                    return null;
                }));
        all.add(new BadInput("save S3File stream", "10 bytes declared as 3", S3AttributeException.class,
                List.of("3"), Outcome.NOTHING_LEFT, () -> {
                    docs().syncSave(doc(pk(), S3File.of(bytes(10), 3, "long.bin")));
                    return null;
                }));
        S3File once = S3File.of(bytes(4), 4, "once.bin");
        all.add(new BadInput("save S3File stream", "a stream a previous save read", ModelException.class,
                List.of("once.bin", "read once"), Outcome.NO_WRITE, () -> {
                    docs().syncSave(doc(pk(), once));
                    blobs.reset();
                    items.reset();
                    docs().syncSave(doc(pk(), once));
                    return null;
                }));
        all.add(refused("save S3File stream", "one stream for two attributes", ModelException.class, List.of("attachment"),
                () -> {
                    S3File shared = S3File.of(bytes(4), 4, "shared.bin");
                    TckDocument d = doc(pk(), shared);
                    d.attachment = shared.withName("other.bin");
                    docs().syncSave(d);
                    return null;
                }));
    }

    private void storedValues(List<BadInput> all) {
        Duration[] expiries = {null, Duration.ZERO, Duration.ofSeconds(-5), Duration.ofMillis(500), Duration.ofDays(8)};
        for (Duration expiry : expiries) {
            all.add(refused("presign syncPresignedUrl", String.valueOf(expiry), S3AttributeException.class,
                    List.of("expiry", "7 days"), () -> stored.syncPresignedUrl(expiry)));
        }
        all.add(failsAsync("presign (async) presignedUrl", "PT0S", S3AttributeException.class, List.of("expiry"),
                () -> stored.presignedUrl(Duration.ZERO)));
        all.add(refused("stored syncSaveTo", "null", S3AttributeException.class, List.of("saveTo"), () -> stored.syncSaveTo(null)));
        all.add(refused("stored syncSaveTo", "an existing empty directory", S3AttributeException.class, List.of("directory"),
                () -> stored.syncSaveTo(Files.createDirectories(dir.resolve("empty-directory")))));
        all.add(failsAsync("stored (async) saveTo", "null", S3AttributeException.class, List.of("saveTo"),
                () -> stored.saveTo(null)));
        long[][] ranges = {{-1, 1}, {0, -1}, {0, 12}, {11, 1}, {Long.MAX_VALUE, 1}};
        for (long[] r : ranges) {
            all.add(refused("stored syncGetBytes(offset, length)", r[0] + ", " + r[1], S3AttributeException.class,
                    List.of("range", "size()"), () -> stored.syncGetBytes(r[0], r[1])));
            all.add(refused("stored syncOpenStream(offset, length)", r[0] + ", " + r[1], S3AttributeException.class,
                    List.of("range", "size()"), () -> stored.syncOpenStream(r[0], r[1])));
        }
        all.add(failsAsync("stored (async) getBytes(offset, length)", "-1, 1", S3AttributeException.class, List.of("range"),
                () -> stored.getBytes(-1, 1)));
    }

    private void directUploads(List<BadInput> all) {
        Duration minutes = Duration.ofMinutes(5);
        all.add(refused("syncPresignUpload", "a null model", ModelException.class, List.of("presignUpload(null"),
                () -> docs().syncPresignUpload(null, "content", "a.pdf", minutes)));
        all.add(refused("syncPresignUpload", "an attribute that is not an @S3Attribute", ModelException.class,
                List.of("'name'", "@S3Attribute", "content"), () -> docs().syncPresignUpload(doc(pk(), null), "name", "a.pdf", minutes)));
        all.add(refused("syncPresignUpload", "a null attribute", ModelException.class, List.of("null", "@S3Attribute"),
                () -> docs().syncPresignUpload(doc(pk(), null), null, "a.pdf", minutes)));
        for (Duration expiry : new Duration[] {null, Duration.ZERO, Duration.ofDays(8)}) {
            all.add(refused("syncPresignUpload", "expiry " + expiry, ModelException.class, List.of("expiry", "7 days"),
                    () -> docs().syncPresignUpload(doc(pk(), null), "content", "a.pdf", expiry)));
        }
        all.add(refused("syncPresignUpload", "a file name with a '..' segment", ModelException.class, List.of("content"),
                () -> docs().syncPresignUpload(doc(pk(), null), "content", "../a.pdf", minutes)));
        all.add(refused("syncPresignUpload", "null constraints", ModelException.class, List.of("UploadConstraints.none()"),
                () -> docs().syncPresignUpload(doc(pk(), null), "content", "a.pdf", minutes, null)));
        all.add(refused("syncPresignUpload", "maxSize 0", ModelException.class, List.of("maxSize(0)"),
                () -> docs().syncPresignUpload(doc(pk(), null), "content", "a.pdf", minutes,
                        UploadConstraints.builder().maxSize(0).build())));
        all.add(refused("syncPresignUpload", "a CRC32C that is not base64", ModelException.class, List.of("crc32c", "base64"),
                () -> docs().syncPresignUpload(doc(pk(), null), "content", "a.pdf", minutes,
                        UploadConstraints.builder().crc32c("not-a-crc").build())));
        all.add(refused("syncPresignUpload", "a content type that is no media type", ModelException.class, List.of("content"),
                () -> docs().syncPresignUpload(doc(pk(), null), "content", "a.pdf", minutes,
                        UploadConstraints.builder().contentType("pdf please").build())));
        all.add(failsAsync("presignUpload (async)", "a null model", ModelException.class, List.of("presignUpload(null"),
                () -> docs().presignUpload(null, "content", "a.pdf", minutes)));
        all.add(refused("syncCommitUpload", "a null upload", ModelException.class, List.of("PresignedUpload"),
                () -> {
                    docs().syncCommitUpload(doc(pk(), null), null);
                    return null;
                }));
        PresignedUpload elsewhere = new PresignedUpload(URI.create("http://127.0.0.1:9/x"), Map.of(), "another-table", "content",
                "b", "docs/x/~abc/a.pdf", "a.pdf", "application/pdf", Instant.now(), UploadConstraints.none());
        all.add(refused("syncCommitUpload", "an upload of another table", ModelException.class, List.of("another-table"),
                () -> {
                    docs().syncCommitUpload(doc(pk(), null), elsewhere);
                    return null;
                }));
        all.add(failsAsync("commitUpload (async)", "a null upload", ModelException.class, List.of("PresignedUpload"),
                () -> docs().commitUpload(doc(pk(), null), null)));
    }

    private void unsavedValues(List<BadInput> all) {
        S3File unsaved = text("draft.txt");
        Object[][] calls = {
            {"key()", (Attempt) unsaved::key},
            {"bucket()", (Attempt) unsaved::bucket},
            {"etag()", (Attempt) unsaved::etag},
            {"syncGetBytes()", (Attempt) unsaved::syncGetBytes},
            {"syncSaveTo(path)", (Attempt) () -> unsaved.syncSaveTo(dir.resolve("draft.txt"))},
            {"syncPresignedUrl()", (Attempt) unsaved::syncPresignedUrl},
            {"syncOpenStream()", (Attempt) unsaved::syncOpenStream},
            {"syncGetBytes(0, 1)", (Attempt) () -> unsaved.syncGetBytes(0, 1)},
            {"syncOpenStream(0, 1)", (Attempt) () -> unsaved.syncOpenStream(0, 1)},
        };
        for (Object[] c : calls) {
            all.add(refused("unsaved S3File", (String) c[0], S3AttributeException.class, List.of("draft.txt", "not saved"),
                    (Attempt) c[1]));
        }
        all.add(failsAsync("unsaved (async) S3File", "getBytes()", S3AttributeException.class, List.of("not saved"),
                unsaved::getBytes));
        all.add(failsAsync("unsaved (async) S3File", "openStream()", S3AttributeException.class, List.of("not saved"),
                unsaved::openStream));
    }

    private void configuration(List<BadInput> all) {
        Object[][] settings = {
            {"apiCallTimeout -1s", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.apiCallTimeout(Duration.ofSeconds(-1)),
                List.of("apiCallTimeout")},
            {"apiCallTimeout 0", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.apiCallTimeout(Duration.ZERO),
                List.of("apiCallTimeout")},
            {"connectTimeout -1s", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.connectTimeout(Duration.ofSeconds(-1)),
                List.of("connectTimeout")},
            {"maxRetries -1", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.maxRetries(-1), List.of("maxRetries")},
            {"endpoint 'localhost:9000' (no scheme)",
                (java.util.function.Consumer<StoreSettings.Builder>) s -> s.endpoint(URI.create("localhost:9000")), List.of("endpoint")},
            {"endpoint '/relative'", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.endpoint(URI.create("/relative")),
                List.of("endpoint")},
            {"region '  '", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.region("  "), List.of("region")},
            {"proxy 'ftp://proxy:21'", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.proxy(URI.create("ftp://proxy:21")),
                List.of("proxy")},
            {"proxy without a port", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.proxy(URI.create("http://proxy")),
                List.of("proxy")},
            {"partSize 0", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.partSize(0L), List.of("partSize")},
            {"multipartThreshold -1", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.multipartThreshold(-1L),
                List.of("multipartThreshold")},
            {"maxConcurrency 0", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.maxConcurrency(0), List.of("maxConcurrency")},
            {"property(null, value)", (java.util.function.Consumer<StoreSettings.Builder>) s -> s.property(null, "x"),
                List.of("property")},
        };
        for (Object[] c : settings) {
            @SuppressWarnings("unchecked")
            java.util.function.Consumer<StoreSettings.Builder> change = (java.util.function.Consumer<StoreSettings.Builder>) c[1];
            @SuppressWarnings("unchecked")
            List<String> mentions = (List<String>) c[2];
            all.add(refused("config settings", (String) c[0], StowageException.class, mentions,
                    () -> StowageConfig.builder().settings(change).build()));
        }
        all.add(refused("config blobStore", "partSize 1 MiB (under S3's 5 MiB)", StowageException.class, List.of("5 MiB"),
                () -> StowageConfig.builder().blobStore(s -> s.partSize(1024L * 1024)).build()));
        all.add(refused("config settings", "null", StowageException.class, List.of("settings"),
                () -> StowageConfig.builder().settings((StoreSettings) null)));
        all.add(refused("config keyLayout", "null", StowageException.class, List.of("keyLayout"),
                () -> StowageConfig.builder().keyLayout(null)));
        all.add(refused("config Stowage.builder", "config(null)", StowageException.class, List.of("config"),
                () -> Stowage.builder().config(null)));
        all.add(refused("config Stowage.builder", "blob-store provider 'nope'", StowageException.class, List.of("nope"),
                () -> Stowage.builder().blobStoreProvider("nope").itemStore(items).build()));
        all.add(refused("config Stowage.builder", "item-store provider 'nope'", StowageException.class, List.of("nope"),
                () -> Stowage.builder().itemStoreProvider("nope").blobStore(blobs).build()));
    }

    private void afterClose(List<BadInput> all) {
        all.add(refused("closed Stowage.table", "after close()", StowageException.class, List.of("closed"),
                () -> closed.table(TckDocument.schema(docsTable, bucket))));
        all.add(refused("closed Stowage.createBucketIfMissing", "after close()", StowageException.class, List.of("closed"),
                () -> closed.syncCreateBucketIfMissing(bucket)));
        all.add(refused("closed Table.save", "a table taken before close()", StowageException.class, List.of("closed"), () -> {
            Stowage s = Stowage.builder().blobStore(blobs).itemStore(items).build();
            Table<TckDocument> t = s.table(TckDocument.schema(docsTable, bucket));
            s.close();
            t.syncSave(doc(pk(), text("a.txt")));
            return null;
        }));
        all.add(refused("closed Table.get", "a table taken before close()", StowageException.class, List.of("closed"), () -> {
            Stowage s = Stowage.builder().blobStore(blobs).itemStore(items).build();
            Table<TckDocument> t = s.table(TckDocument.schema(docsTable, bucket));
            s.close();
            return t.syncGet("p", "v1");
        }));
    }

    /** An S3Value that says it is stored, but that Stowage neither loaded nor saved. */
    private static final class ForgedValue implements S3Value {
        @Override
        public boolean isStored() {
            return true;
        }

        @Override
        public String bucket() {
            return "someone-elses-bucket";
        }

        @Override
        public String key() {
            return "their/file.pdf";
        }

        @Override
        public long size() {
            return 1;
        }

        @Override
        public String etag() {
            return "0";
        }

        @Override
        public String contentType() {
            return "application/pdf";
        }

        @Override
        public java.util.Optional<Instant> lastModified() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> versionId() {
            return java.util.Optional.empty();
        }

        @Override
        public Map<String, String> metadata() {
            return Map.of();
        }

        @Override
        public String filename() {
            return "file.pdf";
        }

        @Override
        public CompletableFuture<byte[]> getBytes() {
            return CompletableFuture.completedFuture(new byte[1]);
        }

        @Override
        public CompletableFuture<Path> saveTo(Path target) {
            return CompletableFuture.completedFuture(target);
        }

        @Override
        public CompletableFuture<URI> presignedUrl(Duration expiry) {
            return CompletableFuture.completedFuture(URI.create("http://127.0.0.1/"));
        }

        @Override
        public CompletableFuture<InputStream> openStream() {
            return CompletableFuture.completedFuture(bytes(1));
        }
    }
}
