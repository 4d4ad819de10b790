package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.ItemStoreException;
import io.stowage.OrphanedObject;
import io.stowage.PresignedUpload;
import io.stowage.S3AttributeException;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageException;
import io.stowage.SweepOptions;
import io.stowage.Table;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.model.TckDocument;
import io.stowage.tck.net.FaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the wire, against the real servers: a {@link FaultProxy} between each store and
 * its backend cuts an upload mid-part, a download mid-stream, stalls an item write past its
 * timeout, and resets every connection, and the kit checks that nothing comes apart: a save
 * either succeeds whole or leaves no item, no object and no pending multipart upload; a
 * failed download leaves no partial file and an existing target as it was; an item write
 * whose answer is lost leaves item and objects consistent, with the upload reclaimable by the
 * sweeper; a batch delete whose answer is lost reports no delete and, asked again, reports
 * every object deleted; retries and timeouts follow the settings and are bounded. Tests of a store that
 * uses no network are skipped with that reason.
 *
 * <pre>{@code
 * class S3WithDynamoDbWireFaultTckTest extends WireFaultTck {
 *     protected StoreFactory<BlobStore> blobStores() { return S3ProxyStores.factory(); }
 *     protected StoreFactory<ItemStore> itemStores() { return DynaliteStores.factory(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class WireFaultTck {

    private static final int MIB = 1024 * 1024;
    private static final long PART = 5L * MIB;

    private BlobStore directBlobs;
    private ItemStore directItems;
    private FaultProxy blobProxy;
    private FaultProxy itemProxy;
    private String bucket;
    private String table;
    private String pk;
    private int round;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    // ------------------------------------------------------------------ hooks

    /** The blob store under test; its connection settings are what the proxy stands in front of. */
    protected abstract StoreFactory<BlobStore> blobStores();

    /** The item store under test; its connection settings are what the proxy stands in front of. */
    protected abstract StoreFactory<ItemStore> itemStores();

    /**
     * Multipart uploads under {@code prefix} that were started and neither completed nor
     * aborted, as the backend lists them; empty (the check is skipped, with the reason
     * printed) when the provider's test cannot list them.
     *
     * <pre>{@code
     * protected OptionalInt pendingMultipartUploads(String bucket, String prefix) {
     *     return OptionalInt.of(s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).join().uploads().size());
     * }
     * }</pre>
     */
    protected OptionalInt pendingMultipartUploads(String bucket, String prefix) {
        return OptionalInt.empty();
    }

    // -------------------------------------------------------------- lifecycle

    @BeforeAll
    final void startProxiesAndCreateBucketAndTable() {
        directBlobs = blobStores().create();
        directItems = itemStores().create();
        String suffix = Long.toHexString(System.nanoTime());
        bucket = "stowage-wire-" + suffix;
        table = "stowage-wire-docs-" + suffix;
        try (Stowage s = Stowage.builder().blobStore(directBlobs).itemStore(directItems).build()) {
            s.syncCreateBucketIfMissing(bucket);
            s.table(TckDocument.schema(table, bucket)).syncCreateTableIfMissing();
        }
        blobProxy = blobStores().networked() ? proxyFor(blobStores()) : null;
        itemProxy = itemStores().networked() ? proxyFor(itemStores()) : null;
    }

    private static FaultProxy proxyFor(StoreFactory<?> factory) {
        return FaultProxy.inFrontOf(factory.connectionSettings().endpoint().orElseThrow(
                () -> new AssertionError("a networked store factory must name its endpoint")));
    }

    @BeforeEach
    final void newKeys() {
        pk = "WIRE#" + (++round) + "-" + Long.toHexString(System.nanoTime());
        if (blobProxy != null) {
            blobProxy.clearFaults();
        }
        if (itemProxy != null) {
            itemProxy.clearFaults();
        }
    }

    @AfterEach
    final void closePerTestStores() throws Exception {
        if (blobProxy != null) {
            blobProxy.clearFaults();
        }
        if (itemProxy != null) {
            itemProxy.clearFaults();
        }
        for (AutoCloseable c : perTest) {
            c.close();
        }
        perTest.clear();
        // The test servers keep objects in memory: what a test stored goes when it ends.
        try (Stowage direct = stowage(directBlobs, directItems)) {
            docs(direct).syncDeleteByKey(pk, "v1");
            docs(direct).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(pk.replace('#', '/')));
        } catch (StowageException ignored) {
            // Clean-up only: a failure here must not hide the test's own result.
        }
    }

    @AfterAll
    final void closeEverything() {
        System.out.println("[stowage-tck] wire faults injected: blob " + (blobProxy == null ? 0 : blobProxy.faultsInjected())
                + ", item " + (itemProxy == null ? 0 : itemProxy.faultsInjected()));
        for (AutoCloseable c : new AutoCloseable[] {blobProxy, itemProxy, directBlobs, directItems}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Closing after the tests: a failure here must not hide their results.
                }
            }
        }
    }

    // ------------------------------------------------------------------ rules

    @Test
    final void required_aMultipartUploadCutOnceMidPartSucceedsThroughItsRetries() {
        requireNetworked(blobProxy, "blob");
        byte[] data = TckSupport.pattern(7 * MIB, 81);
        try (Stowage s = stowage(blobsThroughProxy(3, Duration.ofMinutes(2)), directItems)) {
            long before = blobProxy.faultsInjected();
            blobProxy.resetRequestAfter(2L * MIB).times(1);
            docs(s).syncSave(doc(S3File.of(data, "big.bin")));

            assertThat(blobProxy.faultsInjected() - before).as("cuts injected").isEqualTo(1);
            S3Value stored = docs(s).syncGet(pk, "v1").orElseThrow().content;
            TckSupport.assertSameBytes(data, stored.syncGetBytes(), "bytes after a retried multipart upload");
            assertNoPendingUpload();
        }
    }

    @Test
    final void required_aMultipartUploadCutOnEveryAttemptLeavesNoItemNoObjectAndNoPendingUpload() {
        requireNetworked(blobProxy, "blob");
        byte[] data = TckSupport.pattern(7 * MIB, 82);
        try (Stowage s = stowage(blobsThroughProxy(1, Duration.ofMinutes(2)), directItems)) {
            blobProxy.resetRequestAfter(2L * MIB);
            Throwable failure = catchThrowable(() -> docs(s).syncSave(doc(S3File.of(data, "big.bin"))));
            blobProxy.clearFaults();

            assertThat(failure).as("a save whose upload is cut on every attempt").isInstanceOf(S3AttributeException.class);
            assertThat(docs(s).syncGet(pk, "v1")).as("item after the failed save").isEmpty();
            assertThat(objectsUnder(pk)).as("objects after the failed save").isEmpty();
            assertNoPendingUpload();
        }
    }

    @Test
    final void required_aDownloadCutMidStreamLeavesNoPartialFileAndKeepsAnExistingTarget(@TempDir Path dir) throws IOException {
        requireNetworked(blobProxy, "blob");
        byte[] data = TckSupport.pattern(2 * MIB, 83);
        try (Stowage direct = stowage(directBlobs, directItems);
             Stowage s = stowage(blobsThroughProxy(1, Duration.ofMinutes(1)), directItems)) {
            docs(direct).syncSave(doc(S3File.of(data, "video.bin")));
            S3Value value = docs(s).syncGet(pk, "v1").orElseThrow().content;
            Path existing = Files.writeString(dir.resolve("existing.bin"), "keep me");
            blobProxy.resetResponseAfter(MIB / 2);

            Throwable fresh = catchThrowable(() -> value.syncSaveTo(dir.resolve("fresh.bin")));
            Throwable over = catchThrowable(() -> value.syncSaveTo(existing));
            Throwable bytes = catchThrowable(value::syncGetBytes);
            blobProxy.clearFaults();

            assertThat(List.of(fresh, over, bytes)).as("downloads cut mid-stream").allSatisfy(t ->
                    assertThat(t).isInstanceOf(StowageException.class));
            assertThat(existing).as("an existing target is untouched").hasContent("keep me");
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("files left by the cut downloads")
                        .containsExactly("existing.bin");
            }
            assertThat(Files.readAllBytes(value.syncSaveTo(dir.resolve("fresh.bin")))).as("the same download, uncut")
                    .isEqualTo(data);
        }
    }

    @Test
    final void required_anItemWriteWhoseAnswerNeverComesLeavesItemAndObjectsConsistent() {
        requireNetworked(itemProxy, "item");
        byte[] data = TckSupport.pattern(100_000, 84);
        List<OrphanedObject> orphans = new CopyOnWriteArrayList<>();
        ItemStore items = itemsThroughProxy(0, Duration.ofSeconds(2));
        try (Stowage s = Stowage.builder().blobStore(directBlobs).itemStore(items)
                .config(StowageConfig.builder().consistentReads(true).orphanListener(orphans::add).build()).build()) {
            itemProxy.stallResponseAfter(0);
            Throwable failure = catchThrowable(() -> docs(s).syncSave(doc(S3File.of(data, "doc.bin"))));
            itemProxy.clearFaults();

            assertThat(failure).as("a save whose item write stalls").isInstanceOf(ItemStoreException.class);
            assertThat(((ItemStoreException) failure).reason()).isIn(ItemStoreException.Reason.TIMEOUT,
                    ItemStoreException.Reason.CONNECTION);
            // The answer was lost, so the write may have landed: nothing is deleted at once, the
            // upload is reported for the sweeper to decide (the compensation of an ambiguous failure).
            assertThat(orphans).as("objects reported by the failed save")
                    .anySatisfy(o -> assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.UNVERIFIED));
        }
        try (Stowage direct = stowage(directBlobs, directItems)) {
            Optional<TckDocument> item = docs(direct).syncGet(pk, "v1");
            if (item.isPresent()) {
                // The write landed after the client gave up: the item must point at its bytes.
                TckSupport.assertSameBytes(data, item.get().content.syncGetBytes(), "bytes of the item that landed");
            } else {
                // It did not land: the upload is an orphan that the sweeper reclaims.
                docs(direct).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO));
                assertThat(objectsUnder(pk)).as("objects of the item that never landed, after a sweep").isEmpty();
            }
        }
    }

    @Test
    final void optional_aCommitWhoseItemWriteAnswerNeverComesNeverDeletesTheUploadAndLeavesItemAndObjectsConsistent()
            throws Exception {
        requireNetworked(itemProxy, "item");
        assumeTrue(directBlobs.capabilities().contains(BlobCapability.PRESIGN_PUT), "provider does not declare PRESIGN_PUT");
        byte[] data = TckSupport.pattern(70_000, 91);
        List<OrphanedObject> orphans = new CopyOnWriteArrayList<>();
        ItemStore items = itemsThroughProxy(0, Duration.ofSeconds(2));
        TckDocument d = doc(null);
        PresignedUpload upload;
        try (Stowage s = Stowage.builder().blobStore(directBlobs).itemStore(items)
                .config(StowageConfig.builder().consistentReads(true).orphanListener(orphans::add).build()).build()) {
            upload = docs(s).syncPresignUpload(d, "content", "scan.pdf", Duration.ofMinutes(5));
            assertThat(TckSupport.putDirectly(upload, data).statusCode()).as("PUT with the presigned URL").isEqualTo(200);
            itemProxy.stallResponseAfter(0);
            Throwable failure = catchThrowable(() -> docs(s).syncCommitUpload(d, upload));
            itemProxy.clearFaults();

            assertThat(failure).as("a commit whose item call stalls").isInstanceOf(ItemStoreException.class);
            assertThat(((ItemStoreException) failure).reason()).isIn(ItemStoreException.Reason.TIMEOUT,
                    ItemStoreException.Reason.CONNECTION);
        }
        // A commit never deletes the upload: its write may have landed with the answer lost.
        assertThat(objectsUnder(pk)).as("objects after the failed commit").containsExactly(upload.key());
        try (Stowage direct = stowage(directBlobs, directItems)) {
            Optional<TckDocument> item = docs(direct).syncGet(pk, "v1");
            if (item.isPresent()) {
                // The write landed after the client gave up: the item points at the upload, readable.
                assertThat(item.get().content.key()).isEqualTo(upload.key());
                TckSupport.assertSameBytes(data, item.get().content.syncGetBytes(), "bytes of the committed upload");
                assertThat(orphans).as("the commit's report of a write whose answer was lost").isNotEmpty();
            } else {
                // It did not land: the upload is an orphan that the sweeper reclaims.
                docs(direct).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO));
                assertThat(objectsUnder(pk)).as("objects of the commit that never landed, after a sweep").isEmpty();
            }
        }
    }

    @Test
    final void required_connectionResetsAreRetriedAsConfiguredThenReported() {
        requireNetworked(blobProxy, "blob");
        for (int retries : new int[] {0, 2}) {
            BlobStore blobs = blobsThroughProxy(retries, Duration.ofSeconds(30));
            try (Stowage s = stowage(blobs, directItems)) {
                int before = blobProxy.connections();
                blobProxy.resetRequestAfter(0);
                Throwable failure = catchThrowable(() -> s.syncCreateBucketIfMissing(bucket));
                blobProxy.clearFaults();

                assertThat(failure).as("a call whose every connection is reset").isInstanceOf(StowageException.class);
                // Every attempt the settings allow, and at most one more (a client may retry a
                // connection that broke before any byte was answered once on its own).
                assertThat(blobProxy.connections() - before).as("connections with maxRetries=%s", retries)
                        .isBetween(retries + 1, retries + 2);
            }
        }
    }

    @Test
    final void required_anUnconditionalItemWriteWhoseAnswerIsLostIsNotSentAgain() {
        requireNetworked(itemProxy, "item");
        Map<String, AttributeValue> item = rawItem("applied once");
        // Applied, then the answer is cut: sent again, the write could undo another client's in between.
        putWhoseAnswerIsLostIsNotSentAgain(PutItemRequest.builder().table(table).item(item).build());
    }

    @Test
    final void required_aConditionalItemWriteWhoseConditionStillHoldsIsNotSentAgainEither() {
        requireNetworked(itemProxy, "item");
        directItems.put(PutItemRequest.builder().table(table).item(rawItem("before")).build()).join();
        // As a save's condition that pins a kept object: the first application leaves it true,
        // so only not sending the write again keeps it from being applied twice.
        putWhoseAnswerIsLostIsNotSentAgain(PutItemRequest.builder().table(table).item(rawItem("applied once"))
                .condition(ItemCondition.attributeExists("pk")).build());
    }

    @Test
    final void required_anItemDeleteWhoseAnswerIsLostIsNotSentAgain() {
        requireNetworked(itemProxy, "item");
        directItems.put(PutItemRequest.builder().table(table).item(rawItem("deleted once")).build()).join();
        // Sent again, the delete would find nothing and name no objects to clean up, and could
        // delete an item another client wrote in between.
        ItemKeyRequest delete = ItemKeyRequest.builder().table(table).key(rawKey()).build();
        StoreException lost = answerIsLostAndNotSentAgain("DeleteItem", items -> items.delete(delete));
        assertThat(lost.code()).as("code: %s", lost).isEqualTo(StoreErrorCode.CONNECTION_LOST);
        assertThat(directItems.get(ItemKeyRequest.builder().table(table).key(rawKey()).consistentRead(true).build()).join())
                .as("the item the delete whose answer was lost deleted").isEmpty();
    }

    @Test
    final void required_aClaimWhoseAnswerIsLostOnTheWireLeavesNoObjectUnnamed() {
        requireNetworked(blobProxy, "blob");
        byte[] data = TckSupport.pattern(20_000, 23);
        List<OrphanedObject> orphans = new CopyOnWriteArrayList<>();
        Throwable failure;
        try (Stowage s = Stowage.builder().blobStore(blobsThroughProxy(3, Duration.ofSeconds(30))).itemStore(directItems)
                .config(StowageConfig.builder().orphanListener(orphans::add).build()).build()) {
            long faults = blobProxy.faultsInjected();
            // The claim (a create-only PUT) is applied, then its answer is cut. Sent again by the client,
            // it is refused by its own object; not sent again, it fails ambiguously. Either way its object
            // must be named: by the item, or in a report for the sweeper.
            blobProxy.resetResponseAfter(0).times(1);
            failure = catchThrowable(() -> docs(s).syncSave(doc(S3File.of(data, "claimed.bin"))));
            blobProxy.clearFaults();
            assertThat(blobProxy.faultsInjected() - faults).as("answers cut").isEqualTo(1);
        }
        try (Stowage direct = stowage(directBlobs, directItems)) {
            Optional<TckDocument> stored = docs(direct).syncGet(pk, "v1");
            assertThat(stored.isPresent()).as("an item exists exactly when the save succeeded (%s)", failure).isEqualTo(failure == null);
            List<String> named = stored.map(t -> List.of(t.content.key())).orElse(List.of());
            List<String> objects = objectsUnder(pk);
            // The premise: the claim landed before its answer was cut, so some object is not the item's.
            assertThat(objects.stream().anyMatch(k -> !named.contains(k)))
                    .as("an object the claim stored besides the item's (objects %s, item's %s)", objects, named).isTrue();
            for (String key : objects) {
                assertThat(named.contains(key) || orphans.stream().anyMatch(o -> key.startsWith(o.key())))
                        .as("object %s: named by the item (%s) or reported (%s)", key, named, orphans).isTrue();
            }
            docs(direct).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(pk.replace('#', '/')));
            assertThat(objectsUnder(pk)).as("objects after a sweep").containsExactlyInAnyOrderElementsOf(named);
            if (stored.isPresent()) {
                assertThat(stored.get().content.syncGetBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    final void required_aModelDeleteWhoseAnswerIsLostOnTheWireReportsTheFoldersForTheSweeper() {
        requireNetworked(itemProxy, "item");
        TckDocument d = doc(S3File.of(TckSupport.pattern(10_000, 17), "doc.bin"));
        try (Stowage direct = stowage(directBlobs, directItems)) {
            docs(direct).syncSave(d);
        }
        List<OrphanedObject> orphans = new CopyOnWriteArrayList<>();
        try (Stowage s = Stowage.builder().blobStore(directBlobs).itemStore(itemsThroughProxy(3, Duration.ofSeconds(10)))
                .config(StowageConfig.builder().orphanListener(orphans::add).build()).build()) {
            long faults = itemProxy.faultsInjected();
            itemProxy.resetResponseAfter(0).times(1);
            Optional<TckDocument> deleted = docs(s).syncDelete(d);
            itemProxy.clearFaults();

            assertThat(itemProxy.faultsInjected() - faults).as("answers cut").isEqualTo(1);
            assertThat(deleted).as("what a delete whose answer was lost deleted").isEmpty();
        }
        try (Stowage direct = stowage(directBlobs, directItems)) {
            assertThat(docs(direct).syncGet(pk, "v1")).as("the item").isEmpty();
            String folder = d.content.key().substring(0, d.content.key().lastIndexOf('/') + 1);
            assertThat(orphans).as("folders reported for the sweeper").extracting(OrphanedObject::attribute)
                    .containsExactlyInAnyOrder("content", "attachment");
            assertThat(orphans).allSatisfy(o -> {
                assertThat(o.kind()).isEqualTo(OrphanedObject.Kind.PREVIOUS_UNKNOWN);
                assertThat(o.key()).as("the folder reported").isEqualTo(folder);
            });
            assertThat(objectsUnder(pk)).as("objects the delete could not name").containsExactly(d.content.key());
            docs(direct).syncSweepOrphans(SweepOptions.defaults().withGracePeriod(Duration.ZERO).withinPrefix(pk.replace('#', '/')));
            assertThat(objectsUnder(pk)).as("objects after a sweep").isEmpty();
        }
    }

    private Map<String, AttributeValue> rawItem(String note) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("v1"), "note", AttributeValue.fromS(note));
    }

    private Map<String, AttributeValue> rawKey() {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("v1"));
    }

    /**
     * Puts {@code request} through the item proxy as {@link #answerIsLostAndNotSentAgain} says,
     * and checks that the item is the one it wrote.
     */
    private void putWhoseAnswerIsLostIsNotSentAgain(PutItemRequest request) {
        StoreException lost = answerIsLostAndNotSentAgain("PutItem", items -> items.put(request));
        assertThat(lost.code()).as("code: %s", lost).isEqualTo(StoreErrorCode.CONNECTION_LOST);
        Map<String, AttributeValue> key = Map.of("pk", request.item().get("pk"), "sk", request.item().get("sk"));
        assertThat(directItems.get(ItemKeyRequest.builder().table(table).key(key).consistentRead(true).build()).join())
                .as("the write whose answer was lost").contains(request.item());
    }

    /**
     * Makes {@code call} through the item proxy, with retries allowed, and the answer to the
     * first attempt cut after the server applied it; checks that the DynamoDB {@code operation}
     * reached the server once and failed ambiguously, and returns that failure.
     */
    private StoreException answerIsLostAndNotSentAgain(String operation, Function<ItemStore, CompletableFuture<?>> call) {
        ItemStore items = itemsThroughProxy(3, Duration.ofSeconds(10));
        itemProxy.record();
        int before = itemProxy.dynamoDbRequestsSent(operation);
        long faults = itemProxy.faultsInjected();
        itemProxy.resetResponseAfter(0).times(1);
        Throwable failure = catchThrowable(() -> call.apply(items).join());
        itemProxy.clearFaults();

        assertThat(itemProxy.faultsInjected() - faults).as("answers cut").isEqualTo(1);
        assertThat(itemProxy.dynamoDbRequestsSent(operation) - before).as("%s requests that reached the server", operation)
                .isEqualTo(1);
        assertThat(failure).as("the %s", operation).isInstanceOf(CompletionException.class);
        assertThat(failure.getCause()).as("what the %s failed with", operation).isInstanceOf(StoreException.class);
        StoreException lost = (StoreException) failure.getCause();
        assertThat(lost.isDefinite()).as("the %s was applied, so its failure cannot be definite: %s", operation, lost).isFalse();
        return lost;
    }

    @Test
    final void required_anItemCallWhoseAnswerNeverComesTimesOutWithinItsApiCallTimeout() {
        requireNetworked(itemProxy, "item");
        ItemStore items = itemsThroughProxy(1, Duration.ofSeconds(2));
        try (Stowage s = stowage(directBlobs, items)) {
            itemProxy.stallResponseAfter(0);
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> docs(s).syncGet(pk, "v1"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            itemProxy.clearFaults();

            assertThat(failure).isInstanceOf(ItemStoreException.class);
            assertThat(((ItemStoreException) failure).reason()).isEqualTo(ItemStoreException.Reason.TIMEOUT);
            // A bound, not a speed: a call must not hang past its configured timeout by much.
            assertThat(took).as("time until the stalled call failed").isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    final void required_aBatchDeleteWhoseAnswerNeverComesClaimsNoDeleteAndAskedAgainReportsEveryObjectDeleted() {
        requireNetworked(blobProxy, "blob");
        boolean conditional = directBlobs.capabilities().contains(BlobCapability.CONDITIONAL_DELETE);
        List<DeleteBlobRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BlobId id = BlobId.of(bucket, "docs/" + pk.replace('#', '/') + "/lost-answer-" + i + ".bin");
            BlobInfo stored = directBlobs.put(PutBlobRequest.builder().id(id).build(),
                    BlobContent.fromBytes(TckSupport.pattern(1_000, 60 + i))).join();
            DeleteBlobRequest.Builder delete = DeleteBlobRequest.builder().id(id);
            if (conditional) {
                // Pinned as the engine pins its clean-ups: asked again, the object is gone, and a
                // missing object must count as deleted even under its etag condition.
                delete.ifMatch(stored.etag());
            }
            requests.add(delete.build());
        }
        BlobStore blobs = blobsThroughProxy(0, Duration.ofSeconds(2));
        blobProxy.stallResponseAfter(0);
        List<DeleteOutcome> first = new ArrayList<>();
        Throwable whole = catchThrowable(() -> first.addAll(blobs.deleteAll(requests).join()));
        blobProxy.clearFaults();

        // The request reached the server, its answer did not come back: the store cannot know
        // what happened, so it must not report a delete, whether it fails the call or each request.
        if (whole != null) {
            assertThat(whole).as("a deleteAll whose answer never came").isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(StoreException.class);
            assertThat(((StoreException) whole.getCause()).code()).as("code of %s", whole.getCause())
                    .isIn(StoreErrorCode.TIMEOUT, StoreErrorCode.CONNECTION_LOST);
        } else {
            assertThat(first).as("outcomes of a deleteAll whose answers never came").hasSize(requests.size())
                    .allSatisfy(o -> assertThat(o.failure().map(StoreException::code)).as("failure of %s", o)
                            .hasValueSatisfying(code -> assertThat(code).isIn(StoreErrorCode.TIMEOUT, StoreErrorCode.CONNECTION_LOST)));
        }
        // Asked again through a store with room to answer (a loaded machine may need more than 2 s):
        // each object is gone already or deleted now, and a missing object counts as deleted, pinned or not.
        BlobStore patient = blobsThroughProxy(2, Duration.ofSeconds(30));
        List<DeleteOutcome> again = patient.deleteAll(requests).join();
        assertThat(again).as("outcomes of the same deleteAll asked again").hasSize(requests.size())
                .allSatisfy(o -> assertThat(o.failure()).as("failure of %s", o).isEmpty());
        assertThat(objectsUnder(pk)).as("objects after the deleteAll asked again").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private void requireNetworked(FaultProxy proxy, String which) {
        assumeTrue(proxy != null, "the " + which + " store uses no network: there is no wire to break");
    }

    private BlobStore blobsThroughProxy(int maxRetries, Duration apiCallTimeout) {
        StoreSettings settings = blobProxy.settingsFor(blobStores().connectionSettings()).toBuilder()
                .maxRetries(maxRetries).apiCallTimeout(apiCallTimeout)
                .multipartThreshold(PART).partSize(PART).build();
        BlobStore store = blobStores().create(settings);
        perTest.add(store);
        return store;
    }

    private ItemStore itemsThroughProxy(int maxRetries, Duration apiCallTimeout) {
        StoreSettings settings = itemProxy.settingsFor(itemStores().connectionSettings()).toBuilder()
                .maxRetries(maxRetries).apiCallTimeout(apiCallTimeout).build();
        ItemStore store = itemStores().create(settings);
        perTest.add(store);
        return store;
    }

    private Stowage stowage(BlobStore blobs, ItemStore items) {
        return Stowage.builder().blobStore(blobs).itemStore(items)
                .config(StowageConfig.builder().consistentReads(true).build()).build();
    }

    private Table<TckDocument> docs(Stowage s) {
        return s.table(TckDocument.schema(table, bucket));
    }

    private TckDocument doc(S3File content) {
        TckDocument d = new TckDocument();
        d.pk = pk;
        d.sk = "v1";
        d.name = "wire";
        d.content = content;
        return d;
    }

    private List<String> objectsUnder(String partitionKey) {
        String prefix = "docs/" + partitionKey.replace('#', '/') + "/";
        return directBlobs.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix).build()).join()
                .blobs().stream().map(b -> b.id().key()).collect(Collectors.toList());
    }

    private void assertNoPendingUpload() {
        OptionalInt pending = pendingMultipartUploads(bucket, "docs/");
        if (pending.isEmpty()) {
            System.out.println("[stowage-tck] pending multipart uploads not checked: the provider's test cannot list them");
            return;
        }
        long start = System.nanoTime();
        int count = pending.getAsInt();
        while (count > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = pendingMultipartUploads(bucket, "docs/").getAsInt();
        }
        System.out.println("[stowage-tck] pending uploads " + pending.getAsInt() + " -> " + count + " after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        assertThat(count).as("multipart uploads started and neither completed nor aborted").isZero();
    }
}
