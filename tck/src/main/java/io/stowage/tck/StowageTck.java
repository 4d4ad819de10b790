package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.ConditionFailedException;
import io.stowage.ItemStoreException;
import io.stowage.KeyLayout;
import io.stowage.ModelException;
import io.stowage.ModelSchema;
import io.stowage.OrphanedObject;
import io.stowage.PresignedUpload;
import io.stowage.ProgressListener;
import io.stowage.S3AttributeException;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageException;
import io.stowage.SweepOptions;
import io.stowage.SweepReport;
import io.stowage.Table;
import io.stowage.annotations.Sse;
import io.stowage.UploadConstraints;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.decorators.BlobOp;
import io.stowage.tck.decorators.CorruptingBlobStore;
import io.stowage.tck.decorators.CountingBlobStore;
import io.stowage.tck.decorators.CountingItemStore;
import io.stowage.tck.decorators.FaultyBlobStore;
import io.stowage.tck.decorators.FaultyItemStore;
import io.stowage.tck.decorators.ForwardingBlobStore;
import io.stowage.tck.decorators.ForwardingItemStore;
import io.stowage.tck.decorators.ItemOp;
import io.stowage.tck.decorators.RandomFaults;
import io.stowage.tck.model.TckAllTypes;
import io.stowage.tck.model.TckDocument;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework compatibility kit: the whole of Stowage (save, load, query, delete, and
 * their ordering contract) over one blob store and one item store. A provider's test
 * module extends it and supplies the two stores; partial failures are injected with the
 * TCK's decorators around them, so every provider is held to the same contract.
 *
 * <pre>{@code
 * class S3WithDynamoDbStowageTckTest extends StowageTck {
 *     protected StoreFactory<BlobStore> blobStores() { return StoreFactory.of(S3BlobStore::create).build(); }
 *     protected StoreFactory<ItemStore> itemStores() { return StoreFactory.of(DynamoDbItemStore::create).build(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class StowageTck {

    private static final long MIB = 1024L * 1024;

    private BlobStore blobStore;
    private ItemStore itemStore;
    private String bucket;
    private String docsTable;
    private String flatTable;
    private String requiredTable;
    private String allTypesTable;
    private String versionedTable;
    private String pk;
    private final List<OrphanedObject> orphans = new CopyOnWriteArrayList<>();

    // ------------------------------------------------------------------ hooks

    /** The blob store under test; created once per class and closed after it. */
    protected abstract StoreFactory<BlobStore> blobStores();

    /** The item store under test; created once per class and closed after it. */
    protected abstract StoreFactory<ItemStore> itemStores();

    /** The blob store's multipart threshold. */
    protected long multipartThreshold() {
        return StoreSettings.DEFAULT_MULTIPART_THRESHOLD;
    }

    /**
     * Called once after the kit created its bucket, for what the {@code BlobStore} contract
     * leaves to administrators (turning versioning on, say). Does nothing by default.
     *
     * <pre>{@code
     * protected void bucketCreated(String bucket) {
     *     TestBuckets.enableVersioning(bucket);
     * }
     * }</pre>
     */
    protected void bucketCreated(String bucket) {
    }

    /**
     * Random histories run by the history test; {@code -Dstowage.tck.histories=N} overrides it
     * (run thousands on demand), and {@code -Dstowage.tck.seed=S} replays one seed.
     */
    protected int histories() {
        return Integer.getInteger("stowage.tck.histories", 100);
    }

    /** Saves per thread in the concurrency test (8 threads); lower it for slow remote backends. */
    protected int concurrentSavesPerThread() {
        return 200;
    }

    // -------------------------------------------------------------- lifecycle

    @BeforeAll
    final void createStoresTablesAndBucket() {
        blobStore = blobStores().create();
        itemStore = itemStores().create();
        String suffix = hex(10);
        bucket = "stowage-tck-" + suffix;
        docsTable = "stowage-tck-docs-" + suffix;
        flatTable = "stowage-tck-flat-" + suffix;
        requiredTable = "stowage-tck-required-" + suffix;
        allTypesTable = "stowage-tck-types-" + suffix;
        versionedTable = "stowage-tck-versioned-" + suffix;
        try (Stowage s = stowage(blobStore, itemStore)) {
            assertThat(s.syncCreateBucketIfMissing(bucket)).as("bucket %s created", bucket).isTrue();
            assertThat(s.syncCreateBucketIfMissing(bucket)).as("second createBucketIfMissing").isFalse();
            bucketCreated(bucket);
            assertThat(s.table(docs()).syncCreateTableIfMissing()).isTrue();
            assertThat(s.table(docs()).syncCreateTableIfMissing()).as("second createTableIfMissing").isFalse();
            s.table(flat()).syncCreateTableIfMissing();
            s.table(required()).syncCreateTableIfMissing();
            s.table(allTypes()).syncCreateTableIfMissing();
            s.table(versioned()).syncCreateTableIfMissing();
        }
    }

    @AfterAll
    final void closeStores() {
        if (blobStore != null) {
            blobStore.close();
        }
        if (itemStore != null) {
            itemStore.close();
        }
    }

    @BeforeEach
    final void choosePartitionKey(TestInfo info) {
        String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
        pk = "DOC#" + method.substring(0, Math.min(40, method.length())) + "-" + hex(6);
        orphans.clear();
    }

    /** A Stowage over the given (possibly decorated) stores, recording orphans. */
    protected final Stowage stowage(BlobStore blobs, ItemStore items) {
        return Stowage.builder().blobStore(blobs).itemStore(items)
                .config(StowageConfig.builder().consistentReads(true).orphanListener(orphans::add).build())
                .build();
    }

    protected final ModelSchema<TckDocument> docs() {
        return TckDocument.schema(docsTable, bucket);
    }

    protected final ModelSchema<TckDocument> flat() {
        return TckDocument.flatSchema(flatTable, bucket);
    }

    protected final ModelSchema<TckDocument> required() {
        return TckDocument.requiredSchema(requiredTable, bucket);
    }

    protected final ModelSchema<TckDocument> versioned() {
        return TckDocument.versionedSchema(versionedTable, bucket);
    }

    protected final ModelSchema<TckAllTypes> allTypes() {
        return TckAllTypes.schema(allTypesTable);
    }

    private Table<TckDocument> table(Stowage s) {
        return s.table(docs());
    }

    private TckDocument doc(String sk, S3Value content) {
        TckDocument d = new TckDocument();
        d.pk = pk;
        d.sk = sk;
        d.name = "document " + sk;
        d.content = content;
        return d;
    }

    private static S3File text(String content, String name) {
        return S3File.of(content.getBytes(StandardCharsets.UTF_8), name);
    }

    // ------------------------------------------------------- what is stored

    @Test
    final void required_saveUploadsTheFileAndTheItemHoldsOnlyItsMetadata() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc(null, text("file content", "report.pdf")
                    .withMetadata(Map.of("author", "John", "version", "1.0")));
            table(s).syncSave(d);

            assertThat(d.sk).as("sort key default applied to the model").isEqualTo("v1");
            assertThat(d.uploadedAt).as("@AutoGenerate(UTC_NOW)").isNotNull().isBefore(Instant.now().plusSeconds(5));
            assertThat(d.content.isStored()).isTrue();
            String expectedKey = "docs/" + pk.replace('#', '/') + "/v1/report.pdf";
            assertThat(d.content.key()).isEqualTo(expectedKey);

            Map<String, AttributeValue> item = rawItem(docsTable, pk, "v1");
            Map<String, AttributeValue> content = item.get("content").m();
            assertThat(content.keySet()).contains("bucket", "key", "size", "etag", "content_type", "last_modified", "metadata");
            assertThat(content.get("bucket").s()).isEqualTo(bucket);
            assertThat(content.get("key").s()).isEqualTo(expectedKey);
            assertThat(content.get("size").n()).isEqualTo("12");
            assertThat(content.get("etag").s()).as("etag without quotes").doesNotContain("\"")
                    .isEqualTo(TckSupport.md5Hex("file content".getBytes(StandardCharsets.UTF_8)));
            assertThat(content.get("content_type").s()).isEqualTo("application/pdf");
            assertThat(Instant.parse(content.get("last_modified").s())).isBefore(Instant.now().plusSeconds(5));
            assertThat(content.get("metadata").m()).containsOnlyKeys("author", "version");
            assertThat(item.toString()).as("the file content never enters the item").doesNotContain("file content");
        }
    }

    @Test
    final void required_seedKeyExamplesHoldToTheLetter() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument withSort = new TckDocument();
            withSort.pk = "DOC#1";
            withSort.sk = "v1";
            withSort.content = text("a", "report.pdf");
            s.table(docs()).syncSave(withSort);
            TckDocument withoutSort = new TckDocument();
            withoutSort.pk = "DOC#1";
            withoutSort.content = text("b", "report.pdf");
            s.table(flat()).syncSave(withoutSort);
            try {
                assertThat(withSort.content.key()).isEqualTo("docs/DOC/1/v1/report.pdf");
                assertThat(withoutSort.content.key()).isEqualTo("docs/DOC/1/report.pdf");
                assertThat(objectExists(bucket, "docs/DOC/1/v1/report.pdf")).isTrue();
                assertThat(objectExists(bucket, "docs/DOC/1/report.pdf")).isTrue();
            } finally {
                s.table(docs()).syncDelete(withSort);
                s.table(flat()).syncDelete(withoutSort);
            }
        }
    }

    @Test
    final void required_awkwardKeyValuesRoundTripAndNeverShareAnObject() {
        // A '#' at the end (an empty key segment) is refused: see BadInputTck.
        List<String> pks = List.of(pk + " with spaces", pk + "-ünïcødé-日本", pk + "#hash#x", pk + "/slash/",
                pk + "%25percent%", pk + "+plus+", pk + "?query=1&x", pk + "#a", pk + "/a",
                pk + "-" + "long".repeat(200));
        Set<String> keys = new HashSet<>();
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = table(s);
            for (String key : pks) {
                TckDocument d = new TckDocument();
                d.pk = key;
                d.content = text(key, "f.txt");
                t.syncSave(d);
                keys.add(d.content.key());
            }
            assertThat(keys).as("one object per item").hasSize(pks.size());
            for (String key : pks) {
                TckDocument loaded = t.syncGet(key).orElseThrow();
                assertThat(loaded.pk).isEqualTo(key);
                assertThat(new String(loaded.content.syncGetBytes(), StandardCharsets.UTF_8)).isEqualTo(key);
                t.syncDelete(loaded);
            }
        }
    }

    @Test
    final void required_unsafeFileNamesAreRefusedBeforeAnyUpload() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            for (String name : List.of("../escape.txt", "a/b.txt", "a\\b.txt", ".", "..", "bell\u0007.txt", "nul\u0000")) {
                TckDocument d = doc("v1", S3File.of(new byte[] {1}, "ok.txt").withName(name));
                assertThatThrownBy(() -> table(s).syncSave(d)).as("file name %s", name)
                        .isInstanceOf(ModelException.class).hasMessageContaining("content");
            }
            assertThat(counting.total()).as("blob-store calls").isZero();
            assertThat(rawItemIfAny(docsTable, pk, "v1")).isEmpty();
        }
    }

    @Test
    final void required_keysOverS3sLimitAndDuplicateKeysAreRefusedBeforeAnyUpload() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            TckDocument tooLong = doc("v1", text("x", "y".repeat(1000) + ".txt"));
            assertThatThrownBy(() -> table(s).syncSave(tooLong)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("1024");
            TckDocument twice = doc("v1", text("x", "same.txt"));
            twice.attachment = text("y", "same.txt");
            assertThatThrownBy(() -> table(s).syncSave(twice)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("attachment").hasMessageContaining("content");
            assertThat(counting.total()).as("blob-store calls").isZero();
        }
    }

    @Test
    final void required_objectMetadataOverTheLimitIsRefusedBeforeAnyUpload() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            // 2,040 bytes: under S3's 2 KB on its own, over it only with the back-link Stowage adds.
            Map<String, String> nearlyFull = Map.of("note", "n".repeat(2036));
            TckDocument overLimit = doc("v1", text("x", "fine.txt"));
            overLimit.attachment = text("y", "full.txt").withMetadata(nearlyFull);
            assertThatThrownBy(() -> table(s).syncSave(overLimit)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("attachment").hasMessageContaining("2048").hasMessageContaining(docsTable);
            for (String reserved : List.of("stowage-pk", "Stowage-Table")) {
                TckDocument forged = doc("v1", text("x", "fine.txt"));
                forged.attachment = text("y", "forged.txt").withMetadata(Map.of(reserved, "elsewhere"));
                assertThatThrownBy(() -> table(s).syncSave(forged)).as("metadata key %s", reserved)
                        .isInstanceOf(ModelException.class).hasMessageContaining("attachment")
                        .hasMessageContaining(reserved).hasMessageContaining("'stowage-'");
            }
            assertThat(counting.count(BlobOp.PUT)).as("uploads, the valid content included").isZero();
            assertThat(rawItemIfAny(docsTable, pk, "v1")).isEmpty();
        }
    }

    @Test
    final void required_keysOverS3sLimitInUtf8BytesAreRefusedBeforeAnyUpload() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        String folder = "docs/" + pk.replace('#', '/') + "/v1/";
        try (Stowage s = stowage(counting, itemStore)) {
            // Two, three and four (a surrogate pair) bytes a character: a count of chars would let each through.
            for (String name : List.of("é".repeat(600) + ".txt", "日".repeat(400) + ".txt", "😀".repeat(300) + ".txt")) {
                assertThat(folder + name).hasSizeLessThan(1024);
                assertThat(TckSupport.utf8Length(folder + name)).isGreaterThan(1024);
                TckDocument d = doc("v1", text("x", name));
                assertThatThrownBy(() -> table(s).syncSave(d)).as("file name of %d chars", name.length())
                        .isInstanceOf(ModelException.class).hasMessageContaining("1024").hasMessageContaining("content");
            }
            TckDocument longKey = doc("v1", text("x", "f.txt"));
            longKey.pk = pk + "é".repeat(500);
            String key = "docs/" + longKey.pk.replace('#', '/') + "/v1/f.txt";
            assertThat(key).hasSizeLessThan(1024);
            assertThat(TckSupport.utf8Length(key)).isGreaterThan(1024);
            assertThatThrownBy(() -> table(s).syncSave(longKey)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("1024").hasMessageContaining("content");
            assertThat(counting.count(BlobOp.PUT)).as("uploads").isZero();
            assertThat(rawItemIfAny(docsTable, pk, "v1")).isEmpty();
            assertThat(rawItemIfAny(docsTable, longKey.pk, "v1")).isEmpty();
        }
    }

    @Test
    final void required_eachObjectCarriesABackLinkToItsItem() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("x", "linked.txt").withMetadata(Map.of("Author", "Zoë")));
            table(s).syncSave(d);
            BlobInfo info = blobStore.head(GetBlobRequest.of(BlobId.of(bucket, d.content.key()))).join();
            Map<String, String> meta = info.userMetadata();
            assertThat(meta).containsEntry("stowage-table", docsTable).containsEntry("stowage-pk", pk)
                    .containsEntry("stowage-sk", "v1").containsEntry("stowage-attribute", "content")
                    .containsKey("author");
            assertThat(s.table(docs()).syncGet(pk).orElseThrow().content.metadata())
                    .as("the user's metadata, exactly").containsExactly(Map.entry("Author", "Zoë"));
        }
    }

    @Test
    final void required_aLoadedValueDescribesItsObjectWithoutABlobStoreCall() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        byte[] data = "# Réunion\n".getBytes(StandardCharsets.UTF_8);
        Map<String, String> metadata = Map.of("Department", "finance", "owner", "Zoë");
        try (Stowage s = stowage(counting, itemStore)) {
            Instant before = Instant.now();
            TckDocument d = doc("v1", S3File.of(data, "réunion 100%.md").withMetadata(metadata));
            table(s).syncSave(d);
            counting.reset();
            S3Value loaded = table(s).syncGet(pk).orElseThrow().content;

            assertThat(loaded.isStored()).isTrue();
            assertThat(loaded.bucket()).isEqualTo(bucket);
            assertThat(loaded.key()).isEqualTo("docs/" + pk.replace('#', '/') + "/v1/réunion 100%.md");
            assertThat(loaded.filename()).isEqualTo("réunion 100%.md");
            assertThat(loaded.size()).isEqualTo(data.length);
            assertThat(loaded.etag()).isEqualTo(TckSupport.md5Hex(data));
            assertThat(loaded.contentType()).isEqualTo("text/markdown");
            // S3 keeps whole seconds, so the stored time may be up to a second before the save began.
            assertThat(loaded.lastModified()).get().satisfies(t -> assertThat(t)
                    .isBetween(before.minusSeconds(60), Instant.now().plusSeconds(5)));
            assertThat(loaded.metadata()).as("the user's metadata, exactly").isEqualTo(metadata);
            assertThat(loaded.versionId()).isEqualTo(d.content.versionId());
            if (!blobStore.capabilities().contains(BlobCapability.VERSIONING)) {
                assertThat(loaded.versionId()).as("version id without VERSIONING").isEmpty();
            }
            assertThat(counting.total()).as("blob-store calls to load the value and read its accessors").isZero();

            // The item's record must describe the object the blob store actually holds.
            BlobInfo head = blobStore.head(GetBlobRequest.of(BlobId.of(bucket, loaded.key()))).join();
            assertThat(head.size()).isEqualTo(loaded.size());
            assertThat(head.etag()).isEqualTo(loaded.etag());
            assertThat(head.contentType()).isEqualTo(loaded.contentType());
            assertThat(Duration.between(head.lastModified(), loaded.lastModified().orElseThrow()).abs())
                    .as("last-modified of the item against the object's").isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    // ------------------------------------------------------------ round trips

    @Test
    final void required_filesRoundTripFromBytesPathsAndStreams(@TempDir Path dir) throws Exception {
        try (Stowage s = stowage(blobStore, itemStore)) {
            int i = 0;
            for (int size : new int[] {0, 1, (int) MIB}) {
                byte[] data = TckSupport.pattern(size, size);
                Path file = Files.write(dir.resolve("in-" + size + ".bin"), data);
                List<S3File> sources = List.of(S3File.of(data, "bytes-" + size + ".bin"), S3File.of(file),
                        S3File.of(new ByteArrayInputStream(data), size, "stream-" + size + ".bin"));
                for (S3File source : sources) {
                    TckDocument d = doc("v" + (i++), source);
                    table(s).syncSave(d);
                    TckDocument loaded = table(s).syncGet(pk, d.sk).orElseThrow();
                    assertThat(loaded.content.size()).isEqualTo(size);
                    assertThat(loaded.content.syncGetBytes()).as("getBytes of %s", source).isEqualTo(data);
                    Path out = loaded.content.syncSaveTo(dir.resolve("out-" + i + ".bin"));
                    assertThat(Files.readAllBytes(out)).as("saveTo of %s", source).isEqualTo(data);
                    try (InputStream in = loaded.content.syncOpenStream()) {
                        assertThat(in.readAllBytes()).as("openStream of %s", source).isEqualTo(data);
                    }
                }
            }
        }
    }

    @Test
    final void required_largeFilesAreUploadedInPartsAndStreamedBack(@TempDir Path dir) throws Exception {
        long size = multipartThreshold() + 3 * MIB;
        Path file = TckSupport.patternFile(dir, "large.bin", size, 99);
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", S3File.of(file));
            table(s).syncSave(d);
            if (blobStore.capabilities().contains(BlobCapability.MULTIPART_ETAG)) {
                assertThat(d.content.etag()).as("multipart etag").matches("[0-9a-f]{32}-\\d+");
            }
            Path out = table(s).syncGet(pk).orElseThrow().content.syncSaveTo(dir.resolve("back.bin"));
            assertThat(Files.size(out)).isEqualTo(size);
            try (InputStream a = Files.newInputStream(file); InputStream b = Files.newInputStream(out)) {
                assertThat(TckSupport.sha256(b)).isEqualTo(TckSupport.sha256(a));
            }
            assertThat(dir.toFile().list()).as("no temporary file left beside the target")
                    .containsExactlyInAnyOrder("large.bin", "back.bin");
        }
    }

    @Test
    final void required_contentTypeIsGuessedOrKeptAsGiven() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument guessed = doc("v1", text("{}", "data.json"));
            TckDocument given = doc("v2", text("x", "data.json").withContentType("application/x-custom"));
            table(s).syncSave(guessed);
            table(s).syncSave(given);
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.contentType()).isEqualTo("application/json");
            assertThat(table(s).syncGet(pk, "v2").orElseThrow().content.contentType()).isEqualTo("application/x-custom");
            assertThat(blobStore.head(GetBlobRequest.of(BlobId.of(bucket, given.content.key()))).join().contentType())
                    .isEqualTo("application/x-custom");
        }
    }

    /** A number DynamoDB cannot hold is the model's error, found before the item store is asked. */
    @Test
    final void required_numbersDynamoDbCannotHoldAreRefusedAsModelErrors() {
        CountingItemStore counting = new CountingItemStore(itemStore);
        try (Stowage s = stowage(blobStore, counting)) {
            TckAllTypes huge = new TckAllTypes();
            huge.pk = pk;
            huge.aDouble = 1.0E300;
            assertThatThrownBy(() -> s.table(allTypes()).syncSave(huge)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("aDouble").hasMessageContaining("range");
            TckAllTypes precise = new TckAllTypes();
            precise.pk = pk;
            precise.decimal = new BigDecimal("1.23456789012345678901234567890123456789");
            assertThatThrownBy(() -> s.table(allTypes()).syncSave(precise)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("decimal").hasMessageContaining("38");
            assertThat(counting.count(ItemOp.PUT)).as("item writes of refused saves").isZero();
        }
    }

    @Test
    final void required_everySupportedFieldTypeRoundTripsThroughTheItemStore() {
        TckAllTypes saved = new TckAllTypes();
        saved.pk = pk;
        saved.text = "ünïcødé 日本 😀 \"quoted\"\ttab";
        saved.flag = true;
        saved.boxedFlag = Boolean.FALSE;
        saved.aByte = Byte.MIN_VALUE;
        saved.boxedByte = Byte.MAX_VALUE;
        saved.aShort = Short.MIN_VALUE;
        saved.boxedShort = (short) -1;
        saved.anInt = Integer.MIN_VALUE;
        saved.boxedInt = Integer.MAX_VALUE;
        saved.aLong = Long.MIN_VALUE;
        saved.boxedLong = Long.MAX_VALUE;
        saved.aFloat = -3.25f;
        saved.boxedFloat = 0.1f;
        saved.aDouble = -1.0E-5;
        saved.boxedDouble = 6.02214076E23;
        // 38 significant digits, DynamoDB's most.
        saved.decimal = new BigDecimal("-12345678901234567890.123456789012345678");
        saved.bigInteger = new BigInteger("-99999999999999999999999999999999999999");
        saved.bytes = new byte[] {0, -1, 127, -128, 10};
        saved.instant = Instant.parse("1969-12-31T23:59:59.123456789Z");
        saved.colour = TckAllTypes.Colour.GREEN;
        saved.list = Arrays.asList("b", "", "a", null, "ü");
        saved.emptyList = List.of();
        saved.set = Set.of("x", "ÿ", "日本");
        saved.map = new LinkedHashMap<>(Map.of("k", "v", "ü-key", "日本", "empty", ""));
        saved.map.put("absent", null);
        try (Stowage s = stowage(blobStore, itemStore)) {
            s.table(allTypes()).syncSave(saved);
            TckAllTypes loaded = s.table(allTypes()).syncGet(pk).orElseThrow();
            // DynamoDB keeps a number's value, not its scale, so decimals compare by value.
            assertThat(loaded).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(saved);
        }
        Map<String, AttributeValue> item = rawItem(allTypesTable, pk, null);
        assertThat(item.get("instant").s()).as("Instant as ISO-8601 UTC").isEqualTo("1969-12-31T23:59:59.123456789Z");
        assertThat(item.get("anInt").n()).isEqualTo("-2147483648");
        assertThat(item.get("aLong").n()).isEqualTo("-9223372036854775808");
        assertThat(new BigDecimal(item.get("decimal").n())).isEqualByComparingTo(saved.decimal);
        assertThat(new BigDecimal(item.get("boxedDouble").n())).isEqualByComparingTo("602214076000000000000000");
        assertThat(item.get("bytes").b()).as("byte[] as binary").isEqualTo(saved.bytes);
        assertThat(item.get("colour").s()).as("enum as its name").isEqualTo("GREEN");
        assertThat(item.get("flag").bool()).isTrue();
        assertThat(item.get("set").ss()).containsExactlyInAnyOrder("x", "ÿ", "日本");
        assertThat(item.get("emptyList").l()).isEmpty();
        assertThat(item.get("map").m()).containsOnlyKeys("k", "ü-key", "empty", "absent");
    }

    // ------------------------------------------------------ metadata-only load

    @Test
    final void required_getAndQueryMakeNoBlobStoreCalls() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            Table<TckDocument> t = table(s);
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                saves.add(t.save(doc(String.format("v%03d", i), text("item " + i, "f" + i + ".txt"))));
            }
            CompletableFuture.allOf(saves.toArray(new CompletableFuture<?>[0])).join();
            counting.reset();

            TckDocument one = t.syncGet(pk, "v042").orElseThrow();
            List<TckDocument> all = t.query(pk).pageSize(7).syncToList();
            long totalSize = all.stream().mapToLong(d -> d.content.size()).sum();

            assertThat(counting.total()).as("blob-store calls for a get and a 100-item query").isZero();
            assertThat(one.content.size()).isEqualTo("item 42".length());
            assertThat(all).hasSize(100);
            assertThat(all).extracting(d -> d.sk).isSorted();
            assertThat(totalSize).isPositive();
        }
    }

    @Test
    final void required_queriesFollowSortKeyConditionsOrderAndLimit() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = table(s);
            for (String sk : List.of("v1", "v2", "v3", "w1", "w2")) {
                t.syncSave(doc(sk, null));
            }
            assertThat(t.query(pk).syncToList()).extracting(d -> d.sk).containsExactly("v1", "v2", "v3", "w1", "w2");
            assertThat(t.query(pk).sortKeyBeginsWith("w").syncToList()).extracting(d -> d.sk).containsExactly("w1", "w2");
            assertThat(t.query(pk).sortKeyBetween("v2", "w1").syncToList()).extracting(d -> d.sk)
                    .containsExactly("v2", "v3", "w1");
            assertThat(t.query(pk).sortKeyGreaterThan("v3").syncToList()).extracting(d -> d.sk).containsExactly("w1", "w2");
            assertThat(t.query(pk).sortKeyLessThanOrEqualTo("v2").syncToList()).extracting(d -> d.sk)
                    .containsExactly("v1", "v2");
            assertThat(t.query(pk).descending().limit(2).syncToList()).extracting(d -> d.sk).containsExactly("w2", "w1");
            assertThat(t.query(pk).pageSize(2).limit(3).syncStream().map(d -> d.sk).collect(Collectors.toList()))
                    .containsExactly("v1", "v2", "v3");
            List<String> seen = new ArrayList<>();
            t.query(pk).pageSize(1).forEach(d -> seen.add(d.sk)).join();
            assertThat(seen).containsExactly("v1", "v2", "v3", "w1", "w2");
        }
    }

    @Test
    final void required_queryFetchesOnlyThePagesItConsumes() {
        List<ItemPage> pages = new CopyOnWriteArrayList<>();
        CountingItemStore counting = new CountingItemStore(itemStore) {
            @Override
            public CompletableFuture<ItemPage> query(QueryRequest request) {
                return super.query(request).thenApply(page -> {
                    pages.add(page);
                    return page;
                });
            }
        };
        try (Stowage s = stowage(blobStore, counting)) {
            Table<TckDocument> t = table(s);
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                saves.add(t.save(doc(String.format("v%02d", i), null)));
            }
            CompletableFuture.allOf(saves.toArray(new CompletableFuture<?>[0])).join();

            counting.reset();
            try (Stream<TckDocument> stream = t.query(pk).pageSize(10).syncStream()) {
                assertThat(counting.count(ItemOp.QUERY)).as("queries before the stream is consumed").isZero();
                assertThat(stream.limit(5).map(d -> d.sk).collect(Collectors.toList()))
                        .containsExactly("v00", "v01", "v02", "v03", "v04");
            }
            assertThat(counting.count(ItemOp.QUERY)).as("queries for 5 items of the first 10-item page").isEqualTo(1);

            counting.reset();
            pages.clear();
            try (Stream<TckDocument> stream = t.query(pk).pageSize(10).syncStream()) {
                assertThat(stream.count()).isEqualTo(30);
            }
            assertThat(pages.subList(0, 3)).allSatisfy(p -> assertThat(p.items()).hasSize(10));
            // DynamoDB points past a full page even when nothing follows, so its end is an empty
            // page without a start key; a store that knows it is done says so on the third page.
            boolean thirdPointsOn = pages.get(2).lastEvaluatedKey().isPresent();
            assertThat(counting.count(ItemOp.QUERY)).as("queries to consume 30 items in pages of 10")
                    .isEqualTo(thirdPointsOn ? 4 : 3);
            if (thirdPointsOn) {
                assertThat(pages.get(3).items()).as("the page after the last item").isEmpty();
                assertThat(pages.get(3).lastEvaluatedKey()).isEmpty();
            }

            counting.reset();
            assertThat(t.query(pk).pageSize(10).limit(30).syncToList()).hasSize(30);
            assertThat(counting.count(ItemOp.QUERY)).as("queries when the limit is met on a page boundary").isEqualTo(3);
            counting.reset();
            assertThat(t.query(pk).pageSize(10).limit(5).syncToList()).hasSize(5);
            assertThat(counting.count(ItemOp.QUERY)).as("queries for a limit within the first page").isEqualTo(1);
        }
    }

    // --------------------------------------------------------- checked reads

    @Test
    final void required_aChangedObjectFailsWithContentChangedInsteadOfOtherBytes(@TempDir Path dir) {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("original", "f.txt"));
            table(s).syncSave(d);
            blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, d.content.key())).build(),
                    BlobContent.fromBytes("overwritten elsewhere".getBytes(StandardCharsets.UTF_8))).join();
            TckDocument loaded = table(s).syncGet(pk).orElseThrow();
            boolean versioned = blobStore.capabilities().contains(BlobCapability.VERSIONING) && loaded.content.versionId().isPresent();
            if (versioned) {
                assertThat(loaded.content.syncGetBytes()).as("the recorded version is still readable")
                        .isEqualTo("original".getBytes(StandardCharsets.UTF_8));
                return;
            }
            S3AttributeException e = catchThrowableOfType(loaded.content::syncGetBytes, S3AttributeException.class);
            assertThat(e).as("getBytes of a changed object").isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
            assertThat(e.getMessage()).contains(bucket).contains(d.content.key()).contains("content");
            Path target = dir.resolve("changed.txt");
            S3AttributeException e2 = catchThrowableOfType(() -> loaded.content.syncSaveTo(target), S3AttributeException.class);
            assertThat(e2.reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
            assertThat(target).as("no partial file").doesNotExist();
            assertThat(dir.toFile().list()).as("no temporary file").isEmpty();
        }
    }

    @Test
    final void required_openStreamOfAChangedObjectFailsWithContentChanged() throws Exception {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("original", "f.txt"));
            table(s).syncSave(d);
            blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, d.content.key())).build(),
                    BlobContent.fromBytes("overwritten elsewhere".getBytes(StandardCharsets.UTF_8))).join();
            TckDocument loaded = table(s).syncGet(pk).orElseThrow();
            boolean versioned = blobStore.capabilities().contains(BlobCapability.VERSIONING) && loaded.content.versionId().isPresent();
            if (versioned) {
                try (InputStream in = loaded.content.syncOpenStream()) {
                    assertThat(in.readAllBytes()).as("the recorded version is still readable")
                            .isEqualTo("original".getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            S3AttributeException e = catchThrowableOfType(loaded.content::syncOpenStream, S3AttributeException.class);
            assertThat(e).as("syncOpenStream of a changed object").isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
            assertThat(e.getMessage()).contains(bucket).contains(d.content.key()).contains("content");
            Throwable async = catchThrowable(() -> loaded.content.openStream().join());
            assertThat(async).as("openStream of a changed object").isInstanceOf(CompletionException.class);
            assertThat(async.getCause()).isInstanceOfSatisfying(S3AttributeException.class,
                    c -> assertThat(c.reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED));
        }
    }

    @Test
    final void required_aMissingObjectFailsWithObjectNotFound() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("x", "gone.txt"));
            table(s).syncSave(d);
            // On a versioned bucket only deleting the recorded version removes what the item points at.
            blobStore.delete(DeleteBlobRequest.builder().id(BlobId.of(bucket, d.content.key()))
                    .versionId(d.content.versionId().orElse(null)).build()).join();
            S3AttributeException e = catchThrowableOfType(table(s).syncGet(pk).orElseThrow().content::syncGetBytes,
                    S3AttributeException.class);
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.OBJECT_NOT_FOUND);
            assertThat(e.bucket()).contains(bucket);
            assertThat(e.key()).contains(d.content.key());
            assertThat(e.attribute()).contains("content");
        }
    }

    // ------------------------------------------------------------------ ranges

    @Test
    final void required_rangeReadsReturnExactlyThoseBytesOfTheRecordedObject() throws Exception {
        byte[] data = TckSupport.pattern(300_000, 75);
        // The same reads on a store that cannot read ranges: the API streams and skips instead.
        BlobStore withoutRanges = without(blobStore, BlobCapability.RANGE_READ);
        try (Stowage s = stowage(blobStore, itemStore); Stowage streamed = stowage(withoutRanges, itemStore)) {
            table(s).syncSave(doc("v1", S3File.of(data, "ranged.bin")));
            for (Stowage reader : List.of(s, streamed)) {
                S3Value value = table(reader).syncGet(pk, "v1").orElseThrow().content;
                long[][] ranges = {{0, 0}, {0, 1}, {1, 1}, {100, 1000}, {299_999, 1}, {0, 300_000}, {150_000, 150_000}};
                for (long[] r : ranges) {
                    byte[] expected = Arrays.copyOfRange(data, (int) r[0], (int) (r[0] + r[1]));
                    assertThat(value.syncGetBytes(r[0], r[1])).as("getBytes(%s, %s)", r[0], r[1]).isEqualTo(expected);
                    try (InputStream in = value.syncOpenStream(r[0], r[1])) {
                        assertThat(in.readAllBytes()).as("openStream(%s, %s)", r[0], r[1]).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    final void required_rangesOutsideTheObjectAreRefusedBeforeAnyCall() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            table(s).syncSave(doc("v1", text("0123456789", "ten.txt")));
            S3Value value = table(s).syncGet(pk, "v1").orElseThrow().content;
            counting.reset();
            long[][] outside = {{-1, 1}, {0, -1}, {9, 2}, {10, 1}, {Long.MAX_VALUE, 1}, {1, Long.MAX_VALUE}};
            for (long[] r : outside) {
                assertThat(catchThrowableOfType(() -> value.syncGetBytes(r[0], r[1]), S3AttributeException.class).reason())
                        .as("getBytes(%s, %s)", r[0], r[1]).isEqualTo(S3AttributeException.Reason.INVALID_INPUT);
                assertThat(catchThrowableOfType(() -> value.syncOpenStream(r[0], r[1]), S3AttributeException.class).reason())
                        .as("openStream(%s, %s)", r[0], r[1]).isEqualTo(S3AttributeException.Reason.INVALID_INPUT);
            }
            assertThat(counting.total()).as("blob-store calls for refused ranges").isZero();
        }
    }

    @Test
    final void required_aRangeOfAChangedObjectFailsWithContentChanged() throws Exception {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("original bytes", "f.txt"));
            table(s).syncSave(d);
            blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, d.content.key())).build(),
                    BlobContent.fromBytes("overwritten elsewhere".getBytes(StandardCharsets.UTF_8))).join();
            S3Value loaded = table(s).syncGet(pk).orElseThrow().content;
            if (blobStore.capabilities().contains(BlobCapability.VERSIONING) && loaded.versionId().isPresent()) {
                assertThat(loaded.syncGetBytes(0, 8)).as("a range of the recorded version")
                        .isEqualTo("original".getBytes(StandardCharsets.UTF_8));
                return;
            }
            assertThat(catchThrowableOfType(() -> loaded.syncGetBytes(0, 8), S3AttributeException.class).reason())
                    .as("getBytes of a range of a changed object").isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
            Throwable streamed = catchThrowable(() -> {
                try (InputStream in = loaded.syncOpenStream(0, 8)) {
                    in.readAllBytes();
                }
            });
            assertThat(streamed).as("openStream of a range of a changed object").isInstanceOf(S3AttributeException.class);
            assertThat(((S3AttributeException) streamed).reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
        }
    }

    // -------------------------------------------------------------- checksums

    @Test
    final void required_everySavedFileRecordsTheCrc32cOfItsBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = TckSupport.pattern(200_000, 71);
        Path file = Files.write(dir.resolve("from-path.bin"), TckSupport.pattern(300_000, 72));
        byte[] streamed = TckSupport.pattern(150_000, 73);
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", S3File.of(bytes, "from-bytes.bin"));
            d.attachment = S3File.of(file);
            table(s).syncSave(d);
            TckDocument e = doc("v2", S3File.of(new ByteArrayInputStream(streamed), streamed.length, "from-stream.bin"));
            table(s).syncSave(e);

            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();
            assertThat(loaded.content.checksum()).as("checksum of a file from bytes").hasValue(crc32c(bytes));
            assertThat(loaded.attachment.checksum()).as("checksum of a file from a path").hasValue(crc32c(Files.readAllBytes(file)));
            assertThat(table(s).syncGet(pk, "v2").orElseThrow().content.checksum()).as("checksum of a file from a stream")
                    .hasValue(crc32c(streamed));
            assertThat(rawItem(docsTable, pk, "v1").get("content").m().get("checksum").s()).isEqualTo(crc32c(bytes));
        }
    }

    @Test
    final void required_corruptedBytesFailEveryReadWithChecksumMismatchAndLeaveNothing(@TempDir Path dir) throws Exception {
        byte[] bytes = TckSupport.pattern(70_000, 74);
        try (Stowage s = stowage(blobStore, itemStore); Stowage corrupted = stowage(new CorruptingBlobStore(blobStore), itemStore)) {
            table(s).syncSave(doc("v1", S3File.of(bytes, "precious.bin")));
            S3Value value = table(corrupted).syncGet(pk, "v1").orElseThrow().content;

            assertThat(catchThrowableOfType(value::syncGetBytes, S3AttributeException.class).reason())
                    .as("getBytes of corrupted bytes").isEqualTo(S3AttributeException.Reason.CHECKSUM_MISMATCH);

            Path fresh = dir.resolve("fresh.bin");
            assertThat(catchThrowableOfType(() -> value.syncSaveTo(fresh), S3AttributeException.class).reason())
                    .as("saveTo of corrupted bytes").isEqualTo(S3AttributeException.Reason.CHECKSUM_MISMATCH);
            assertThat(fresh).as("no file is left by a download that failed its check").doesNotExist();
            Path existing = Files.writeString(dir.resolve("existing.bin"), "keep me");
            catchThrowable(() -> value.syncSaveTo(existing));
            assertThat(existing).as("an existing target is untouched").hasContent("keep me");
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("files left").containsExactly("existing.bin");
            }

            Throwable streamed = catchThrowable(() -> {
                try (InputStream in = value.syncOpenStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            });
            assertThat(streamed).as("a stream of corrupted bytes fails at its end").isInstanceOf(java.io.IOException.class)
                    .hasCauseInstanceOf(S3AttributeException.class);
            Throwable exact = catchThrowable(() -> {
                try (InputStream in = value.syncOpenStream()) {
                    in.readNBytes((int) value.size());
                }
            });
            assertThat(exact).as("a reader that stops at the last byte is checked there").isInstanceOf(java.io.IOException.class);
            assertThat(((S3AttributeException) streamed.getCause()).reason()).isEqualTo(S3AttributeException.Reason.CHECKSUM_MISMATCH);

            S3Value clean = table(s).syncGet(pk, "v1").orElseThrow().content;
            assertThat(clean.syncGetBytes()).as("the same value through a sound store").isEqualTo(bytes);
        }
    }

    @Test
    final void required_aCopyStreamedFromCorruptedSourceBytesFailsAndWritesNoItem() {
        byte[] bytes = TckSupport.pattern(50_000, 76);
        BlobStore corruptingWithoutCopy = without(new CorruptingBlobStore(blobStore), BlobCapability.COPY);
        try (Stowage s = stowage(blobStore, itemStore); Stowage corrupted = stowage(corruptingWithoutCopy, itemStore)) {
            table(s).syncSave(doc("v1", S3File.of(bytes, "source.bin")));
            S3Value source = table(corrupted).syncGet(pk, "v1").orElseThrow().content;
            TckDocument other = doc("v2", source);

            Throwable failure = catchThrowable(() -> table(corrupted).syncSave(other));

            assertThat(failure).as("a copy of bytes that fail the source's checksum").isInstanceOf(S3AttributeException.class);
            assertThat(rawItemIfAny(docsTable, pk, "v2")).as("item of the failed copy").isEmpty();
        }
    }

    @Test
    final void required_itemsWrittenWithoutAChecksumStillRead(@TempDir Path dir) throws Exception {
        byte[] bytes = "written by pydynox".getBytes(StandardCharsets.UTF_8);
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(doc("v1", S3File.of(bytes, "old.txt")));
            Map<String, AttributeValue> item = new LinkedHashMap<>(rawItem(docsTable, pk, "v1"));
            Map<String, AttributeValue> content = new LinkedHashMap<>(item.get("content").m());
            content.remove("checksum");
            item.put("content", AttributeValue.fromM(content));
            itemStore.put(PutItemRequest.builder().table(docsTable).item(item).build()).join();

            S3Value value = table(s).syncGet(pk, "v1").orElseThrow().content;
            assertThat(value.checksum()).isEmpty();
            assertThat(value.syncGetBytes()).isEqualTo(bytes);
            assertThat(Files.readAllBytes(value.syncSaveTo(dir.resolve("old.txt")))).isEqualTo(bytes);
            try (InputStream in = value.syncOpenStream()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    final void required_aSaveToTheCallerGaveUpOnKeepsTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        HeldStreams held = new HeldStreams(blobStore);
        try (Stowage reader = stowage(held, itemStore)) {
            S3Value value = savedThenLoadedThrough(reader, "the new bytes");
            Path target = dir.resolve("kept.txt");
            Files.writeString(target, "what was there");
            Map<String, java.util.function.Supplier<CompletableFuture<Path>>> downloads = new LinkedHashMap<>();
            downloads.put("saveTo(target)", () -> value.saveTo(target));
            downloads.put("saveTo(target, listener)", () -> value.saveTo(target, (done, total) -> { }));
            for (Map.Entry<String, java.util.function.Supplier<CompletableFuture<Path>>> download : downloads.entrySet()) {
                assertThat(download.getValue().get().cancel(true)).as("%s cancelled before its stream arrived", download.getKey())
                        .isTrue();
                AtomicBoolean closed = held.release();
                awaitTrue(closed::get, Duration.ofSeconds(10), "the stream of the abandoned " + download.getKey() + " closed");
                // The temporary file exists before the stream is read, so once the stream is closed and the
                // file gone it was deleted or moved: no later move can replace the target, nothing to wait for.
                awaitTrue(() -> Arrays.equals(dir.toFile().list(), new String[] {"kept.txt"}), Duration.ofSeconds(10),
                        "no temporary file beside the target of " + download.getKey());
                assertThat(Files.readString(target)).as("the target of the abandoned %s", download.getKey())
                        .isEqualTo("what was there");
                assertThat(dir.toFile().list()).containsExactly("kept.txt");
            }
        }
    }

    @Test
    final void required_aSaveToWhoseMoveIntoPlaceFailsNamesTheObjectAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        HeldStreams held = new HeldStreams(blobStore);
        try (Stowage reader = stowage(held, itemStore)) {
            S3Value value = savedThenLoadedThrough(reader, "the bytes");
            Path target = dir.resolve("taken");
            CompletableFuture<Path> download = value.saveTo(target);
            // While the bytes are on their way, something else makes the target a directory that is not empty.
            Files.createDirectories(target.resolve("inside"));
            held.release();
            Throwable failure = catchThrowable(download::join);
            assertThat(failure).as("a download that cannot be moved into place").isInstanceOf(CompletionException.class);
            assertThat(failure.getCause()).isInstanceOfSatisfying(S3AttributeException.class, e -> {
                assertThat(e.getMessage()).contains("move").contains(value.key()).contains("content").contains(target.toString());
                assertThat(e.key()).contains(value.key());
            });
            assertThat(dir.toFile().list()).as("what is left beside the target").containsExactly("taken");
        }
    }

    @Test
    final void required_aStreamTheCallerGaveUpOnIsClosedWhenItArrives() throws Exception {
        HeldStreams held = new HeldStreams(blobStore);
        try (Stowage reader = stowage(held, itemStore)) {
            S3Value value = savedThenLoadedThrough(reader, "some bytes to stream");
            Map<String, java.util.function.Supplier<CompletableFuture<InputStream>>> openers = new LinkedHashMap<>();
            openers.put("openStream()", value::openStream);
            openers.put("openStream(offset, length)", () -> value.openStream(2, 5));
            openers.put("openStream(listener)", () -> value.openStream((done, total) -> { }));
            for (Map.Entry<String, java.util.function.Supplier<CompletableFuture<InputStream>>> opener : openers.entrySet()) {
                CompletableFuture<InputStream> opening = opener.getValue().get();
                assertThat(opening.cancel(true)).as("%s cancelled before its stream arrived", opener.getKey()).isTrue();
                AtomicBoolean closed = held.release();
                awaitTrue(closed::get, Duration.ofSeconds(10), "the stream of the abandoned " + opener.getKey()
                        + " closed (else it holds its connection)");
            }
        }
    }

    @Test
    final void required_aSaveToWhoseStreamBreaksFailsAsAConnectionFailureAndKeepsTheTarget(@TempDir Path dir) throws Exception {
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(doc("v1", S3File.of(TckSupport.pattern(50_000, 7), "f.bin")));
        }
        // As the providers' streams fail when the connection breaks mid-body: an IOException over the store's failure.
        BlobStore breaking = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
                return super.getStream(request).thenApply(in -> new java.io.FilterInputStream(in) {
                    private int read;

                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        if (read > 10_000) {
                            throw new java.io.IOException("connection reset", new StoreException(StoreErrorCode.CONNECTION_LOST,
                                    "the connection broke while reading the body"));
                        }
                        int n = super.read(b, off, Math.min(len, 4096));
                        read += Math.max(n, 0);
                        return n;
                    }
                });
            }
        };
        try (Stowage reader = stowage(breaking, itemStore)) {
            S3Value value = table(reader).syncGet(pk, "v1").orElseThrow().content;
            Path target = dir.resolve("kept.bin");
            Files.writeString(target, "what was there");
            S3AttributeException e = catchThrowableOfType(() -> value.syncSaveTo(target), S3AttributeException.class);
            assertThat(e).as("saveTo over a broken stream").isNotNull();
            assertThat(e.reason()).as("reason of %s", e.getMessage()).isEqualTo(S3AttributeException.Reason.CONNECTION);
            assertThat(e.getMessage()).contains(value.key()).contains("content");
            assertThat(Files.readString(target)).isEqualTo("what was there");
            assertThat(dir.toFile().list()).containsExactly("kept.bin");
        }
    }

    @Test
    final void required_getBytesOfAnObjectOverTwoGiBIsRefusedBeforeAnyCall() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(doc("v1", text("small in truth", "big.bin")));
            Map<String, AttributeValue> item = new LinkedHashMap<>(rawItem(docsTable, pk, "v1"));
            Map<String, AttributeValue> content = new LinkedHashMap<>(item.get("content").m());
            content.put("size", AttributeValue.fromN(Long.toString(3L << 30)));
            item.put("content", AttributeValue.fromM(content));
            itemStore.put(PutItemRequest.builder().table(docsTable).item(item).build()).join();
        }
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            S3Value value = table(s).syncGet(pk, "v1").orElseThrow().content;
            assertThat(value.size()).isEqualTo(3L << 30);
            S3AttributeException e = catchThrowableOfType(value::syncGetBytes, S3AttributeException.class);
            assertThat(e).as("getBytes of 3 GiB").isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("content").contains("saveTo").contains("openStream");
            assertThat(counting.total()).as("calls to the blob store").isZero();
        }
    }

    /** A model of {@link #versioned()} not yet saved, its file {@code first.txt}. */
    private TckDocument firstVersion() {
        TckDocument m = new TckDocument();
        m.pk = pk;
        m.content = text("first", "first.txt");
        return m;
    }

    /** Saves a document whose file holds {@code text}, and loads it through {@code reader}. */
    private S3Value savedThenLoadedThrough(Stowage reader, String text) {
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(doc("v1", text(text, "f.txt")));
        }
        return table(reader).syncGet(pk, "v1").orElseThrow().content;
    }

    /** Waits up to {@code limit} for {@code condition}, then asserts it. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration limit, String what)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Streams held back until {@link #release()}; each released stream records its close. */
    private static final class HeldStreams extends ForwardingBlobStore {
        private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> gate =
                new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());
        private volatile AtomicBoolean closed = new AtomicBoolean();

        HeldStreams(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
            AtomicBoolean mine = new AtomicBoolean();
            closed = mine;
            return super.getStream(request).thenCombine(gate.get(), (in, go) -> new java.io.FilterInputStream(in) {
                @Override
                public void close() throws java.io.IOException {
                    mine.set(true);
                    super.close();
                }
            });
        }

        /** Lets the stream held back go, and holds the next; returns whether the one let go was closed. */
        AtomicBoolean release() {
            gate.getAndSet(new CompletableFuture<>()).complete(null);
            return closed;
        }
    }

    /** The store, declaring every capability it has but {@code missing}. */
    private static BlobStore without(BlobStore store, BlobCapability missing) {
        return new ForwardingBlobStore(store) {
            @Override
            public Set<BlobCapability> capabilities() {
                Set<BlobCapability> caps = EnumSet.noneOf(BlobCapability.class);
                caps.addAll(super.capabilities());
                caps.remove(missing);
                return caps;
            }
        };
    }

    /** The CRC32C as the item records it, computed here independently of the engine. */
    private static String crc32c(byte[] data) {
        return "crc32c:" + TckSupport.crc32cBase64(data);
    }

    // ------------------------------------------------- streams of unknown length

    @Test
    final void required_aStreamOfUnknownLengthIsSavedWithItsRealSizeEtagAndChecksum() throws Exception {
        try (Stowage s = stowage(blobStore, itemStore)) {
            // Past the 10 MiB multipart threshold, and below it; neither stream can be marked or measured.
            for (long size : new long[] {12L * 1024 * 1024 + 3, 70_001}) {
                TckDocument d = doc("len-" + size, S3File.of(new TckSupport.PatternInputStream(size, size, -1), "unknown.bin"));
                assertThat(d.content.size()).as("an unsaved stream of unknown length").isEqualTo(-1);
                table(s).syncSave(d);

                assertThat(d.content.size()).as("stored size").isEqualTo(size);
                BlobInfo head = blobStore.head(GetBlobRequest.of(BlobId.of(bucket, d.content.key()))).join();
                assertThat(head.size()).isEqualTo(size);
                assertThat(d.content.etag()).as("the etag the store reports").isEqualTo(head.etag());
                TckDocument loaded = table(s).syncGet(pk, "len-" + size).orElseThrow();
                assertThat(loaded.content.size()).isEqualTo(size);
                try (InputStream in = loaded.content.syncOpenStream()) {
                    assertThat(TckSupport.sha256(in)).as("bytes read back, checked against the recorded CRC32C")
                            .isEqualTo(TckSupport.patternSha256(size, size));
                }
            }
        }
    }

    // ---------------------------------------------------------- encryption at rest

    private static final byte[] CUSTOMER_KEY = TckSupport.pattern(32, 77);

    private Stowage stowageWithCustomerKey(BlobStore blobs, byte[] key) {
        return Stowage.builder().blobStore(blobs).itemStore(itemStore)
                .config(StowageConfig.builder().consistentReads(true).orphanListener(orphans::add).sseCustomerKey(key).build())
                .build();
    }

    private BlobInfo rawHead(String key, io.stowage.spi.ServerSideEncryption sse) {
        return blobStore.head(GetBlobRequest.builder().id(BlobId.of(bucket, key)).encryption(sse).build()).join();
    }

    @Test
    final void optional_sseS3ObjectsAreStoredEncryptedByTheStore() throws Exception {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.SSE_S3), "provider does not declare SSE_S3");
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(TckDocument.encryptedSchema(flatTable, bucket, Sse.S3, null));
            TckDocument d = new TckDocument();
            d.pk = pk;
            d.content = text("encrypted by the store", "s3.txt");
            t.syncSave(d);
            assertThat(rawHead(d.content.key(), null).encryption()).as("what the store reports")
                    .contains(io.stowage.spi.ServerSideEncryption.Mode.S3);
            assertThat(new String(t.syncGet(pk).orElseThrow().content.syncGetBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("encrypted by the store");
            if (blobStore.capabilities().contains(BlobCapability.PRESIGN_PUT)) {
                PresignedUpload upload = t.syncPresignUpload(d, "content", "direct.txt", Duration.ofMinutes(5));
                assertThat(TckSupport.putDirectly(upload, "direct".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
                t.syncCommitUpload(d, upload);
                assertThat(rawHead(upload.key(), null).encryption()).contains(io.stowage.spi.ServerSideEncryption.Mode.S3);
            }
        }
    }

    @Test
    final void optional_sseKmsObjectsAreStoredUnderTheirKmsKey() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.SSE_KMS), "provider does not declare SSE_KMS");
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(TckDocument.encryptedSchema(flatTable, bucket, Sse.KMS, "alias/stowage-tck"));
            TckDocument d = new TckDocument();
            d.pk = pk;
            d.content = text("under a KMS key", "kms.txt");
            t.syncSave(d);
            BlobInfo head = rawHead(d.content.key(), null);
            assertThat(head.encryption()).contains(io.stowage.spi.ServerSideEncryption.Mode.KMS);
            assertThat(head.kmsKeyId()).as("the key the store names (an ARN on AWS)").isPresent();
            assertThat(t.syncGet(pk).orElseThrow().content.syncGetBytes()).isEqualTo("under a KMS key".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    final void optional_sseCObjectsAreReadOnlyWithTheirKeyWhichNoItemOrMessageHolds() throws Exception {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.SSE_C), "provider does not declare SSE_C");
        io.stowage.spi.ServerSideEncryption key = io.stowage.spi.ServerSideEncryption.customer(CUSTOMER_KEY);
        try (Stowage s = stowageWithCustomerKey(blobStore, CUSTOMER_KEY)) {
            Table<TckDocument> t = s.table(TckDocument.encryptedSchema(flatTable, bucket, Sse.CUSTOMER, null));
            int size = 11 * 1024 * 1024;
            TckDocument d = new TckDocument();
            d.pk = pk;
            d.content = S3File.of(TckSupport.pattern(size, 9), "secret.bin");
            t.syncSave(d);
            String firstKey = d.content.key();

            assertThat(rawHead(firstKey, key).encryption()).contains(io.stowage.spi.ServerSideEncryption.Mode.CUSTOMER);
            Throwable withoutKey = catchThrowable(() -> rawHead(firstKey, null));
            assertThat(withoutKey).as("a head without the key").isNotNull();
            assertThat(((StoreException) withoutKey.getCause()).code()).isIn(StoreErrorCode.INVALID_INPUT, StoreErrorCode.ACCESS_DENIED);
            Throwable otherKey = catchThrowable(() -> rawHead(firstKey,
                    io.stowage.spi.ServerSideEncryption.customer(TckSupport.pattern(32, 78))));
            // S3 answers 403; a HEAD has no body to say more, and s3proxy answers 400.
            assertThat(((StoreException) otherKey.getCause()).code()).as("a head with another key")
                    .isIn(StoreErrorCode.ACCESS_DENIED, StoreErrorCode.INVALID_INPUT);

            TckDocument loaded = t.syncGet(pk).orElseThrow();
            assertThat(loaded.content.syncGetBytes()).isEqualTo(TckSupport.pattern(size, 9));
            assertThat(loaded.content.syncGetBytes(5, 10)).isEqualTo(java.util.Arrays.copyOfRange(TckSupport.pattern(size, 9), 5, 15));
            Path target = loaded.content.syncSaveTo(Files.createTempDirectory("stowage-ssec").resolve("s.bin"));
            assertThat(Files.size(target)).isEqualTo(size);
            assertThat(catchThrowable(() -> loaded.content.syncPresignedUrl())).isInstanceOf(S3AttributeException.class)
                    .hasMessageContaining("customer key");
            if (blobStore.capabilities().contains(BlobCapability.PRESIGN_PUT)) {
                assertThat(catchThrowable(() -> t.syncPresignUpload(loaded, "content", "x.bin", Duration.ofMinutes(5))))
                        .isInstanceOf(S3AttributeException.class).hasMessageContaining("customer key");
            }
            Map<String, AttributeValue> item = itemStore.get(ItemKeyRequest.builder().table(flatTable)
                    .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true).build()).join().orElseThrow();
            assertThat(item.toString()).as("the item").doesNotContain(key.customerKeyBase64()).doesNotContain(key.customerKeyMd5Base64());
            assertThat(s.toString() + s.config()).doesNotContain(key.customerKeyBase64());

            // A copy to another item opens the source with the key; a replacement deletes the old object.
            TckDocument copy = new TckDocument();
            copy.pk = pk + "-copy";
            copy.content = loaded.content;
            t.syncSave(copy);
            assertThat(t.syncGet(pk + "-copy").orElseThrow().content.syncGetBytes()).isEqualTo(TckSupport.pattern(size, 9));
            loaded.content = text("replacement", "r.txt");
            t.syncSave(loaded);
            assertThat(objectExists(bucket, firstKey)).as("the replaced SSE-C object").isFalse();
            t.syncDelete(t.syncGet(pk + "-copy").orElseThrow());
            assertThat(orphans).as("nothing left unaccounted for").isEmpty();
        }
        try (Stowage noKey = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = noKey.table(TckDocument.encryptedSchema(flatTable, bucket, Sse.CUSTOMER, null));
            TckDocument d = new TckDocument();
            d.pk = pk + "-nokey";
            d.content = text("x", "x.txt");
            assertThat(catchThrowable(() -> t.syncSave(d))).isInstanceOf(ModelException.class).hasMessageContaining("sseCustomerKey");
        }
    }

    @Test
    final void required_encryptionTheStoreCannotDoIsRefusedBeforeUploading() {
        CountingBlobStore counted = new CountingBlobStore(without(without(without(blobStore, BlobCapability.SSE_KMS),
                BlobCapability.SSE_S3), BlobCapability.SSE_C));
        try (Stowage s = stowageWithCustomerKey(counted, CUSTOMER_KEY)) {
            for (Sse sse : new Sse[] {Sse.S3, Sse.KMS, Sse.CUSTOMER}) {
                Table<TckDocument> t = s.table(TckDocument.encryptedSchema(flatTable, bucket, sse, null));
                TckDocument d = new TckDocument();
                d.pk = pk;
                d.content = text("must not be stored in plain", "plain.txt");
                assertThat(catchThrowable(() -> t.syncSave(d))).as("%s on a store without it", sse)
                        .isInstanceOf(S3AttributeException.class).hasMessageContaining("cannot encrypt");
            }
            assertThat(counted.count(BlobOp.PUT)).as("uploads sent").isZero();
        }
    }

    @Test
    final void required_aLargeFileReSavedOverItsTakenKeyIsSentOnce() throws Exception {
        Path dir = Files.createTempDirectory("stowage-resave");
        Path file = TckSupport.patternFile(dir, "big.bin", 12L * 1024 * 1024, 13);
        CountingBlobStore counted = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counted, itemStore)) {
            TckDocument d = doc("v1", S3File.of(file));
            table(s).syncSave(d);
            String first = d.content.key();
            counted.reset();
            d.content = S3File.of(file);
            table(s).syncSave(d);
            assertThat(d.content.key()).as("the plain key is taken by the stored object").isNotEqualTo(first);
            assertThat(counted.count(BlobOp.PUT)).as("uploads of the 12 MiB file on the re-save").isEqualTo(1);
            assertThat(objectExists(bucket, first)).as("the replaced object").isFalse();
        }
    }

    @Test
    final void required_aFileReSavedByTheSameProcessIsSentOnceAndItsObjectsStayOne() {
        CountingBlobStore counted = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counted, itemStore)) {
            TckDocument d = doc("v1", text("first", "small.txt"));
            table(s).syncSave(d);
            String first = d.content.key();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                counted.reset();
                d.content = text("again " + i, "small.txt");
                table(s).syncSave(d);
                keys.add(d.content.key());
                // The process placed the object the item points at, so it does not ask for that key again.
                assertThat(counted.count(BlobOp.PUT)).as("uploads of re-save %d (a refused claim would be a second)", i)
                        .isEqualTo(1);
                assertThat(table(s).syncGet(d.pk, "v1").orElseThrow().content.syncGetBytes())
                        .isEqualTo(("again " + i).getBytes(StandardCharsets.UTF_8));
            }
            if (blobStore.capabilities().contains(BlobCapability.CREATE_ONLY)) {
                // The plain key is free again after the first re-save, but this process moved on from it:
                // its re-saves stay on derived keys, whose clean-ups need no look at the object.
                assertThat(keys).as("re-saves go beside the plain key").doesNotContain(first);
            }
            assertThat(documentKeys()).as("the document's objects after three re-saves").containsExactly(keys.get(2));
        }
    }

    /** A Stowage over the given stores that deletes replaced objects after its saves complete. */
    private Stowage cleaningInBackground(BlobStore blobs) {
        return Stowage.builder().blobStore(blobs).itemStore(itemStore)
                .config(StowageConfig.builder().consistentReads(true).cleanupInBackground(true).orphanListener(orphans::add).build())
                .build();
    }

    @Test
    final void required_aSaveCleaningUpInBackgroundCompletesBeforeTheReplacedObjectGoesAndCloseWaitsForIt() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        BlobStore heldDeletes = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                return gate.thenCompose(open -> super.delete(request));
            }
        };
        Stowage s = cleaningInBackground(heldDeletes);
        try {
            TckDocument d = doc("v1", text("first", "held.txt"));
            table(s).syncSave(d);
            String first = d.content.key();
            d.content = text("second", "held.txt");
            // A save that waited for its clean-up would wait for the gate: bounded, so that it fails rather than hangs.
            table(s).save(d).get(30, TimeUnit.SECONDS);
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
            assertThat(objectExists(bucket, first)).as("the replaced object, its deletion held").isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            assertThat(catchThrowable(() -> closing.get(300, TimeUnit.MILLISECONDS)))
                    .as("close() while a deletion runs after its save").isInstanceOf(java.util.concurrent.TimeoutException.class);
            gate.complete(null);
            closing.get(30, TimeUnit.SECONDS);
            assertThat(objectExists(bucket, first)).as("the replaced object, once close() returned").isFalse();
            assertThat(documentKeys()).as("the document's objects").containsExactly(d.content.key());
            assertThat(orphans).isEmpty();
        } finally {
            gate.complete(null);
            s.close();
        }
    }

    @Test
    final void required_aBackgroundCleanupThatFailsIsReportedAsAnOrphanAfterTheSaveAndTheSaveStands() throws Exception {
        TckDocument d = doc("v1", text("first", "kept.txt"));
        try (Stowage ok = stowage(blobStore, itemStore)) {
            table(ok).syncSave(d);
        }
        String first = d.content.key();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        BlobStore failingLater = new ForwardingBlobStore(withoutDeletes()) {
            @Override
            public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                return gate.thenCompose(open -> super.delete(request));
            }
        };
        Stowage s = cleaningInBackground(failingLater);
        try {
            d.content = text("second", "kept.txt");
            table(s).save(d).get(30, TimeUnit.SECONDS);
            assertThat(orphans).as("reports before the held deletion failed").isEmpty();
            gate.complete(null);
        } finally {
            gate.complete(null);
            s.close();
        }
        // close() waited for the clean-up, so its report is in.
        assertThat(orphans).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.DELETE_FAILED);
            assertThat(o.bucket()).isEqualTo(bucket);
            assertThat(o.key()).isEqualTo(first);
        });
        try (Stowage ok = stowage(blobStore, itemStore)) {
            assertThat(table(ok).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(objectExists(bucket, first)).as("the object left for the sweeper").isTrue();
        blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, first))).join();
    }

    @Test
    final void required_aCleanupInBackgroundIsAnOperationOfItsOwnForListeners() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        io.stowage.StowageListener listener = new io.stowage.StowageListener() {
            @Override
            public void onOperation(io.stowage.OperationEvent operation) {
                heard.add(operation.kind() + " " + operation.id());
            }

            @Override
            public void onStoreCall(io.stowage.StoreCall call) {
                heard.add(call.operation() + " of " + call.operationId());
            }
        };
        try (Stowage s = Stowage.builder().blobStore(blobStore).itemStore(itemStore)
                .config(StowageConfig.builder().consistentReads(true).cleanupInBackground(true).listener(listener)
                        .orphanListener(orphans::add).build()).build()) {
            TckDocument d = doc("v1", text("first", "heard.txt"));
            table(s).syncSave(d);
            d.content = text("second", "heard.txt");
            heard.clear();
            table(s).syncSave(d);
        }
        // close() waited for the clean-up: its calls and its own operation event are in.
        String cleanup = heard.stream().filter(h -> h.startsWith("CLEANUP ")).findFirst().orElseThrow();
        long id = Long.parseLong(cleanup.substring("CLEANUP ".length()));
        String save = heard.stream().filter(h -> h.startsWith("SAVE ")).findFirst().orElseThrow();
        assertThat(heard).as("the replaced object's deletion, under the clean-up's id").contains("delete of " + id)
                .doesNotContain("delete of " + save.substring("SAVE ".length()));
    }

    @Test
    final void required_backgroundDeletesThatWaitForOneInFlightAllHappenAndLeaveEachItemItsObject() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicBoolean holdNextDelete = new AtomicBoolean();
        BlobStore holdingOne = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                return holdNextDelete.getAndSet(false) ? gate.thenCompose(open -> super.delete(request)) : super.delete(request);
            }
        };
        List<String> calls = new CopyOnWriteArrayList<>();
        io.stowage.StowageListener listener = new io.stowage.StowageListener() {
            @Override
            public void onStoreCall(io.stowage.StoreCall call) {
                calls.add(call.operation());
            }
        };
        int count = 8;
        List<TckDocument> docs = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        Stowage s = Stowage.builder().blobStore(holdingOne).itemStore(itemStore)
                .config(StowageConfig.builder().consistentReads(true).cleanupInBackground(true).listener(listener)
                        .orphanListener(orphans::add).build()).build();
        try {
            // Saved, then re-saved once: each object now sits at a derived key this Stowage
            // placed, so the next re-save deletes it without a look first, and queues that
            // delete before the save completes.
            List<String> seedKeys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TckDocument d = doc("batch-" + i, text("first " + i, "batched.txt"));
                table(s).syncSave(d);
                seedKeys.add(d.content.key());
                d.content = text("second " + i, "batched.txt");
                table(s).syncSave(d);
                replaced.add(d.content.key());
                d.content = text("third " + i, "batched.txt");
                docs.add(d);
            }
            awaitGone(seedKeys, "objects the first re-saves replaced, deleted in the background");
            calls.clear();
            // The first of these re-saves' deletes is held: the other seven are queued behind
            // it when their saves complete, and go as one batch where the store batches.
            holdNextDelete.set(true);
            for (TckDocument d : docs) {
                table(s).save(d).get(30, TimeUnit.SECONDS);
            }
            assertThat(objectExists(bucket, replaced.get(0))).as("the replaced object whose delete is held").isTrue();
            gate.complete(null);
        } finally {
            gate.complete(null);
            s.close();
        }
        // close() waited for every clean-up.
        for (int i = 0; i < count; i++) {
            assertThat(objectExists(bucket, replaced.get(i))).as("replaced object %s after close()", i).isFalse();
            assertThat(objectExists(bucket, docs.get(i).content.key())).as("current object of document %s", i).isTrue();
        }
        assertThat(orphans).as("orphans").isEmpty();
        if (blobStore.capabilities().containsAll(Set.of(BlobCapability.BATCH_DELETE, BlobCapability.CONDITIONAL_DELETE))) {
            assertThat(calls).as("store calls: the deletes that waited went as a batch (BATCH_DELETE)").contains("deleteAll");
        }
    }

    /** Waits, up to 30 seconds, until none of {@code keys} is in the kit's bucket any more. */
    private void awaitGone(List<String> keys, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (keys.stream().anyMatch(k -> objectExists(bucket, k))) {
            assertThat(System.nanoTime()).as("%s: still there after 30 s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    // ---------------------------------------------------------------- progress

    /** Every report of one transfer, in order. */
    private static final class Reports implements ProgressListener {
        final List<long[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onProgress(long transferred, long total) {
            seen.add(new long[] {transferred, total});
        }

        void assertGrowAndEndAt(long size, boolean totalKnown, String what) {
            assertThat(seen).as("reports of the %s", what).isNotEmpty();
            long last = -1;
            for (long[] r : seen) {
                assertThat(r[0]).as("a report of the %s never goes back", what).isGreaterThanOrEqualTo(last)
                        .isLessThanOrEqualTo(size);
                if (totalKnown) {
                    assertThat(r[1]).as("the total of the %s", what).isEqualTo(size);
                }
                last = r[0];
            }
            long[] end = seen.get(seen.size() - 1);
            assertThat(end).as("the last report of the %s", what).containsExactly(size, size);
        }
    }

    @Test
    final void required_uploadProgressOnlyGrowsAndEndsAtTheSize() throws Exception {
        Path dir = Files.createTempDirectory("stowage-progress");
        try (Stowage s = stowage(blobStore, itemStore)) {
            int big = 12 * 1024 * 1024 + 5;
            Reports bytes = new Reports();
            table(s).syncSave(doc("bytes", S3File.of(TckSupport.pattern(big, 1), "b.bin").withProgress(bytes)));
            bytes.assertGrowAndEndAt(big, true, "upload of bytes past the multipart threshold");

            Reports path = new Reports();
            Path file = TckSupport.patternFile(dir, "p.bin", big, 2);
            table(s).syncSave(doc("path", S3File.of(file).withProgress(path)));
            path.assertGrowAndEndAt(big, true, "upload of a file");

            Reports small = new Reports();
            table(s).syncSave(doc("small", S3File.of(TckSupport.pattern(1000, 3), "s.bin").withProgress(small)));
            small.assertGrowAndEndAt(1000, true, "single-part upload");

            Reports unknown = new Reports();
            long length = 3L * 1024 * 1024 + 1;
            table(s).syncSave(doc("unknown", S3File.of(new TckSupport.PatternInputStream(length, 4, -1), "u.bin")
                    .withProgress(unknown)));
            unknown.assertGrowAndEndAt(length, false, "upload of a stream of unknown length");
            assertThat(unknown.seen.subList(0, unknown.seen.size() - 1)).as("the totals of a stream of unknown length before its end")
                    .allSatisfy(r -> assertThat(r[1]).isEqualTo(-1));
        }
    }

    @Test
    final void required_downloadProgressOnlyGrowsAndEndsAtTheSize() throws Exception {
        Path dir = Files.createTempDirectory("stowage-progress");
        try (Stowage s = stowage(blobStore, itemStore)) {
            int size = 3 * 1024 * 1024 + 7;
            table(s).syncSave(doc("v1", S3File.of(TckSupport.pattern(size, 5), "d.bin")));
            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();

            Reports saved = new Reports();
            Path target = loaded.content.syncSaveTo(dir.resolve("d.bin"), saved);
            assertThat(Files.readAllBytes(target)).isEqualTo(TckSupport.pattern(size, 5));
            saved.assertGrowAndEndAt(size, true, "saveTo");

            Reports streamed = new Reports();
            try (InputStream in = loaded.content.syncOpenStream(streamed)) {
                assertThat(TckSupport.sha256(in)).isEqualTo(TckSupport.sha256(new ByteArrayInputStream(TckSupport.pattern(size, 5))));
            }
            streamed.assertGrowAndEndAt(size, true, "openStream");
        }
    }

    @Test
    final void required_aProgressListenerThatThrowsBreaksNoTransfer() throws Exception {
        Path dir = Files.createTempDirectory("stowage-progress");
        ProgressListener failing = (transferred, total) -> {
            throw new IllegalStateException("listener failure " + transferred);
        };
        try (Stowage s = stowage(blobStore, itemStore)) {
            int size = 11 * 1024 * 1024;
            table(s).syncSave(doc("v1", S3File.of(TckSupport.pattern(size, 6), "t.bin").withProgress(failing)));
            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();
            assertThat(loaded.content.size()).isEqualTo(size);
            Path target = loaded.content.syncSaveTo(dir.resolve("t.bin"), failing);
            assertThat(Files.size(target)).isEqualTo(size);
            try (InputStream in = loaded.content.syncOpenStream(failing)) {
                assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
            }
        }
    }

    // --------------------------------------------------------- direct uploads

    private void requirePresignedUploads() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.PRESIGN_PUT), "provider does not declare PRESIGN_PUT");
    }

    @Test
    final void optional_directUploadPutOverHttpThenCommitSavesTheItemWithThoseBytes() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            byte[] body = TckSupport.pattern(70_000, 11);
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "scan.pdf", Duration.ofMinutes(5));
            assertThat(upload.contentType()).isEqualTo("application/pdf");
            assertThat(upload.key()).as("a fresh key under the item's folder").startsWith("docs/" + documentPath() + "v1/")
                    .endsWith("/scan.pdf");
            assertThat(upload.toString()).as("no signature in toString").doesNotContain(upload.uri().getRawQuery());
            assertThat(table(s).syncGet(pk, "v1")).as("presigning writes nothing").isEmpty();

            HttpResponse<String> put = TckSupport.putDirectly(upload, body);
            assertThat(put.statusCode()).as("PUT with the presigned URL: %s", put.body()).isEqualTo(200);
            table(s).syncCommitUpload(d, upload);

            assertThat(d.content.isStored()).as("the model holds the stored value").isTrue();
            assertThat(d.content.key()).isEqualTo(upload.key());
            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();
            assertThat(loaded.content.size()).isEqualTo(body.length);
            assertThat(loaded.content.contentType()).isEqualTo("application/pdf");
            assertThat(loaded.content.syncGetBytes()).isEqualTo(body);
            Path target = Files.createTempDirectory("stowage-direct").resolve("scan.pdf");
            loaded.content.syncSaveTo(target);
            assertThat(Files.readAllBytes(target)).isEqualTo(body);
        }
    }

    @Test
    final void optional_directUploadCommitReplacesThePreviousObjectAndDeletesIt() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("first version", "first.txt"));
            table(s).syncSave(d);
            String oldKey = d.content.key();
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "second.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, "second version".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            table(s).syncCommitUpload(d, upload);

            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();
            assertThat(new String(loaded.content.syncGetBytes(), StandardCharsets.UTF_8)).isEqualTo("second version");
            assertThat(loaded.name).as("the other attributes are saved too").isEqualTo("document v1");
            assertThat(objectExists(bucket, oldKey)).as("the replaced object").isFalse();
        }
    }

    @Test
    final void optional_directUploadCommitOfNothingUploadedFailsAndWritesNothing() {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "never.pdf", Duration.ofMinutes(5));
            S3AttributeException e = catchThrowableOfType(S3AttributeException.class, () -> table(s).syncCommitUpload(d, upload));
            assertThat(e).as("commit of an upload never made").isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.OBJECT_NOT_FOUND);
            assertThat(e.getMessage()).contains(upload.key()).contains("PUT the bytes").contains("nothing was written");
            assertThat(table(s).syncGet(pk, "v1")).isEmpty();
            assertThat(d.content).as("the model is unchanged").isNull();
        }
    }

    @Test
    final void optional_directUploadOverItsMaxSizeIsRefusedDeletedAndNothingWritten() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "big.bin", Duration.ofMinutes(5),
                    UploadConstraints.builder().maxSize(1_000).build());
            assertThat(TckSupport.putDirectly(upload, new byte[1_001]).statusCode()).isEqualTo(200);
            S3AttributeException e = catchThrowableOfType(S3AttributeException.class, () -> table(s).syncCommitUpload(d, upload));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("1001 bytes", "maxSize of 1000", "nothing was written");
            assertThat(table(s).syncGet(pk, "v1")).isEmpty();
            assertThat(objectExists(bucket, upload.key())).as("a commit deletes nothing").isTrue();
            table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
            assertThat(objectExists(bucket, upload.key())).as("the refused upload, after a sweep").isFalse();
        }
    }

    @Test
    final void optional_directUploadWithOtherBytesThanItsChecksumIsRefused() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            String promised = TckSupport.crc32cBase64("the promised bytes".getBytes(StandardCharsets.UTF_8));
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "c.txt", Duration.ofMinutes(5),
                    UploadConstraints.builder().crc32c(promised).build());
            int status = TckSupport.putDirectly(upload, "other bytes".getBytes(StandardCharsets.UTF_8)).statusCode();
            // A store that checks checksums refuses the PUT; any other stores it and the commit refuses it.
            Throwable commit = catchThrowable(() -> table(s).syncCommitUpload(d, upload));
            assertThat(commit).as("commit after a PUT answered %s", status).isInstanceOf(S3AttributeException.class);
            assertThat(((S3AttributeException) commit).reason()).isIn(S3AttributeException.Reason.CHECKSUM_MISMATCH,
                    S3AttributeException.Reason.OBJECT_NOT_FOUND);
            assertThat(table(s).syncGet(pk, "v1")).isEmpty();

            PresignedUpload good = table(s).syncPresignUpload(d, "content", "c.txt", Duration.ofMinutes(5),
                    UploadConstraints.builder().crc32c(promised).build());
            assertThat(TckSupport.putDirectly(good, "the promised bytes".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            table(s).syncCommitUpload(d, good);
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .isEqualTo("the promised bytes".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    final void optional_directUploadOfOneItemCannotBeCommittedToAnother() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument mine = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(mine, "content", "mine.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, "mine".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            TckDocument other = doc("v2", null);
            Throwable e = catchThrowable(() -> table(s).syncCommitUpload(other, upload));
            // Refused by its key (not one made for item v2) before its back-link is even read.
            assertThat(e).isInstanceOf(ModelException.class).hasMessageContaining("is not a key presignUpload makes");
            assertThat(table(s).syncGet(pk, "v2")).isEmpty();
            assertThat(objectExists(bucket, upload.key())).as("another item's upload is not deleted").isTrue();
            table(s).syncCommitUpload(mine, upload);
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.key()).isEqualTo(upload.key());
        }
    }

    @Test
    final void optional_aCommitOfAKeyPresignUploadDidNotMakeIsRefusedAndDeletesNothing() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("the live bytes", "live.txt"));
            table(s).syncSave(d);
            PresignedUpload real = table(s).syncPresignUpload(d, "content", "live.txt", Duration.ofMinutes(5));
            // An application that rebuilt the upload from what a client sent back, with the live object's key.
            PresignedUpload forged = new PresignedUpload(real.uri(), real.headers(), real.table(), real.attribute(), real.bucket(),
                    d.content.key(), real.filename(), "x/forged", real.expiresAt(), real.constraints());
            assertThat(catchThrowable(() -> table(s).syncCommitUpload(d, forged))).isInstanceOf(ModelException.class)
                    .hasMessageContaining("is not a key presignUpload makes");
            assertThat(new String(table(s).syncGet(pk, "v1").orElseThrow().content.syncGetBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("the live bytes");
        }
    }

    @Test
    final void optional_aCommitWhoseItemWriteIsRefusedKeepsTheStoredItemAndLeavesTheUploadToTheSweeper() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(versioned());
            TckDocument first = new TckDocument();
            first.pk = pk;
            first.content = text("winner", "w.txt");
            t.syncSave(first);
            TckDocument stale = t.syncGet(pk).orElseThrow();
            TckDocument fresh = t.syncGet(pk).orElseThrow();
            fresh.content = text("newer", "n.txt");
            t.syncSave(fresh);

            PresignedUpload upload = t.syncPresignUpload(stale, "content", "late.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, "late".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            assertThat(catchThrowable(() -> t.syncCommitUpload(stale, upload))).isInstanceOf(ConditionFailedException.class);

            TckDocument stored = t.syncGet(pk).orElseThrow();
            assertThat(new String(stored.content.syncGetBytes(), StandardCharsets.UTF_8)).isEqualTo("newer");
            assertThat(objectExists(bucket, upload.key())).as("a refused commit deletes nothing").isTrue();
            t.syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
            assertThat(objectExists(bucket, upload.key())).as("the sweeper reclaims it").isFalse();
            assertThat(objectExists(bucket, stored.content.key())).isTrue();
        }
    }

    @Test
    final void optional_twoConcurrentCommitsToOneItemLeaveItPointingAtOneReadableUpload() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument a = doc("v1", null);
            TckDocument b = doc("v1", null);
            PresignedUpload ua = table(s).syncPresignUpload(a, "content", "a.txt", Duration.ofMinutes(5));
            PresignedUpload ub = table(s).syncPresignUpload(b, "content", "b.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(ua, "bytes of a".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            assertThat(TckSupport.putDirectly(ub, "bytes of b".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

            java.util.concurrent.CompletableFuture<Void> ca = table(s).commitUpload(a, ua);
            java.util.concurrent.CompletableFuture<Void> cb = table(s).commitUpload(b, ub);
            catchThrowable(ca::join);
            catchThrowable(cb::join);

            TckDocument stored = table(s).syncGet(pk, "v1").orElseThrow();
            String key = stored.content.key();
            assertThat(key).isIn(ua.key(), ub.key());
            assertThat(new String(stored.content.syncGetBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(key.equals(ua.key()) ? "bytes of a" : "bytes of b");
            table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
            assertThat(listKeys("docs/" + documentPath())).as("after a sweep, only the item's object").containsExactly(key);
        }
    }

    @Test
    final void optional_directUploadNeverCommittedIsReclaimedByTheSweeper() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "abandoned.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, "abandoned".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            SweepReport kept = table(s).syncSweepOrphans(SweepOptions.defaults().withinPrefix(documentPath()));
            assertThat(objectExists(bucket, upload.key())).as("within the grace period, %s", kept).isTrue();
            SweepReport report = table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO)
                    .withinPrefix(documentPath()));
            assertThat(report.deleted()).as("%s", report).isEqualTo(1);
            assertThat(objectExists(bucket, upload.key())).isFalse();
        }
    }

    @Test
    final void optional_directUploadUrlStoresOnlyOnceOrTheChangeIsDetected() throws Exception {
        requirePresignedUploads();
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "once.txt", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, "first".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            table(s).syncCommitUpload(d, upload);
            int again = TckSupport.putDirectly(upload, "second".getBytes(StandardCharsets.UTF_8)).statusCode();
            TckDocument loaded = table(s).syncGet(pk, "v1").orElseThrow();
            if (again == 412) {
                assertThat(new String(loaded.content.syncGetBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
            } else {
                // The store could not sign If-None-Match: the item is pinned to the first bytes' etag.
                assertThat(again).isEqualTo(200);
                S3AttributeException e = catchThrowableOfType(S3AttributeException.class, () -> loaded.content.syncGetBytes());
                assertThat(e).as("a read after the object was replaced").isNotNull();
                assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.CONTENT_CHANGED);
            }
        }
    }

    @Test
    final void optional_directUploadUrlIsRefusedOnceExpired() throws Exception {
        requirePresignedUploads();
        assumeTrue(blobStore.capabilities().contains(BlobCapability.PRESIGN_EXPIRY_ENFORCED),
                "provider does not declare PRESIGN_EXPIRY_ENFORCED");
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", null);
            PresignedUpload upload = table(s).syncPresignUpload(d, "content", "late.txt", Duration.ofSeconds(1));
            // Past the expiry by more than the one-second granularity of the signature's clock.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), upload.expiresAt()).toMillis()) + 2_100);
            int status = TckSupport.putDirectly(upload, "late".getBytes(StandardCharsets.UTF_8)).statusCode();
            assertThat(status).as("PUT after the expiry").isEqualTo(403);
            S3AttributeException e = catchThrowableOfType(S3AttributeException.class, () -> table(s).syncCommitUpload(d, upload));
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.OBJECT_NOT_FOUND);
        }
    }

    @Test
    final void required_aStoreWithoutPresignedPutsRefusesADirectUploadBeforeAnyCall() {
        try (Stowage s = stowage(without(blobStore, BlobCapability.PRESIGN_PUT), itemStore)) {
            TckDocument d = doc("v1", null);
            S3AttributeException e = catchThrowableOfType(S3AttributeException.class,
                    () -> table(s).syncPresignUpload(d, "content", "x.pdf", Duration.ofMinutes(5)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("cannot presign uploads", "S3File.of");
        }
    }

    // ---------------------------------------------------------------- presign

    @Test
    final void optional_presignedUrlsDownloadOverHttp() throws Exception {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.PRESIGN_GET),
                "provider does not declare PRESIGN_GET");
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("shared via URL", "shared.pdf"));
            table(s).syncSave(d);
            TckDocument loaded = table(s).syncGet(pk).orElseThrow();
            for (URI url : List.of(loaded.content.syncPresignedUrl(), loaded.content.syncPresignedUrl(Duration.ofMinutes(5)))) {
                HttpResponse<byte[]> response = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("shared via URL");
                assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
            }
        }
    }

    @Test
    final void optional_presignedUrlWithoutAnExpiryLastsOneHour() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.PRESIGN_GET),
                "provider does not declare PRESIGN_GET");
        List<Duration> expiries = new CopyOnWriteArrayList<>();
        BlobStore recording = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
                expiries.add(expiry);
                return super.presignGet(request, expiry);
            }
        };
        try (Stowage s = stowage(recording, itemStore)) {
            table(s).syncSave(doc("v1", text("x", "f.txt")));
            TckDocument loaded = table(s).syncGet(pk).orElseThrow();
            assertThat(loaded.content.presignedUrl().join()).isNotNull();
            assertThat(loaded.content.syncPresignedUrl()).isNotNull();
            assertThat(expiries).as("expiry asked of the blob store by presignedUrl() and syncPresignedUrl()")
                    .containsExactly(Duration.ofHours(1), Duration.ofHours(1));
        }
    }

    @Test
    final void required_presignExpiryOutsideS3sLimitsIsRefused() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            TckDocument d = doc("v1", text("x", "f.txt"));
            table(s).syncSave(d);
            counting.reset();
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(8), null}) {
                S3AttributeException e = catchThrowableOfType(() -> d.content.syncPresignedUrl(bad), S3AttributeException.class);
                assertThat(e).as("expiry %s", bad).isNotNull();
                assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.INVALID_INPUT);
            }
            assertThat(counting.total()).isZero();
        }
    }

    // ------------------------------------------------------- delete cascades

    @Test
    final void required_deleteRemovesTheItemFirstThenItsObjects() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Stowage s = stowage(recording(blobStore, events), recording(itemStore, events))) {
            TckDocument d = doc("v1", text("x", "a.txt"));
            d.attachment = text("y", "b.txt");
            table(s).syncSave(d);
            events.clear();
            Optional<TckDocument> deleted = table(s).syncDelete(d);
            assertThat(deleted).isPresent();
            assertThat(deleted.get().content.key()).isEqualTo(d.content.key());
            assertThat(events).hasSize(3);
            assertThat(events.get(0)).isEqualTo("item.delete");
            assertThat(events.subList(1, 3)).containsExactlyInAnyOrder("blob.delete:" + d.content.key(),
                    "blob.delete:" + d.attachment.key());
            assertThat(objectExists(bucket, d.content.key())).isFalse();
            assertThat(objectExists(bucket, d.attachment.key())).isFalse();
            assertThat(table(s).syncGet(pk)).isEmpty();
            assertThat(table(s).syncDelete(d)).as("deleting again").isEmpty();
        }
    }

    @Test
    final void required_deleteByKeyCascadesToTheObjectsOfTheStoredItem() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument v1 = doc(null, text("x", "a.txt"));
            TckDocument v2 = doc("v2", text("y", "b.txt"));
            table(s).syncSave(v1);
            table(s).syncSave(v2);
            assertThat(table(s).syncDeleteByKey(pk)).get().extracting(d -> d.sk).isEqualTo("v1");
            assertThat(table(s).syncDeleteByKey(pk, "v2")).get().extracting(d -> d.content.key()).isEqualTo(v2.content.key());
            assertThat(objectExists(bucket, v1.content.key())).isFalse();
            assertThat(objectExists(bucket, v2.content.key())).isFalse();
            assertThat(table(s).query(pk).syncToList()).isEmpty();
        }
    }

    @Test
    final void required_settingTheAttributeToNullKeepsTheObject() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("keep me", "keep.txt"));
            table(s).syncSave(d);
            String key = d.content.key();
            d.content = null;
            table(s).syncSave(d);
            assertThat(rawItem(docsTable, pk, "v1")).doesNotContainKey("content");
            assertThat(objectExists(bucket, key)).as("object kept after the reference was removed").isTrue();
            assertThat(table(s).syncGet(pk).orElseThrow().content).isNull();
            blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, key))).join();
        }
    }

    @Test
    final void required_aReplacementAtAnotherKeyDeletesTheOldObjectAfterTheItemWrite() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Stowage s = stowage(recording(blobStore, events), recording(itemStore, events))) {
            TckDocument d = doc("v1", text("old", "old.txt"));
            table(s).syncSave(d);
            String oldKey = d.content.key();
            events.clear();
            d.content = text("new", "new.txt");
            table(s).syncSave(d);
            assertThat(events).containsExactly("blob.put:" + d.content.key(), "item.put", "blob.delete:" + oldKey);
            assertThat(objectExists(bucket, oldKey)).isFalse();
            assertThat(table(s).syncGet(pk).orElseThrow().content.syncGetBytes()).isEqualTo("new".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    final void required_aReplacementAtTheSameKeyKeepsOneObjectWithTheNewBytes() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("first", "same.txt"));
            table(s).syncSave(d);
            String firstEtag = d.content.etag();
            d.content = text("second", "same.txt");
            table(s).syncSave(d);
            TckDocument loaded = table(s).syncGet(pk).orElseThrow();
            assertThat(loaded.content.etag()).isNotEqualTo(firstEtag);
            assertThat(loaded.content.syncGetBytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
            assertThat(objectExists(bucket, loaded.content.key())).isTrue();
        }
    }

    // ------------------------------------------------------- partial failure

    @Test
    final void required_aFailedItemWriteLeavesNoNewObject() {
        FaultyItemStore failing = FaultyItemStore.builder(itemStore).failAlways(ItemOp.PUT, StoreErrorCode.THROTTLED).build();
        try (Stowage s = stowage(blobStore, failing)) {
            TckDocument d = doc("v1", text("x", "orphan.txt"));
            d.attachment = text("y", "orphan2.txt");
            ItemStoreException e = catchThrowableOfType(() -> table(s).syncSave(d), ItemStoreException.class);
            assertThat(e).as("the original cause is reported").isNotNull();
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.THROTTLED);
            assertThat(e.getMessage()).contains(docsTable);
            assertThat(documentKeys()).as("objects left behind").isEmpty();
            assertThat(d.content).as("the model keeps its unsaved file").isInstanceOf(S3File.class);
            assertThat(orphans).isEmpty();
        }
    }

    @Test
    final void required_anItemWriteThatLandsButReportsFailureKeepsTheObjectsItPointsAt() {
        // The write reaches the store, then the answer is lost (a timeout after the fact):
        // the stored item points at the new objects, so deleting them would break it.
        ItemStore landsThenFails = landsThenLosesTheAnswer(itemStore);
        try (Stowage s = stowage(blobStore, landsThenFails)) {
            TckDocument d = doc("v1", text("landed", "landed.txt"));
            ItemStoreException e = catchThrowableOfType(() -> table(s).syncSave(d), ItemStoreException.class);
            assertThat(e).as("the lost answer is reported").isNotNull();
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.TIMEOUT);
        }
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument stored = table(s).syncGet(pk).orElseThrow(() -> new AssertionError("the item that landed"));
            assertThat(objectExists(bucket, stored.content.key())).as("the object the stored item points at").isTrue();
            assertThat(stored.content.syncGetBytes()).isEqualTo("landed".getBytes(StandardCharsets.UTF_8));
            // What the item held before is unknown (the answer was lost): the folder is reported
            // for the sweeper, never the live object.
            assertThat(orphans).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.PREVIOUS_UNKNOWN);
                assertThat(o.key()).endsWith("/").isNotEqualTo(stored.content.key());
                assertThat(stored.content.key()).startsWith(o.key());
            });
        }
    }

    @Test
    final void required_aReSaveWhoseWriteARetryAppliedTwiceReportsWhatTheItemHeldBefore() {
        // A client that retries a write whose first attempt was applied (its answer lost) gets
        // the save's own item back as the old one: the replaced object cannot be named, so it
        // must be reported for the sweeper, never silently left behind.
        ItemStore appliedTwice = new ForwardingItemStore(itemStore) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                return delegate().put(request).thenCompose(first -> delegate().put(request));
            }
        };
        assertThat(reSaveThroughThenSweep(appliedTwice)).as("the re-save").isNull();
    }

    @Test
    final void required_aFailedReplacementKeepsTheOldItemAndItsObject() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("old", "old.txt"));
            table(ok).syncSave(d);
            String oldKey = d.content.key();
            FaultyItemStore failing = FaultyItemStore.builder(itemStore).failAlways(ItemOp.PUT, StoreErrorCode.THROTTLED).build();
            try (Stowage s = stowage(blobStore, failing)) {
                d.content = text("new", "new.txt");
                ItemStoreException e = catchThrowableOfType(() -> table(s).syncSave(d), ItemStoreException.class);
                assertThat(e).isNotNull();
                assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.THROTTLED);
            }
            assertThat(documentKeys()).as("objects after the failed replacement")
                    .containsExactly(oldKey);
            TckDocument stored = table(ok).syncGet(pk).orElseThrow();
            assertThat(stored.content.key()).isEqualTo(oldKey);
            assertThat(stored.content.syncGetBytes()).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    final void required_aFailedSecondUploadCleansUpTheFirstAndWritesNoItem() {
        FaultyBlobStore failing = FaultyBlobStore.builder(blobStore).failNth(BlobOp.PUT, 2, StoreErrorCode.CONNECTION).build();
        try (Stowage s = stowage(failing, itemStore)) {
            TckDocument d = doc("v1", text("x", "one.txt"));
            d.attachment = text("y", "two.txt");
            S3AttributeException e = catchThrowableOfType(() -> table(s).syncSave(d), S3AttributeException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.CONNECTION);
            assertThat(e.bucket()).contains(bucket);
            assertThat(rawItemIfAny(docsTable, pk, "v1")).as("no item written").isEmpty();
            assertThat(documentKeys()).as("objects left behind").isEmpty();
        }
    }

    @Test
    final void required_aBlobDeleteThatFailsAfterTheItemDeleteIsReportedWithBucketAndKey() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("x", "stuck.txt"));
            table(ok).syncSave(d);
            FaultyBlobStore failing = withoutDeletes();
            try (Stowage s = stowage(failing, itemStore)) {
                S3AttributeException e = catchThrowableOfType(() -> table(s).syncDelete(d), S3AttributeException.class);
                assertThat(e).isNotNull();
                assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.ACCESS_DENIED);
                assertThat(e.getMessage()).contains("was deleted").contains(bucket).contains(d.content.key());
                assertThat(e.key()).contains(d.content.key());
            }
            assertThat(table(ok).syncGet(pk)).as("the item is gone").isEmpty();
            assertThat(orphans).singleElement().satisfies(o -> {
                assertThat(o.bucket()).isEqualTo(bucket);
                assertThat(o.key()).isEqualTo(d.content.key());
                assertThat(o.table()).isEqualTo(docsTable);
                assertThat(o.attribute()).isEqualTo("content");
            });
            assertThat(objectExists(bucket, d.content.key())).as("the object is still there to clean up").isTrue();
            blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, d.content.key()))).join();
        }
    }

    @Test
    final void required_aDeleteWhoseAnswerIsLostAfterItLandedReportsTheFoldersForTheSweeper() {
        deleteWhoseAnswerIsLostAfterItLanded((t, d) -> t.syncDelete(d));
    }

    @Test
    final void required_aDeleteByKeyWhoseAnswerIsLostAfterItLandedReportsTheFoldersForTheSweeper() {
        deleteWhoseAnswerIsLostAfterItLanded((t, d) -> t.syncDeleteByKey(d.pk, d.sk));
    }

    /**
     * Deletes a saved document with {@code delete}, through a store that applies the delete and
     * loses its answer; checks that the delete completes empty, that the objects are left, their
     * folders reported, and that a sweep of them reclaims them.
     */
    private void deleteWhoseAnswerIsLostAfterItLanded(BiFunction<Table<TckDocument>, TckDocument, Optional<TckDocument>> delete) {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("content", "content.txt"));
            d.attachment = text("attachment", "attachment.txt");
            table(ok).syncSave(d);
            try (Stowage s = stowage(blobStore, deleteLandsThenLosesTheAnswer(itemStore))) {
                // The item is gone, which is what was asked; what it held is not known, so nothing is claimed.
                assertThat(delete.apply(table(s), d)).as("what a delete whose answer was lost deleted").isEmpty();
            }
            assertThat(table(ok).syncGet(pk)).as("the item").isEmpty();
            // Not deleted from the model's values: a key freed since may hold another save's object.
            assertThat(documentKeys()).as("objects the delete could not name")
                    .containsExactlyInAnyOrder(d.content.key(), d.attachment.key());
            assertFoldersReported(d.content.key(), "content", "attachment");
            table(ok).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
            assertThat(documentKeys()).as("objects after a sweep of the reported folders").isEmpty();
        }
    }

    @Test
    final void required_aDeleteWhoseAnswerIsLostBeforeItLandedFailsSayingTheItemIsStillThere() {
        ItemStore neverLands = new ForwardingItemStore(itemStore) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.TIMEOUT, "the delete was never answered"));
            }
        };
        ItemStoreException e = deleteThatNeverLandedFails(neverLands);
        assertThat(e.getMessage()).contains(docsTable).contains("still there").contains("delete it again");
    }

    /**
     * Deletes a saved document through {@code items}, whose delete never reaches the store and
     * fails with a timeout; checks the failure's reason, that the item and its object are
     * intact, and that the folders are reported (a store that holds the delete may still apply
     * it). Returns the failure.
     */
    private ItemStoreException deleteThatNeverLandedFails(ItemStore items) {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("kept", "kept.txt"));
            table(ok).syncSave(d);
            ItemStoreException e;
            try (Stowage s = stowage(blobStore, items)) {
                e = catchThrowableOfType(() -> table(s).syncDelete(d), ItemStoreException.class);
            }
            assertThat(e).as("the delete whose answer never came").isNotNull();
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.TIMEOUT);
            TckDocument stored = table(ok).syncGet(pk).orElseThrow(() -> new AssertionError("the item the delete did not reach"));
            assertThat(stored.content.syncGetBytes()).isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
            assertThat(documentKeys()).as("objects").containsExactly(d.content.key());
            assertFoldersReported(d.content.key(), "content", "attachment");
            return e;
        }
    }

    @Test
    final void required_aDeleteRefusedByItsConditionAfterAnAmbiguousAttemptStillFailsAsAConditionFailure() {
        // A store that sent the delete again after a lost answer: the refusal may be its own first
        // attempt's doing, so the outcome is read back, and the caller still gets a condition failure.
        ItemStore retriedThenRefused = new ForwardingItemStore(itemStore) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                return CompletableFuture.failedFuture(StoreException.builder(StoreErrorCode.CONDITION_FAILED,
                        "the condition did not hold on a second attempt").afterAnAmbiguousAttempt(true).build());
            }
        };
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("kept", "kept.txt"));
            table(ok).syncSave(d);
            try (Stowage s = stowage(blobStore, retriedThenRefused)) {
                ConditionFailedException e = catchThrowableOfType(() -> table(s).syncDelete(d), ConditionFailedException.class);
                assertThat(e).as("the delete refused after an ambiguous attempt").isNotNull();
                assertThat(e.getMessage()).contains(docsTable).contains("still there");
            }
            assertThat(table(ok).syncGet(pk)).as("the item").isPresent();
            assertFoldersReported(d.content.key(), "content", "attachment");
        }
    }

    @Test
    final void required_aDeleteWhoseAnswerIsLostAndWhoseItemCannotBeReadBackFailsSayingTheOutcomeIsUnknown() {
        ItemStore blind = new ForwardingItemStore(itemStore) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.TIMEOUT, "the delete was never answered"));
            }

            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
                return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.CONNECTION, "the read-back found no server"));
            }
        };
        ItemStoreException e = deleteThatNeverLandedFails(blind);
        assertThat(e.getMessage()).contains(docsTable).contains("could not be read back").contains("delete it again");
        assertThat(e.getSuppressed()).as("the read-back's failure").isNotEmpty();
    }

    @Test
    final void required_aLostDeleteUnderALayoutThatPutsTheFileNameInTheFolderReportsTheAttributesPrefix() {
        // The item's folder differs from file to file here, so no one folder holds its objects.
        KeyLayout byFileName = ctx -> ctx.prefix() + KeyLayout.encodeSegment(ctx.filename()) + "/"
                + KeyLayout.encodeSegment(ctx.partitionKey()) + "/" + ctx.sortKey().map(KeyLayout::encodeSegment).orElse("-");
        TckDocument d = doc("v1", text("content", "content.txt"));
        for (ItemStore items : List.of(itemStore, deleteLandsThenLosesTheAnswer(itemStore))) {
            try (Stowage s = Stowage.builder().blobStore(blobStore).itemStore(items)
                    .config(StowageConfig.builder().consistentReads(true).orphanListener(orphans::add).keyLayout(byFileName).build())
                    .build()) {
                if (items == itemStore) {
                    table(s).syncSave(d);
                } else {
                    assertThat(table(s).syncDelete(d)).as("what a delete whose answer was lost deleted").isEmpty();
                }
            }
        }
        assertThat(d.content.key()).as("the layout's key").startsWith("docs/content.txt/");
        assertThat(orphans).as("reports").extracting(OrphanedObject::attribute).containsExactlyInAnyOrder("content", "attachment");
        assertThat(orphans).allSatisfy(o -> assertThat(o.key()).as("the folder reported").isEqualTo("docs/"));
        blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, d.content.key()))).join();
    }

    /** Exactly one folder report per attribute, each the folder that {@code objectKey} is in. */
    private void assertFoldersReported(String objectKey, String... attributes) {
        String folder = objectKey.substring(0, objectKey.lastIndexOf('/') + 1);
        assertThat(orphans).as("reports").extracting(OrphanedObject::attribute).containsExactlyInAnyOrder(attributes);
        assertThat(orphans).as("reports").allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.PREVIOUS_UNKNOWN);
            assertThat(o.table()).isEqualTo(docsTable);
            assertThat(o.bucket()).isEqualTo(bucket);
            assertThat(o.key()).as("the folder reported").isEqualTo(folder);
        });
    }

    @Test
    final void required_aFailedDeleteOfAReplacedObjectIsReportedButTheSaveSucceeds() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("old", "old.txt"));
            table(ok).syncSave(d);
            String oldKey = d.content.key();
            FaultyBlobStore failing = FaultyBlobStore.builder(blobStore).failAlways(BlobOp.DELETE, StoreErrorCode.TIMEOUT).build();
            try (Stowage s = stowage(failing, itemStore)) {
                d.content = text("new", "new.txt");
                table(s).syncSave(d);
            }
            assertThat(table(ok).syncGet(pk).orElseThrow().content.key()).isEqualTo(d.content.key());
            assertThat(orphans).singleElement().satisfies(o -> assertThat(o.key()).isEqualTo(oldKey));
            blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, oldKey))).join();
        }
    }

    @Test
    final void required_aDoomedSaveUploadsNothing() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            TckDocument noFile = new TckDocument();
            noFile.pk = pk;
            noFile.name = "has a name";
            assertThatThrownBy(() -> s.table(required()).syncSave(noFile)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("content").hasMessageContaining("required");
            TckDocument noName = new TckDocument();
            noName.pk = pk;
            noName.content = text("x", "f.txt");
            assertThatThrownBy(() -> s.table(required()).syncSave(noName)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("name").hasMessageContaining(requiredTable);
            TckDocument tooLarge = doc("v1", text("x", "f.txt"));
            tooLarge.name = "n".repeat(410 * 1024);
            assertThatThrownBy(() -> table(s).syncSave(tooLarge)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("409600").hasMessageContaining(docsTable);
            TckDocument noKey = doc("v1", text("x", "f.txt"));
            noKey.pk = null;
            assertThatThrownBy(() -> table(s).syncSave(noKey)).isInstanceOf(ModelException.class).hasMessageContaining("pk");
            noKey.pk = "";
            assertThatThrownBy(() -> table(s).syncSave(noKey)).isInstanceOf(ModelException.class).hasMessageContaining("empty");
            assertThat(counting.count(BlobOp.PUT)).as("uploads of doomed saves").isZero();
        }
    }

    // ------------------------------------------------------------ error mapping

    @Test
    final void required_aMissingBucketFailsWithBucketNotFoundAndWritesNoItem() {
        String missing = "stowage-tck-missing-" + hex(8);
        ModelSchema<TckDocument> schema = TckDocument.schema(docsTable, missing);
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("x", "f.txt"));
            S3AttributeException e = catchThrowableOfType(() -> s.table(schema).syncSave(d), S3AttributeException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(S3AttributeException.Reason.BUCKET_NOT_FOUND);
            assertThat(e.getMessage()).contains(missing).contains("createBucketIfMissing");
            assertThat(rawItemIfAny(docsTable, pk, "v1")).isEmpty();
        }
    }

    @Test
    final void required_providerFailuresMapToTheirReasons() {
        Map<StoreErrorCode, S3AttributeException.Reason> expected = Map.of(
                StoreErrorCode.TIMEOUT, S3AttributeException.Reason.TIMEOUT,
                StoreErrorCode.CONNECTION, S3AttributeException.Reason.CONNECTION,
                StoreErrorCode.ACCESS_DENIED, S3AttributeException.Reason.ACCESS_DENIED,
                StoreErrorCode.PRECONDITION_FAILED, S3AttributeException.Reason.CONTENT_CHANGED,
                StoreErrorCode.OTHER, S3AttributeException.Reason.OTHER);
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("x", "f.txt"));
            table(ok).syncSave(d);
            TckDocument loaded = table(ok).syncGet(pk).orElseThrow();
            expected.forEach((code, reason) -> {
                FaultyBlobStore failing = FaultyBlobStore.builder(blobStore).failAlways(BlobOp.GET_BYTES, code).build();
                try (Stowage s = stowage(failing, itemStore)) {
                    TckDocument viaFailing = table(s).syncGet(pk).orElseThrow();
                    S3AttributeException e = catchThrowableOfType(viaFailing.content::syncGetBytes, S3AttributeException.class);
                    assertThat(e).as("%s", code).isNotNull();
                    assertThat(e.reason()).as("%s", code).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(bucket).contains(loaded.content.key());
                }
            });
        }
    }

    @Test
    final void required_asyncMethodsNeverThrowAndSyncTwinsThrowTheUnwrappedException() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = table(s);
            CompletableFuture<Void> save = t.save(null);
            assertThat(save).isCompletedExceptionally();
            assertThatThrownBy(save::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ModelException.class);
            assertThatThrownBy(() -> t.syncSave(null)).isInstanceOf(ModelException.class);
            assertThat(t.get(42)).isCompletedExceptionally();
            assertThatThrownBy(() -> t.syncGet(42)).isInstanceOf(ModelException.class).hasMessageContaining("String");
            assertThatThrownBy(() -> t.syncGet(null)).isInstanceOf(ModelException.class);
            assertThatThrownBy(() -> t.query(pk).sortKeyBetween(1, 2).syncToList()).isInstanceOf(ModelException.class);
            ModelSchema<TckDocument> missingTable = TckDocument.schema("stowage-tck-no-table-" + hex(6), bucket);
            ItemStoreException e = catchThrowableOfType(() -> s.table(missingTable).syncGet("x"), ItemStoreException.class);
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.TABLE_NOT_FOUND);
            assertThat(e.getMessage()).contains("createTableIfMissing");
        }
    }

    // ------------------------------------------------------------ concurrency

    @Test
    final void required_concurrentSavesLoseNothing() throws Exception {
        int threads = 8;
        int perThread = concurrentSavesPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = table(s);
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int thread = th;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String sk = String.format("t%d-%04d", thread, i);
                        t.syncSave(doc(sk, text(sk, sk + ".txt")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(4, TimeUnit.MINUTES);
            }
            List<TckDocument> all = t.query(pk).syncToList();
            assertThat(all).hasSize(threads * perThread);
            assertThat(all.stream().map(d -> d.content.key()).distinct().count()).isEqualTo((long) threads * perThread);
            assertThat(documentKeys()).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------- ownership and keys

    @Test
    final void required_modelsSharingABucketAndPrefixNeverShareAnObject() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            // (pk, "a") with a sort key and pk + "#a" without one map to the same seed key.
            TckDocument sorted = doc("a", text("sorted bytes", "same.txt"));
            table(s).syncSave(sorted);
            TckDocument flatDoc = new TckDocument();
            flatDoc.pk = pk + "#a";
            flatDoc.content = text("flat bytes", "same.txt");
            s.table(flat()).syncSave(flatDoc);

            assertThat(flatDoc.content.key()).as("the second model's key").isNotEqualTo(sorted.content.key());
            assertThat(table(s).syncGet(pk, "a").orElseThrow().content.syncGetBytes())
                    .isEqualTo("sorted bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(s.table(flat()).syncGet(pk + "#a").orElseThrow().content.syncGetBytes())
                    .isEqualTo("flat bytes".getBytes(StandardCharsets.UTF_8));

            s.table(flat()).syncDeleteByKey(pk + "#a");
            assertThat(table(s).syncGet(pk, "a").orElseThrow().content.syncGetBytes())
                    .as("the first model's bytes after the second was deleted")
                    .isEqualTo("sorted bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(documentKeys()).containsExactly(sorted.content.key());
        }
    }

    @Test
    final void required_aStoredValueAssignedToAnotherItemIsCopiedSoEachOwnsItsObject() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d1 = doc("v1", text("shared bytes", "shared.txt"));
            table(s).syncSave(d1);
            TckDocument d2 = doc("v2", table(s).syncGet(pk, "v1").orElseThrow().content);
            table(s).syncSave(d2);
            TckDocument other = new TckDocument();
            other.pk = pk + "#other";
            other.content = d1.content;
            s.table(flat()).syncSave(other);

            assertThat(d2.content.key()).as("the second item's object").isNotEqualTo(d1.content.key());
            assertThat(other.content.key()).as("the other table's object").isNotIn(d1.content.key(), d2.content.key());
            assertThat(table(s).syncGet(pk, "v2").orElseThrow().content.syncGetBytes())
                    .isEqualTo("shared bytes".getBytes(StandardCharsets.UTF_8));

            table(s).syncDeleteByKey(pk, "v2");
            s.table(flat()).syncDeleteByKey(pk + "#other");
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .as("the first item's bytes after the items it was assigned to were deleted")
                    .isEqualTo("shared bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(documentKeys()).containsExactly(d1.content.key());
        }
    }

    @Test
    final void required_anObjectAnotherItemOwnsIsNeverDeletedByAReSaveOrADeleteOfAnItemPointingAtIt() {
        TckDocument owner = doc("v1", text("owner's bytes", "owned.txt"));
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(owner);
            // Another tool writes item v2 pointing at v1's object, as a copy of v1's map would.
            Map<String, AttributeValue> forged = new java.util.LinkedHashMap<>(rawItem(docsTable, pk, "v1"));
            forged.put("sk", AttributeValue.fromS("v2"));
            itemStore.put(PutItemRequest.builder().table(docsTable).item(forged).build()).join();

            // Whether or not this process placed the object (it did, for v1), v2 does not own it.
            TckDocument pointing = table(s).syncGet(pk, "v2").orElseThrow();
            pointing.content = text("v2's own bytes", "own.txt");
            table(s).syncSave(pointing);
        }
        assertThat(objectExists(bucket, owner.content.key())).as("v1's object after v2 replaced its pointer to it").isTrue();
        assertThat(orphans).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.NOT_OWNED);
            assertThat(o.key()).isEqualTo(owner.content.key());
        });

        orphans.clear();
        try (Stowage other = stowage(blobStore, itemStore)) {
            // A process that placed nothing: the back-link alone decides.
            Map<String, AttributeValue> again = new java.util.LinkedHashMap<>(rawItem(docsTable, pk, "v1"));
            again.put("sk", AttributeValue.fromS("v3"));
            itemStore.put(PutItemRequest.builder().table(docsTable).item(again).build()).join();
            table(other).syncDeleteByKey(pk, "v3");
            assertThat(table(other).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .isEqualTo("owner's bytes".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(orphans).extracting(OrphanedObject::kind).containsExactly(OrphanedObject.Kind.NOT_OWNED);
    }

    @Test
    final void required_aReplacedObjectThisProcessPlacedAtADerivedKeyIsDeletedWithoutALook() {
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            TckDocument d = doc("v1", text("first", "kept.txt"));
            table(s).syncSave(d);
            d.content = text("second", "kept.txt");
            table(s).syncSave(d);
            for (int i = 0; i < 2; i++) {
                String replaced = d.content.key();
                counting.reset();
                d.content = text("again " + i, "kept.txt");
                table(s).syncSave(d);
                assertThat(counting.count(BlobOp.HEAD)).as("looks at the replaced object, re-save %d", i).isZero();
                assertThat(counting.count(BlobOp.DELETE)).as("deletes, re-save %d", i).isEqualTo(1);
                assertThat(objectExists(bucket, replaced)).as("the replaced object").isFalse();
                assertThat(documentKeys()).containsExactly(d.content.key());
            }
            counting.reset();
            table(s).syncDeleteByKey(pk, "v1");
            assertThat(counting.count(BlobOp.HEAD)).as("looks before the delete's clean-up").isZero();
            assertThat(documentKeys()).isEmpty();
        }
    }

    @Test
    final void required_aFirstSaveAfterTheItemWasDeletedTakesThePlainKeyAgain() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.CREATE_ONLY),
                "without CREATE_ONLY every object goes to a key with a random token");
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("first", "again.txt"));
            table(s).syncSave(d);
            String plain = d.content.key();
            for (int i = 0; i < 2; i++) {
                d.content = text("re-saved " + i, "again.txt");
                table(s).syncSave(d);
                assertThat(d.content.key()).as("re-save %d", i).isNotEqualTo(plain);
            }
            table(s).syncDeleteByKey(pk, "v1");
            TckDocument fresh = doc("v1", text("a new first save", "again.txt"));
            table(s).syncSave(fresh);
            assertThat(fresh.content.key()).as("the first save after the delete").isEqualTo(plain);
            assertThat(documentKeys()).containsExactly(plain);
        }
    }

    @Test
    final void required_anObjectAnotherWriterPutAtTheSeedKeyIsKeptByAReSaveEvenWithTheSameBytes() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.CREATE_ONLY),
                "without CREATE_ONLY every object goes to a key with a random token, which no other writer names");
        TckDocument d = doc("v1", text("the same bytes", "layout.txt"));
        try (Stowage s = stowage(blobStore, itemStore)) {
            table(s).syncSave(d);
            String seedKey = d.content.key();
            assertThat(seedKey).as("the first save's key").isEqualTo("docs/" + documentPath() + "v1/layout.txt");
            // Another writer of the same layout (pydynox, a script) overwrites it with the same bytes and no back-link.
            blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, seedKey)).build(),
                    BlobContent.fromBytes("the same bytes".getBytes(StandardCharsets.UTF_8))).join();

            d.content = text("new bytes", "layout.txt");
            table(s).syncSave(d);
            assertThat(objectExists(bucket, seedKey)).as("the other writer's object").isTrue();
            assertThat(orphans).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.NOT_OWNED);
                assertThat(o.key()).isEqualTo(seedKey);
            });
            assertThat(table(s).syncGet(pk, "v1").orElseThrow().content.syncGetBytes())
                    .isEqualTo("new bytes".getBytes(StandardCharsets.UTF_8));
            blobStore.delete(DeleteBlobRequest.of(BlobId.of(bucket, seedKey))).join();
        }
    }

    @Test
    final void required_aStoredValueNotMadeByStowageIsRefusedBeforeAnyUpload() {
        String victim = "docs/" + documentPath() + "victim.txt";
        blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, victim)).build(),
                BlobContent.fromBytes("not yours".getBytes(StandardCharsets.UTF_8))).join();
        S3Value forged = (S3Value) java.lang.reflect.Proxy.newProxyInstance(S3Value.class.getClassLoader(),
                new Class<?>[] {S3Value.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isStored":
                            return true;
                        case "bucket":
                            return bucket;
                        case "key":
                            return victim;
                        case "toString":
                            return "ForgedS3Value";
                        case "hashCode":
                            return 7;
                        case "equals":
                            return proxy == args[0];
                        default:
                            return null;
                    }
                });
        CountingBlobStore counting = new CountingBlobStore(blobStore);
        try (Stowage s = stowage(counting, itemStore)) {
            assertThatThrownBy(() -> table(s).syncSave(doc("v1", forged))).isInstanceOf(ModelException.class)
                    .hasMessageContaining("content").hasMessageContaining("S3File.of");
            assertThat(counting.count(BlobOp.PUT)).as("uploads").isZero();
            assertThat(rawItemIfAny(docsTable, pk, "v1")).as("item written").isEmpty();
        }
        assertThat(objectExists(bucket, victim)).as("the object the forged value named").isTrue();
    }

    @Test
    final void required_aStaleModelCannotPointTheItemBackAtAKeyClaimedAgain() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("first bytes", "same.txt"));
            table(s).syncSave(d);
            String seedKey = d.content.key();
            TckDocument stale = table(s).syncGet(pk).orElseThrow();
            d.content = text("second bytes", "same.txt");
            table(s).syncSave(d);                       // the seed key is taken: a derived key, then the seed key is freed
            try (Stowage another = stowage(blobStore, itemStore)) {
                d.content = text("third bytes", "same.txt");
                table(another).syncSave(d);             // another process claims the seed key again, for other bytes
            }
            assertThat(d.content.key()).as("the third save's key").isEqualTo(seedKey);

            stale.name = "renamed through a stale model";
            assertThatThrownBy(() -> table(s).syncSave(stale)).isInstanceOf(ConditionFailedException.class);
            TckDocument stored = table(s).syncGet(pk).orElseThrow();
            assertThat(stored.content.syncGetBytes()).isEqualTo("third bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(documentKeys()).containsExactly(seedKey);
        }
    }

    // ------------------------------------------------------------ concurrent writers

    @Test
    final void required_concurrentWritersOfOneItemLeaveItReadableAndNoObjectUnowned() throws Exception {
        int threads = 8;
        int perThread = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = table(s);
            String[] rounds = {"same file name", "different file names", "interleaved deletes"};
            for (int round = 0; round < rounds.length; round++) {
                int r = round;
                List<Future<?>> futures = new ArrayList<>();
                for (int th = 0; th < threads; th++) {
                    int thread = th;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            String bytes = "round " + r + " thread " + thread + " save " + i;
                            if (r == 2 && (thread + i) % 3 == 0) {
                                t.syncDeleteByKey(pk, "v1");
                            } else {
                                t.syncSave(doc("v1", text(bytes, r == 0 ? "same.txt" : "t" + thread + "-" + i + ".txt")));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(4, TimeUnit.MINUTES);
                }
                assertEveryItemReadsBackAndEveryObjectIsReferenced("after the round with " + rounds[r]);
            }
            // None of the engine's own making. A server may answer an applied claim ambiguously (s3proxy's
            // file store answers 500 under this contention) and the client send it again: the refusal that
            // follows is reported, not definite, and the sweeper decides.
            assertThat(orphans).as("objects reported").allSatisfy(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.UNVERIFIED);
                assertThat(o.cause().orElse(null)).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isDefinite()).isFalse());
            });
        } finally {
            pool.shutdownNow();
        }
    }

    // --------------------------------------------------------- failed re-saves

    @Test
    final void required_aRefusedReSaveKeepsTheOldItemAndItsBytes() {
        reSaveFails(FaultyItemStore.builder(itemStore).failAlways(ItemOp.PUT, StoreErrorCode.ACCESS_DENIED).build(),
                ItemStoreException.Reason.ACCESS_DENIED);
        assertThat(orphans).as("objects reported after a definite refusal").isEmpty();
    }

    @Test
    final void required_aReSaveWithTheItemStoreUnreachableKeepsTheOldItemAndLeavesTheUploadToTheSweeper() {
        FaultyItemStore unreachable = unreachableItemStore();
        String oldKey = reSaveFails(unreachable, ItemStoreException.Reason.CONNECTION);
        assertThat(orphans).as("the upload, reported as unverified").singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.UNVERIFIED);
            assertThat(o.key()).isNotEqualTo(oldKey);
        });
        assertThat(sweep(Duration.ZERO, false).deleted()).as("orphans the sweeper deleted").isEqualTo(1);
        assertThat(documentKeys()).containsExactly(oldKey);
    }

    @Test
    final void required_aReSaveThatLandsButReportsFailureLeavesTheNewItemReadableAndTheOldObjectToTheSweeper() {
        Throwable failure = reSaveThroughThenSweep(landsThenLosesTheAnswer(itemStore));
        assertThat(failure).isInstanceOf(ItemStoreException.class);
        assertThat(((ItemStoreException) failure).reason()).isEqualTo(ItemStoreException.Reason.TIMEOUT);
    }

    @Test
    final void required_aClaimRefusedByItsOwnObjectAfterAnAmbiguousAttemptIsReportedForTheSweeper() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.CREATE_ONLY), "the blob store does not claim keys");
        AtomicInteger claims = new AtomicInteger();
        // As a client that sent a claim again after an attempt whose answer was lost: the first
        // attempt stored the object, the second was refused by it.
        BlobStore resentClaims = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                if (!request.createOnly() || claims.incrementAndGet() > 1) {
                    return super.put(request, content);
                }
                return super.put(request, content).thenCompose(stored -> CompletableFuture.failedFuture(
                        StoreException.builder(StoreErrorCode.PRECONDITION_FAILED, "the key is taken (by the first attempt)")
                                .bucket(request.id().bucket()).key(request.id().key()).afterAnAmbiguousAttempt(true).build()));
            }
        };
        TckDocument d = doc("v1", text("claimed twice", "twice.txt"));
        try (Stowage s = stowage(resentClaims, itemStore)) {
            table(s).syncSave(d);
        }
        List<String> keys = documentKeys();
        assertThat(keys).as("objects: the one the item names, and the first attempt's").hasSize(2).contains(d.content.key());
        String firstAttempts = keys.stream().filter(k -> !k.equals(d.content.key())).findFirst().orElseThrow();
        assertThat(orphans).as("what the save reported").singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.UNVERIFIED);
            assertThat(o.key()).isEqualTo(firstAttempts);
        });
        SweepReport report = sweep(Duration.ZERO, false);
        assertThat(report.deleted()).as("orphans deleted: %s", report).isEqualTo(1);
        assertThat(documentKeys()).containsExactly(d.content.key());
        assertEveryItemReadsBackAndEveryObjectIsReferenced("after the sweep");
    }

    @Test
    final void required_anUploadWhoseAnswerNamesNoEtagFailsTheSaveAndIsDeleted() {
        // As a server that sends no ETag header, with credentials that may not HEAD for it.
        BlobStore noEtags = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return super.put(request, content).thenApply(i -> BlobInfo.builder().id(i.id()).size(i.size()).etag(null)
                        .versionId(i.versionId().orElse(null)).contentType(i.contentType()).lastModified(i.lastModified())
                        .userMetadata(i.userMetadata()).build());
            }
        };
        try (Stowage s = stowage(noEtags, itemStore)) {
            Throwable failure = catchThrowable(() -> table(s).syncSave(doc("v1", text("bytes", "no-etag.txt"))));
            assertThat(failure).as("a save whose upload has no etag").isInstanceOf(S3AttributeException.class);
            assertThat(failure.getMessage()).contains("etag").contains("content").contains("no-etag");
        }
        assertThat(rawItemIfAny(docsTable, pk, "v1")).as("the item").isEmpty();
        assertThat(documentKeys()).as("objects left by the failed save").isEmpty();
    }

    @Test
    final void required_aSaveThatLandsButReportsFailureUpdatesTheModelSoThatARetrySavesTheSameItem() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = ok.table(versioned());
            TckDocument m = firstVersion();
            t.syncSave(m);
            assertThat(m.version).isEqualTo(1L);
            m.content = text("second", "second.txt");
            try (Stowage lost = stowage(blobStore, landsThenLosesTheAnswer(itemStore))) {
                assertThat(catchThrowable(() -> lost.table(versioned()).syncSave(m))).as("the save whose answer was lost")
                        .isInstanceOf(ItemStoreException.class);
            }
            TckDocument stored = t.syncGet(pk).orElseThrow();
            assertThat(stored.version).as("the stored version").isEqualTo(2L);
            assertThat(m.version).as("the model's version after the write landed").isEqualTo(stored.version);
            assertThat(m.content.key()).as("the model's file after the write landed").isEqualTo(stored.content.key());
            // The caller's usual retry: it saves the same item again, as the next version, instead of failing as stale.
            m.content = text("third", "third.txt");
            t.syncSave(m);
            assertThat(t.syncGet(pk).orElseThrow().content.syncGetBytes()).isEqualTo("third".getBytes(StandardCharsets.UTF_8));
            assertThat(m.version).isEqualTo(3L);
        }
    }

    @Test
    final void optional_aCommitWhoseItemWriteAnswerIsLostReportsTheFolderOfWhatItReplaced() throws Exception {
        requirePresignedUploads();
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("old bytes", "keep.bin"));
            table(ok).syncSave(d);
            String oldKey = d.content.key();
            PresignedUpload upload;
            try (Stowage s = stowage(blobStore, landsThenLosesTheAnswer(itemStore))) {
                upload = table(s).syncPresignUpload(d, "content", "new.bin", Duration.ofMinutes(5));
                assertThat(TckSupport.putDirectly(upload, "new bytes".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
                assertThat(catchThrowable(() -> table(s).syncCommitUpload(d, upload))).isInstanceOf(ItemStoreException.class);
            }
            TckDocument stored = table(ok).syncGet(pk).orElseThrow();
            assertThat(stored.content.key()).as("the committed upload, which the lost write put in place").isEqualTo(upload.key());
            // The folder of the layout's seed key: the upload's own (derived) folder holds nothing it replaced.
            assertThat(orphans).as("what the item held before, reported for the sweeper").singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.PREVIOUS_UNKNOWN);
                assertThat(oldKey).startsWith(o.key());
            });
            SweepReport report = sweep(Duration.ZERO, false);
            assertThat(report.deleted()).as("orphans deleted: %s", report).isEqualTo(1);
            assertThat(documentKeys()).containsExactly(upload.key());
        }
    }

    /**
     * Saves a document, re-saves it with new bytes through {@code items}, whose put lands, and
     * checks that the new item reads back, that the replaced object is reported as
     * {@code PREVIOUS_UNKNOWN} under its folder and kept until a sweep, which deletes it alone.
     *
     * @return what the re-save threw, or {@code null}
     */
    private Throwable reSaveThroughThenSweep(ItemStore items) {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("old bytes", "keep.bin"));
            table(ok).syncSave(d);
            String oldKey = d.content.key();
            Throwable failure;
            try (Stowage s = stowage(blobStore, items)) {
                d.content = text("new bytes", "keep.bin");
                failure = catchThrowable(() -> table(s).syncSave(d));
            }
            TckDocument stored = table(ok).syncGet(pk).orElseThrow();
            assertThat(stored.content.syncGetBytes()).isEqualTo("new bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(objectExists(bucket, oldKey)).as("the replaced object, before a sweep").isTrue();
            assertThat(orphans).as("what the item held before, reported for the sweeper").singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.PREVIOUS_UNKNOWN);
                assertThat(oldKey).startsWith(o.key());
                assertThat(o.key()).endsWith("/").isNotEqualTo(stored.content.key());
            });
            SweepReport report = sweep(Duration.ZERO, false);
            assertThat(report.deleted()).as("orphans deleted: %s", report).isEqualTo(1);
            assertThat(objectExists(bucket, oldKey)).as("the replaced object").isFalse();
            assertThat(documentKeys()).containsExactly(stored.content.key());
            assertThat(table(ok).syncGet(pk).orElseThrow().content.syncGetBytes())
                    .isEqualTo("new bytes".getBytes(StandardCharsets.UTF_8));
            return failure;
        }
    }

    @Test
    final void required_aRefusedRetryOfAnAppliedWriteKeepsTheObjectsTheItemPointsAt() {
        // A client that retried: the first attempt was applied, the retry fails the condition
        // the first attempt changed, and the client says an earlier attempt was ambiguous.
        ItemStore appliedThenRefused = new ForwardingItemStore(itemStore) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                return delegate().put(request).thenCompose(previous -> CompletableFuture.failedFuture(
                        StoreException.builder(StoreErrorCode.CONDITION_FAILED, "the retry found the item it wrote")
                                .afterAnAmbiguousAttempt(true).build()));
            }
        };
        try (Stowage s = stowage(blobStore, appliedThenRefused)) {
            TckDocument d = doc("v1", text("applied", "applied.txt"));
            assertThatThrownBy(() -> table(s).syncSave(d)).isInstanceOf(ConditionFailedException.class);
        }
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument stored = table(s).syncGet(pk).orElseThrow(() -> new AssertionError("the item that was applied"));
            assertThat(stored.content.syncGetBytes()).as("the applied item's bytes")
                    .isEqualTo("applied".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    final void required_anAmbiguousFailureThatHasNotLandedKeepsTheUploadForTheSweeper() {
        // A timeout before the store applied anything: it may still apply the request later,
        // so the upload is kept and reported, never deleted under a write that may land.
        FaultyItemStore timesOut = FaultyItemStore.builder(itemStore).failAlways(ItemOp.PUT, StoreErrorCode.TIMEOUT).build();
        try (Stowage s = stowage(blobStore, timesOut)) {
            TckDocument d = doc("v1", text("maybe", "maybe.txt"));
            ItemStoreException e = catchThrowableOfType(() -> table(s).syncSave(d), ItemStoreException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.TIMEOUT);
        }
        assertThat(orphans).as("the upload, reported as unverified").singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.UNVERIFIED);
            assertThat(objectExists(bucket, o.key())).as("the unverified upload is kept").isTrue();
        });
        assertThat(sweep(Duration.ZERO, false).deleted()).as("orphans the sweeper deleted").isEqualTo(1);
        assertThat(documentKeys()).as("objects after the sweep").isEmpty();
    }

    @Test
    final void required_aDefinitelyRefusedWriteLeavesNoObjectWithoutAReadBack() {
        ModelSchema<TckDocument> missingTable = TckDocument.schema("stowage-tck-no-table-" + hex(6), bucket);
        CountingItemStore counting = new CountingItemStore(itemStore);
        try (Stowage s = stowage(blobStore, counting)) {
            TckDocument d = doc("v1", text("x", "f.txt"));
            d.attachment = text("y", "g.txt");
            ItemStoreException e = catchThrowableOfType(() -> s.table(missingTable).syncSave(d), ItemStoreException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(ItemStoreException.Reason.TABLE_NOT_FOUND);
            assertThat(counting.count(ItemOp.GET)).as("read-backs after a definite refusal").isZero();
            assertThat(documentKeys()).as("objects left behind").isEmpty();
            assertThat(orphans).as("objects reported").isEmpty();
        }
    }

    // ------------------------------------------------------- optimistic locking

    @Test
    final void required_versionedSavesHaveExactlyOneWinnerPerRoundUnderEightThreads() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(versioned());
            for (int round = 0; round < 4; round++) {
                List<TckDocument> contenders = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    // Round 0: new models; later rounds: all loaded at the same version.
                    TckDocument m = round == 0 ? new TckDocument() : t.syncGet(pk).orElseThrow();
                    m.pk = pk;
                    m.content = text("round " + round + " writer " + i, "r" + round + "-w" + i + ".txt");
                    contenders.add(m);
                }
                Long before = contenders.get(0).version;
                int reportedBefore = orphans.size();
                List<Future<Throwable>> results = new ArrayList<>();
                for (TckDocument m : contenders) {
                    results.add(pool.submit(() -> catchThrowable(() -> t.syncSave(m))));
                }
                List<Integer> winners = new ArrayList<>();
                int ambiguous = 0;
                for (int i = 0; i < threads; i++) {
                    Throwable failure = results.get(i).get(2, TimeUnit.MINUTES);
                    if (failure == null) {
                        winners.add(i);
                    } else {
                        assertThat(failure).as("round %s, loser %s", round, i).isInstanceOf(ConditionFailedException.class);
                        if (failure.getCause() instanceof StoreException && !((StoreException) failure.getCause()).isDefinite()) {
                            ambiguous++;
                        }
                        assertThat(contenders.get(i).content).as("a loser's model keeps its file").isInstanceOf(S3File.class);
                        assertThat(contenders.get(i).version).as("a loser's version").isEqualTo(before);
                    }
                }
                assertThat(winners).as("winners of round %s", round).hasSize(1);
                TckDocument winner = contenders.get(winners.get(0));
                long expected = before == null ? 1 : before + 1;
                assertThat(winner.version).as("the winner's version").isEqualTo(expected);
                TckDocument stored = t.syncGet(pk).orElseThrow();
                assertThat(stored.version).as("stored version after round %s", round).isEqualTo(expected);
                assertThat(stored.content.syncGetBytes()).isEqualTo(("round " + round + " writer " + winners.get(0))
                        .getBytes(StandardCharsets.UTF_8));
                // A loser deletes its object, unless a retried item write made its refusal ambiguous (an
                // earlier attempt's answer was lost): then it keeps the object for the sweeper and says so.
                List<String> kept = orphans.stream().skip(reportedBefore)
                        .filter(o -> o.kind() == OrphanedObject.Kind.UNVERIFIED).map(OrphanedObject::key).toList();
                assertThat(kept).as("objects kept by the %s loser(s) refused ambiguously in round %s", ambiguous, round)
                        .hasSize(ambiguous);
                List<String> others = new ArrayList<>(listKeys("versioned/" + documentPath()));
                assertThat(others.remove(stored.content.key())).as("the winner's object after round %s", round).isTrue();
                assertThat(others).as("objects after round %s besides the winner's", round).containsExactlyInAnyOrderElementsOf(kept);
                if (!others.isEmpty()) {
                    t.syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
                    assertThat(listKeys("versioned/" + documentPath())).as("objects after round %s and a sweep", round)
                            .containsExactly(stored.content.key());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    final void required_aStaleVersionedDeleteFailsAndKeepsTheItem() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(versioned());
            TckDocument m = firstVersion();
            t.syncSave(m);
            TckDocument stale = t.syncGet(pk).orElseThrow();
            m.content = text("second", "second.txt");
            t.syncSave(m);

            assertThatThrownBy(() -> t.syncDelete(stale)).isInstanceOf(ConditionFailedException.class);
            TckDocument neverSaved = new TckDocument();
            neverSaved.pk = pk;
            assertThatThrownBy(() -> t.syncDelete(neverSaved)).as("a model never saved deletes nothing that exists")
                    .isInstanceOf(ConditionFailedException.class);
            TckDocument stored = t.syncGet(pk).orElseThrow();
            assertThat(stored.content.syncGetBytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
            assertThat(t.syncDelete(stored)).isPresent();
            assertThat(listKeys("versioned/" + documentPath())).as("objects after the delete").isEmpty();
        }
    }

    // ------------------------------------------------------------------ sweeper

    @Test
    final void required_sweepReclaimsEveryOrphanAndKeepsEveryReferencedObject() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            FaultyBlobStore noDeletes = withoutDeletes();
            // 1. A replacement whose delete of the old object failed.
            TckDocument v1 = doc("v1", text("v1 old", "a.txt"));
            table(ok).syncSave(v1);
            try (Stowage s = stowage(noDeletes, itemStore)) {
                v1.content = text("v1 new", "b.txt");
                table(s).syncSave(v1);
            }
            // 2. An upload whose item write and read-back were lost.
            FaultyItemStore unreachable = unreachableItemStore();
            try (Stowage s = stowage(blobStore, unreachable)) {
                catchThrowable(() -> table(s).syncSave(doc("v2", text("v2", "c.txt"))));
            }
            // 3. A delete whose cascade failed.
            TckDocument v3 = doc("v3", text("v3", "d.txt"));
            table(ok).syncSave(v3);
            try (Stowage s = stowage(noDeletes, itemStore)) {
                catchThrowable(() -> table(s).syncDelete(v3));
            }
            // Referenced objects: v1's new one, and two plain items.
            TckDocument v4 = doc("v4", text("v4", "e.txt"));
            v4.attachment = text("v4 attachment", "f.txt");
            table(ok).syncSave(v4);
            assertThat(orphans).as("orphans the failures reported").hasSize(3);

            SweepReport report = sweep(Duration.ZERO, false);
            assertThat(report.orphaned()).as("orphans found: %s", report).isEqualTo(3);
            assertThat(report.deleted()).as("orphans deleted: %s", report).isEqualTo(3);
            assertThat(report.referenced()).as("referenced objects: %s", report).isEqualTo(3);
            assertThat(report.failed()).as("failures: %s", report).isZero();
            assertThat(report.orphans()).extracting(OrphanedObject::kind).containsOnly(OrphanedObject.Kind.UNREFERENCED);
            assertEveryItemReadsBackAndEveryObjectIsReferenced("after the sweep");
            assertThat(documentKeys()).containsExactlyInAnyOrder(v1.content.key(), v4.content.key(), v4.attachment.key());
        }
    }

    @Test
    final void required_sweepDryRunDeletesNothing() {
        String orphan = seedOneOrphan();
        SweepReport report = sweep(Duration.ZERO, true);
        assertThat(report.orphaned()).as("orphans found: %s", report).isEqualTo(1);
        assertThat(report.deleted()).as("deleted in a dry run").isZero();
        assertThat(report.orphans()).extracting(OrphanedObject::key).containsExactly(orphan);
        assertThat(objectExists(bucket, orphan)).isTrue();
    }

    @Test
    final void required_sweepKeepsObjectsYoungerThanTheGracePeriod() {
        String orphan = seedOneOrphan();
        SweepReport report = sweep(Duration.ofHours(1), false);
        assertThat(report.orphaned()).as("orphans found: %s", report).isZero();
        assertThat(report.skipped()).as("young objects skipped: %s", report).isEqualTo(2);
        assertThat(objectExists(bucket, orphan)).isTrue();
    }

    @Test
    final void required_sweepNeverDeletesAnObjectWithoutABackLink() {
        String foreign = "docs/" + documentPath() + "uploaded-by-hand.txt";
        blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, foreign)).build(),
                BlobContent.fromBytes("by hand".getBytes(StandardCharsets.UTF_8))).join();
        SweepReport report = sweep(Duration.ZERO, false);
        assertThat(report.unlinked()).extracting(OrphanedObject::key).containsExactly(foreign);
        assertThat(report.deleted()).isZero();
        assertThat(objectExists(bucket, foreign)).isTrue();
    }

    @Test
    final void required_anOrphanThatChangesBetweenTheSweepersTwoLooksIsCountedOnceAsSkippedAndNotListed() {
        String orphan = seedOneOrphan();
        AtomicInteger looks = new AtomicInteger();
        BlobStore claimedBetweenLooks = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
                CompletableFuture<BlobInfo> info = super.head(request);
                if (!request.id().key().equals(orphan) || looks.incrementAndGet() < 2) {
                    return info;
                }
                // Another save claimed the key between the two looks: another object, live, is there now.
                return info.thenApply(i -> BlobInfo.builder().id(i.id()).size(i.size()).etag("\"another-object\"")
                        .versionId(i.versionId().orElse(null)).contentType(i.contentType()).lastModified(i.lastModified())
                        .userMetadata(i.userMetadata()).build());
            }
        };
        SweepReport report;
        try (Stowage s = stowage(claimedBetweenLooks, itemStore)) {
            report = table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
        }
        assertThat(looks).as("looks at the orphan's key").hasValue(2);
        assertThat(report.orphaned()).as("orphans: %s", report).isZero();
        assertThat(report.orphans()).as("objects listed as orphans, which an operator might delete").isEmpty();
        assertThat(report.skipped()).as("skipped: %s", report).isEqualTo(1);
        assertCountedOnce(report);
        assertThat(objectExists(bucket, orphan)).as("the object that changed").isTrue();
    }

    @Test
    final void required_anOrphanWhoseDeleteFailsIsCountedOnceAsFailedAndStillListed() {
        String orphan = seedOneOrphan();
        SweepReport report;
        try (Stowage s = stowage(withoutDeletes(), itemStore)) {
            report = table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
        }
        assertThat(report.failed()).as("failed: %s", report).isEqualTo(1);
        assertThat(report.orphaned()).as("orphans: %s", report).isZero();
        assertThat(report.deleted()).as("deleted: %s", report).isZero();
        assertThat(report.orphans()).extracting(OrphanedObject::key).as("the orphan still there").containsExactly(orphan);
        assertCountedOnce(report);
        assertThat(objectExists(bucket, orphan)).isTrue();
    }

    @Test
    final void required_aSweepOfAttributesWhosePrefixesNestDecidesEachObjectOnce() {
        String outer = "nested/" + documentPath();
        ModelSchema<TckDocument> nested = ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(docsTable)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .sortKey("sk", String.class, d -> d.sk, (d, v) -> d.sk = v, o -> o.defaultValue("v1"))
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(bucket).prefix(outer))
                .s3Attribute("attachment", d -> d.attachment, (d, v) -> d.attachment = v,
                        s3 -> s3.bucket(bucket).prefix(outer + "thumbs/"))
                .build();
        try (Stowage s = stowage(blobStore, itemStore)) {
            Table<TckDocument> t = s.table(nested);
            TckDocument d = doc("v1", text("content", "a.txt"));
            d.attachment = text("thumbnail", "a.png");
            t.syncSave(d);
            assertThat(listKeys(outer)).as("objects under the outer prefix").hasSize(2);
            SweepReport report = t.syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).dryRun());
            assertThat(report.listed()).as("objects listed: %s", report).isEqualTo(2);
            assertThat(report.referenced()).as("referenced: %s", report).isEqualTo(2);
            assertCountedOnce(report);
            assertThat(t.syncDelete(d)).isPresent();
        }
    }

    @Test
    final void required_aSweepStopsWhenItsStowageIsClosed() {
        String orphan = seedOneOrphan();
        java.util.concurrent.atomic.AtomicReference<Stowage> owner = new java.util.concurrent.atomic.AtomicReference<>();
        BlobStore closedWhileListing = new ForwardingBlobStore(blobStore) {
            @Override
            public CompletableFuture<io.stowage.spi.BlobPage> list(ListBlobsRequest request) {
                // As an application shutting down while its sweep runs.
                owner.get().close();
                return super.list(request);
            }
        };
        Throwable failure;
        try (Stowage s = stowage(closedWhileListing, itemStore)) {
            owner.set(s);
            failure = catchThrowable(() -> table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO)
                    .withinPrefix(documentPath())));
        }
        assertThat(failure).as("a sweep whose Stowage was closed").isInstanceOf(StowageException.class)
                .hasMessageContaining("closed").hasMessageContaining(docsTable);
        assertThat(objectExists(bucket, orphan)).as("the orphan the closed Stowage's sweep came to").isTrue();
    }

    /** The report's promise: each listed object in exactly one of its four counts. */
    private static void assertCountedOnce(SweepReport report) {
        assertThat(report.referenced() + report.orphaned() + report.skipped() + report.failed())
                .as("referenced + orphaned + skipped + failed of %s", report).isEqualTo(report.listed());
    }

    // ------------------------------------------------------------ random histories

    @Test
    final void required_randomHistoriesKeepEveryItemReadableAndLeaveNoOrphanAfterASweep() throws Exception {
        long base = Long.getLong("stowage.tck.seed", ThreadLocalRandom.current().nextLong());
        int count = Long.getLong("stowage.tck.seed") != null ? 1 : histories();
        int threads = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int h = 0; h < count; h++) {
                long seed = base + h;
                pk = "DOC#history-" + Long.toHexString(seed);
                orphans.clear();
                try {
                    runHistory(seed, threads, pool);
                } catch (AssertionError | Exception e) {
                    throw new AssertionError("history with seed " + seed + " broke the invariant (replay it with "
                            + "-Dstowage.tck.seed=" + seed + "): " + e.getMessage(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runHistory(long seed, int threads, ExecutorService pool) throws Exception {
        RandomFaults faults = new RandomFaults(seed, 0.15);
        try (Stowage s = stowage(faults.blobs(blobStore), faults.items(itemStore))) {
            Table<TckDocument> docsT = table(s);
            Table<TckDocument> versionedT = s.table(versioned());
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                java.util.Random random = new java.util.Random(seed * 31 + th);
                int thread = th;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String sk = random.nextBoolean() ? "a" : "b";
                        String bytes = "seed " + seed + " thread " + thread + " op " + i;
                        String ownName = "op" + thread + "-" + i + ".txt";
                        String versionedName = random.nextBoolean() ? "same.txt" : "v" + thread + "-" + i + ".txt";
                        int op = random.nextInt(10);
                        catchThrowable(() -> {
                            if (op < 3) {
                                docsT.syncSave(doc(sk, text(bytes, "same.txt")));
                            } else if (op < 5) {
                                docsT.syncSave(doc(sk, text(bytes, ownName)));
                            } else if (op < 6) {
                                TckDocument loaded = docsT.syncGet(pk, sk).orElse(null);
                                if (loaded != null) {
                                    loaded.name = bytes;
                                    docsT.syncSave(loaded);
                                }
                            } else if (op < 7) {
                                docsT.syncDeleteByKey(pk, sk);
                            } else if (op < 9) {
                                TckDocument m = versionedT.syncGet(pk).orElseGet(TckDocument::new);
                                m.pk = pk;
                                m.content = text(bytes, versionedName);
                                versionedT.syncSave(m);
                            } else {
                                docsT.syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ofMinutes(10))
                                        .withinPrefix(documentPath()));
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        assertEveryItemReadsBack();
        try (Stowage s = stowage(blobStore, itemStore)) {
            SweepReport docsReport = table(s).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO)
                    .withinPrefix(documentPath()));
            SweepReport versionedReport = s.table(versioned()).syncSweepOrphans(SweepOptions.defaults()
                    .withGracePeriod(Duration.ZERO).withinPrefix(documentPath()));
            assertThat(docsReport.failed() + versionedReport.failed()).as("sweep failures").isZero();
        }
        assertEveryItemReadsBackAndEveryObjectIsReferenced("after the history and a sweep");
        List<String> versionedKeys = listKeys("versioned/" + documentPath());
        Optional<Map<String, AttributeValue>> versionedItem = itemStore.get(ItemKeyRequest.builder().table(versionedTable)
                .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true).build()).join();
        assertThat(versionedKeys).as("versioned objects after the sweep").containsExactlyElementsOf(
                versionedItem.map(i -> List.of(i.get("content").m().get("key").s())).orElse(List.of()));
    }

    // ----------------------------------------------------- consistency helpers

    /** This test's partition key as the default layout writes it, ending with {@code /}. */
    private String documentPath() {
        return pk.replace('#', '/') + "/";
    }

    private SweepReport sweep(Duration grace, boolean dryRun) {
        try (Stowage s = stowage(blobStore, itemStore)) {
            SweepOptions options = SweepOptions.defaults().withGracePeriod(grace).withinPrefix(documentPath());
            return table(s).syncSweepOrphans(dryRun ? options.dryRun() : options);
        }
    }

    /** An object whose item is gone (its cascade failed); returns its key. */
    private String seedOneOrphan() {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument kept = doc("kept", text("kept", "kept.txt"));
            table(ok).syncSave(kept);
            TckDocument d = doc("v1", text("x", "orphan.txt"));
            table(ok).syncSave(d);
            FaultyBlobStore noDeletes = withoutDeletes();
            try (Stowage s = stowage(noDeletes, itemStore)) {
                catchThrowable(() -> table(s).syncDelete(d));
            }
            assertThat(objectExists(bucket, d.content.key())).as("the seeded orphan").isTrue();
            return d.content.key();
        }
    }

    /** Saves {@code keep.bin}, then re-saves it through {@code failing}; checks the old item and bytes survive. */
    private String reSaveFails(ItemStore failing, ItemStoreException.Reason reason) {
        try (Stowage ok = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("old bytes", "keep.bin"));
            table(ok).syncSave(d);
            String oldKey = d.content.key();
            try (Stowage s = stowage(blobStore, failing)) {
                d.content = text("new bytes", "keep.bin");
                ItemStoreException e = catchThrowableOfType(() -> table(s).syncSave(d), ItemStoreException.class);
                assertThat(e).as("the failed re-save").isNotNull();
                assertThat(e.reason()).isEqualTo(reason);
            }
            TckDocument stored = table(ok).syncGet(pk).orElseThrow();
            assertThat(stored.content.key()).isEqualTo(oldKey);
            assertThat(stored.content.syncGetBytes()).as("the old item's bytes")
                    .isEqualTo("old bytes".getBytes(StandardCharsets.UTF_8));
            return oldKey;
        }
    }

    /** Every item of this test's partition reads back with the bytes it describes. */
    private void assertEveryItemReadsBack() {
        try (Stowage s = stowage(blobStore, itemStore)) {
            for (TckDocument d : table(s).query(pk).syncToList()) {
                for (S3Value v : Arrays.asList(d.content, d.attachment)) {
                    if (v != null) {
                        assertThat(v.syncGetBytes()).as("bytes of %s", v).hasSize((int) v.size());
                    }
                }
            }
            s.table(versioned()).syncGet(pk).ifPresent(d -> assertThat(d.content.syncGetBytes())
                    .as("bytes of %s", d.content).hasSize((int) d.content.size()));
        }
    }

    /** As {@link #assertEveryItemReadsBack()}, and the partition's objects are exactly those its items point at. */
    private void assertEveryItemReadsBackAndEveryObjectIsReferenced(String when) {
        assertEveryItemReadsBack();
        Set<String> referenced = new HashSet<>();
        try (Stowage s = stowage(blobStore, itemStore)) {
            for (TckDocument d : table(s).query(pk).syncToList()) {
                Stream.of(d.content, d.attachment).filter(java.util.Objects::nonNull).forEach(v -> referenced.add(v.key()));
            }
        }
        assertThat(documentKeys()).as("objects %s (each one an item points at)", when)
                .containsExactlyInAnyOrderElementsOf(referenced);
    }

    // ------------------------------------------------------------- versioning

    @Test
    final void optional_aVersionedObjectIsReadAtTheRecordedVersion() {
        assumeTrue(blobStore.capabilities().contains(BlobCapability.VERSIONING), "provider does not declare VERSIONING");
        try (Stowage s = stowage(blobStore, itemStore)) {
            TckDocument d = doc("v1", text("version one", "v.txt"));
            table(s).syncSave(d);
            assertThat(d.content.versionId()).as("version id recorded").isPresent();
            assertThat(rawItem(docsTable, pk, "v1").get("content").m()).containsKey("version_id");
            blobStore.put(PutBlobRequest.builder().id(BlobId.of(bucket, d.content.key())).build(),
                    BlobContent.fromBytes("version two".getBytes(StandardCharsets.UTF_8))).join();
            assertThat(table(s).syncGet(pk).orElseThrow().content.syncGetBytes())
                    .isEqualTo("version one".getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, AttributeValue> rawItem(String table, String partitionKey, String sortKey) {
        return rawItemIfAny(table, partitionKey, sortKey).orElseThrow(() ->
                new AssertionError("no item " + partitionKey + "/" + sortKey + " in " + table));
    }

    private Optional<Map<String, AttributeValue>> rawItemIfAny(String table, String partitionKey, String sortKey) {
        Map<String, AttributeValue> key = sortKey == null
                ? Map.of("pk", AttributeValue.fromS(partitionKey))
                : Map.of("pk", AttributeValue.fromS(partitionKey), "sk", AttributeValue.fromS(sortKey));
        return itemStore.get(ItemKeyRequest.builder().table(table).key(key).consistentRead(true).build()).join();
    }

    /** Whether an object exists, asked of the undecorated store. */
    protected final boolean objectExists(String inBucket, String key) {
        try {
            blobStore.head(GetBlobRequest.of(BlobId.of(inBucket, key))).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException
                    && ((StoreException) e.getCause()).code() == StoreErrorCode.OBJECT_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The keys of every object under this test's document (the docs table's prefix and partition). */
    private List<String> documentKeys() {
        return listKeys("docs/" + pk.replace('#', '/') + "/");
    }

    private List<String> listKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            BlobPage page = blobStore.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix)
                    .continuationToken(token).maxKeys(1000).build()).join();
            page.blobs().forEach(b -> keys.add(b.id().key()));
            token = page.nextToken().orElse(null);
        } while (token != null);
        return keys;
    }

    /** The item store whose puts and reads break after the request is sent, as an unreachable one. */
    private FaultyItemStore unreachableItemStore() {
        return FaultyItemStore.builder(itemStore)
                .failAlways(ItemOp.PUT, StoreErrorCode.CONNECTION_LOST)
                .failAlways(ItemOp.GET, StoreErrorCode.CONNECTION_LOST)
                .build();
    }

    /** The blob store that refuses every delete. */
    private FaultyBlobStore withoutDeletes() {
        return FaultyBlobStore.builder(blobStore).failAlways(BlobOp.DELETE, StoreErrorCode.ACCESS_DENIED).build();
    }

    /** Puts reach the store, then their answer is lost: a timeout after the fact. */
    private static ItemStore landsThenLosesTheAnswer(ItemStore store) {
        return new ForwardingItemStore(store) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                return delegate().put(request).thenCompose(previous -> CompletableFuture.failedFuture(
                        new StoreException(StoreErrorCode.TIMEOUT, "the answer to the put was lost")));
            }
        };
    }

    private static ItemStore deleteLandsThenLosesTheAnswer(ItemStore store) {
        return new ForwardingItemStore(store) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                return delegate().delete(request).thenCompose(deleted -> CompletableFuture.failedFuture(
                        new StoreException(StoreErrorCode.CONNECTION_LOST, "the answer to the delete was lost")));
            }
        };
    }

    private static BlobStore recording(BlobStore store, List<String> events) {
        return new ForwardingBlobStore(store) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return super.put(request, content).whenComplete((r, t) -> events.add("blob.put:" + request.id().key()));
            }

            @Override
            public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                events.add("blob.delete:" + request.id().key());
                return super.delete(request);
            }

            @Override
            public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
                return BlobStore.deleteEach(requests, this::delete);
            }
        };
    }

    private static ItemStore recording(ItemStore store, List<String> events) {
        return new ForwardingItemStore(store) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                events.add("item.put");
                return super.put(request);
            }

            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                events.add("item.delete");
                return super.delete(request);
            }
        };
    }

    private static String hex(int length) {
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }
}
