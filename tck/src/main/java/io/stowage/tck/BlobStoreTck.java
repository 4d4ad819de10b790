package io.stowage.tck;

import static io.stowage.tck.TckSupport.assertSameBytes;
import static io.stowage.tck.TckSupport.await;
import static io.stowage.tck.TckSupport.crc32cBase64;
import static io.stowage.tck.TckSupport.failure;
import static io.stowage.tck.TckSupport.md5Hex;
import static io.stowage.tck.TckSupport.pattern;
import static io.stowage.tck.TckSupport.patternFile;
import static io.stowage.tck.TckSupport.patternSha256;
import static io.stowage.tck.TckSupport.sha256;
import static io.stowage.tck.TckSupport.utf8Length;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ByteRange;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.TckSupport.PatternInputStream;
import io.stowage.tck.net.CannedResponseServer;
import io.stowage.tck.net.ResettingServer;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.ListBlobsRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blob-store compatibility kit: every {@link BlobStore} provider extends this class in
 * its test sources and supplies a store. Tests named {@code required_...} check the core
 * contract every store must meet; tests named {@code optional_...} check one
 * {@link BlobCapability} and are <em>skipped</em>, with the missing capability as the
 * reason, when the store does not declare it. A canary checks that undeclared
 * capabilities are refused with {@link StoreErrorCode#UNSUPPORTED} rather than silently
 * ignored.
 *
 * <p>The store is created once per test class and closed after it. Every test works under
 * its own key prefix in one bucket made for the class, so tests never see each other's
 * objects; what a test leaves behind is deleted afterwards, best effort.
 *
 * <pre>{@code
 * class MyBlobStoreTckTest extends BlobStoreTck {
 *     protected StoreFactory<BlobStore> blobStores() {
 *         return StoreFactory.of(new MyBlobStoreProvider()::create).connectionSettings(mySettings).build();
 *     }
 * }
 * }</pre>
 */
public abstract class BlobStoreTck extends StoreTck<BlobStore> {

    private static final long MIB = 1024L * 1024;
    /** S3's limit on keys, in UTF-8 bytes. */
    private static final int MAX_KEY_BYTES = 1024;
    private static final String MD5_OF_NOTHING = "d41d8cd98f00b204e9800998ecf8427e";
    private static final Pattern MULTIPART_ETAG = Pattern.compile("^[0-9a-f]{32}-(\\d+)$");
    /** Clocks of a remote backend and of this machine may disagree by this much; S3 truncates to seconds. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    private BlobStore store;
    private String bucket;
    private String prefix;
    private HttpClient http;

    // ------------------------------------------------------------------ hooks

    /**
     * The provider's stores: the store under test is made from its connection settings,
     * once per test class; the network checks make stores of their own from settings
     * derived from them.
     */
    protected abstract StoreFactory<BlobStore> blobStores();

    /** The store's multipart threshold; objects of at least this size are uploaded in parts. */
    protected long multipartThreshold() {
        return StoreSettings.DEFAULT_MULTIPART_THRESHOLD;
    }

    /**
     * The store's part size, when known, so that the multipart etag's part count can be
     * checked exactly; when empty only the etag's form is checked.
     */
    protected OptionalLong partSize() {
        return OptionalLong.empty();
    }

    /**
     * Why the provider lacks some capabilities it does not declare, shown in the skip
     * message of the tests that need them; empty by default (the skip then names only the
     * capability).
     *
     * <pre>{@code
     * protected Map<BlobCapability, String> missingCapabilityReasons() {
     *     return Map.of(BlobCapability.VERSIONING, "the test bucket is not versioned");
     * }
     * }</pre>
     */
    protected Map<BlobCapability, String> missingCapabilityReasons() {
        return Map.of();
    }

    /**
     * Called once after the kit created its bucket, for what the {@code BlobStore} contract
     * leaves to administrators: turning versioning on, say. Does nothing by default.
     *
     * <pre>{@code
     * protected void bucketCreated(String bucket) {
     *     admin.putBucketVersioning(b -> b.bucket(bucket)
     *             .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))).join();
     * }
     * }</pre>
     */
    protected void bucketCreated(String bucket) {
    }

    /** A bucket name no one uses yet; override where the backend has its own naming rules. */
    protected String newBucketName() {
        return "stowage-tck-" + randomHex(12);
    }

    /** The store under test. */
    protected final BlobStore blobStore() {
        return store;
    }

    /** The bucket the tests of this class write to. */
    protected final String bucket() {
        return bucket;
    }

    // -------------------------------------------------------------- lifecycle

    @Override
    final StoreFactory<BlobStore> factory() {
        return blobStores();
    }

    @BeforeAll
    final void createStoreAndBucket() {
        store = blobStores().create();
        bucket = newBucketName();
        await(() -> store.createBucket(bucket, null), "createBucket(" + bucket + ")");
        bucketCreated(bucket);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    final void prepare(TestInfo info) {
        String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
        prefix = "tck/" + method.substring(0, Math.min(method.length(), 40)) + "-" + randomHex(6) + "/";
    }

    @Override
    final CompletableFuture<?> read(BlobStore other) {
        return other.getBytes(GetBlobRequest.of(BlobId.of("throttled", "doc.txt")));
    }

    @Override
    final CompletableFuture<?> write(BlobStore other) {
        return other.put(PutBlobRequest.builder().id(BlobId.of(bucket, prefix + "any")).build(),
                BlobContent.fromBytes(new byte[] {1}));
    }

    @Override
    final void exercise(BlobStore other) {
        BlobId id = BlobId.of(bucket, prefix + "exercise.txt");
        await(() -> other.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1})), "put");
        try (InputStream in = await(() -> other.getStream(GetBlobRequest.of(id)), "getStream")) {
            assertThat(in.readAllBytes()).containsExactly(1);
        } catch (IOException e) {
            throw new AssertionError("reading the stream failed", e);
        }
        await(() -> other.delete(DeleteBlobRequest.of(id)), "delete");
    }

    /** S3's answer to too many requests: 503 SlowDown. */
    @Override
    CannedResponseServer throttlingServer() {
        return CannedResponseServer.s3SlowDown();
    }

    /** Best effort: a store that cannot list or delete is reported by the tests that check those. */
    @AfterEach
    final void deleteWhatTheTestLeft() {
        try {
            String token = null;
            for (int pages = 0; pages < 100; pages++) {
                BlobPage page = store.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix)
                        .continuationToken(token).build()).get(30, TimeUnit.SECONDS);
                for (BlobInfo blob : page.blobs()) {
                    store.delete(DeleteBlobRequest.of(blob.id())).get(30, TimeUnit.SECONDS);
                }
                token = page.nextToken().orElse(null);
                if (token == null) {
                    break;
                }
            }
        } catch (Exception | AssertionError ignored) {
            // Cleanup must not turn a passing test into a failing one.
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    final void required_awkwardKeysAreStoredListedAndReadBackExactly() {
        storeListAndReadBack(awkwardKeys());
    }

    /**
     * Empty segments ({@code a//b}) are a key of their own in S3, not a path to normalise:
     * a store that keeps keys as file paths tends to collapse them into {@code a/b}. Kept
     * apart from the other awkward keys so that a test server with only this limit skips
     * only this test.
     */
    @Test
    final void required_emptyKeySegmentsAreKept() {
        storeListAndReadBack(List.of(prefix + "double//slash", prefix + "triple///slash", prefix + "trailing//"));
    }

    private void storeListAndReadBack(List<String> keys) {
        for (String key : keys) {
            BlobId id = BlobId.of(bucket, key);
            BlobInfo info = await(() -> store.put(PutBlobRequest.builder().id(id).build(),
                    BlobContent.fromBytes(key.getBytes(StandardCharsets.UTF_8))), "put at " + id);
            assertThat(info.id().key()).as("key returned by put of %s", key).isEqualTo(key);
        }

        List<String> expectedOrder = new ArrayList<>(keys);
        expectedOrder.sort(BlobStoreTck::compareUtf8);
        assertThat(listAll(prefix, 1000)).extracting(b -> b.id().key())
                .as("keys listed under %s, in UTF-8 byte order", prefix)
                .containsExactlyElementsOf(expectedOrder);

        SoftAssertions soft = new SoftAssertions();
        for (String key : keys) {
            BlobId id = BlobId.of(bucket, key);
            byte[] expected = key.getBytes(StandardCharsets.UTF_8);
            soft.check(() -> assertSameBytes(expected, await(() -> store.getBytes(GetBlobRequest.of(id)), "getBytes of " + id),
                    "bytes of " + key));
            soft.check(() -> {
                BlobInfo head = await(() -> store.head(GetBlobRequest.of(id)), "head of " + id);
                assertThat(head.id().key()).as("key from head").isEqualTo(key);
                assertThat(head.size()).as("size from head of %s", key).isEqualTo(expected.length);
            });
        }
        soft.assertAll();
    }

    @Test
    final void required_keysOverS3LimitAreRefusedWithInvalidInput() {
        String ascii = prefix + "a".repeat(MAX_KEY_BYTES + 1 - utf8Length(prefix));
        // Fewer than 1,024 characters but more than 1,024 bytes: a store counting chars gets this wrong.
        String multibyte = prefix + "é".repeat((MAX_KEY_BYTES + 2 - utf8Length(prefix)) / 2);
        assertThat(utf8Length(ascii)).isEqualTo(MAX_KEY_BYTES + 1);
        assertThat(utf8Length(multibyte)).isGreaterThan(MAX_KEY_BYTES);
        assertThat(multibyte.length()).isLessThan(MAX_KEY_BYTES);

        for (String key : List.of(ascii, multibyte)) {
            BlobId id = BlobId.of(bucket, key);
            StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id).build(),
                    BlobContent.fromBytes(new byte[] {1})), "put of a " + utf8Length(key) + "-byte key");
            assertThat(e.code()).as("code for a %s-byte key: %s", utf8Length(key), e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }
        assertThat(listAll(prefix, 1000)).as("objects stored under refused keys").isEmpty();
    }

    // ------------------------------------------------------------ round trips

    /** Where upload bytes come from. */
    enum Source { BYTES, PATH, STREAM, STREAM_OF_UNKNOWN_LENGTH }

    Stream<Arguments> roundTrips() {
        List<Arguments> all = new ArrayList<>();
        for (long size : List.of(0L, 1L, MIB, multipartSize())) {
            for (Source source : Source.values()) {
                all.add(Arguments.of(size, source));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} bytes from {1}")
    @MethodSource("roundTrips")
    final void required_roundTrip(long size, Source source, @TempDir Path dir) {
        long seed = size * 31 + source.ordinal();
        String key = "round-trip-" + source;
        PatternInputStream stream = source == Source.STREAM || source == Source.STREAM_OF_UNKNOWN_LENGTH
                ? new PatternInputStream(size, seed, -1) : null;
        BlobContent content;
        switch (source) {
            case BYTES:
                content = BlobContent.fromBytes(pattern((int) size, seed));
                break;
            case PATH:
                content = BlobContent.fromPath(patternFile(dir, "upload.bin", size, seed));
                break;
            case STREAM:
                content = BlobContent.fromStream(stream, size);
                break;
            default:
                content = BlobContent.fromStream(stream, -1);
                break;
        }

        BlobInfo info = await(() -> store.put(PutBlobRequest.builder().id(id(key)).build(), content), "put " + content);
        assertThat(info.id()).as("id returned by put").isEqualTo(id(key));
        assertThat(info.size()).as("size returned by put").isEqualTo(size);
        if (stream != null) {
            assertThat(stream.isClosed()).as("the store closes the upload stream (BlobContent.fromStream)").isTrue();
        }

        assertSameBytes(pattern((int) size, seed), getBytes(key), "bytes read back");
        BlobInfo head = await(() -> store.head(GetBlobRequest.of(id(key))), "head");
        assertThat(head.size()).as("size from head").isEqualTo(size);
        assertThat(head.etag()).as("etag from head equals etag from put").isEqualTo(info.etag());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readSizes")
    final void required_readsAsBytesFileAndStreamAgree(long size, @TempDir Path dir) throws IOException {
        long seed = 1000 + size;
        Path upload = patternFile(dir, "upload.bin", size, seed);
        await(() -> store.put(PutBlobRequest.builder().id(id("reads")).build(), BlobContent.fromPath(upload)), "put");
        byte[] expected = patternSha256(size, seed);

        byte[] bytes = getBytes("reads");
        assertThat(bytes).as("getBytes length").hasSize((int) size);
        assertThat(sha256(new ByteArrayInputStream(bytes))).as("SHA-256 of getBytes").isEqualTo(expected);

        Path target = dir.resolve("download.bin");
        BlobInfo info = await(() -> store.getToFile(GetBlobRequest.of(id("reads")), target), "getToFile");
        assertThat(info.size()).as("size returned by getToFile").isEqualTo(size);
        assertThat(Files.size(target)).as("size of the downloaded file").isEqualTo(size);
        try (InputStream in = Files.newInputStream(target)) {
            assertThat(sha256(in)).as("SHA-256 of getToFile").isEqualTo(expected);
        }

        InputStream stream = await(() -> store.getStream(GetBlobRequest.of(id("reads"))), "getStream");
        try (InputStream in = stream) {
            assertThat(sha256(in)).as("SHA-256 of getStream").isEqualTo(expected);
        }
    }

    Stream<Long> readSizes() {
        return Stream.of(0L, MIB, multipartSize());
    }

    @Test
    final void required_getToFileReplacesAnExistingTarget(@TempDir Path dir) throws IOException {
        byte[] data = pattern(64 * 1024, 5);
        put("file", data);
        Path target = dir.resolve("target.bin");
        Files.writeString(target, "old content that is longer or shorter than the new");

        await(() -> store.getToFile(GetBlobRequest.of(id("file")), target), "getToFile over an existing file");

        assertSameBytes(data, Files.readAllBytes(target), "target after getToFile");
        assertThat(filesIn(dir)).as("files beside the target (no temp file left)").containsExactly("target.bin");
    }

    @Test
    final void required_getToFileOntoAnEmptyDirectoryIsRefusedAsInvalidInput(@TempDir Path dir) throws IOException {
        put("file", pattern(1000, 9));
        Path target = Files.createDirectory(dir.resolve("empty"));

        StoreException e = failure(() -> store.getToFile(GetBlobRequest.of(id("file")), target), "getToFile onto a directory");

        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(target).as("the directory in the way is not replaced").isDirectory();
        assertThat(filesIn(dir)).as("files beside the target (no temp file left)").containsExactly("empty");
    }

    @Test
    final void required_getToFileCreatesMissingDirectories(@TempDir Path dir) throws IOException {
        byte[] data = pattern(10_000, 8);
        put("nested", data);
        Path target = dir.resolve("a").resolve("b").resolve("target.bin");

        await(() -> store.getToFile(GetBlobRequest.of(id("nested")), target), "getToFile into a missing directory");

        assertSameBytes(data, Files.readAllBytes(target), "target in the created directory");
        assertThat(filesIn(target.getParent())).as("files beside the target (no temp file left)").containsExactly("target.bin");
    }

    @Test
    final void required_failedGetToFileLeavesNoFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path fresh = dir.resolve("fresh.bin");
        StoreException e = failure(() -> store.getToFile(GetBlobRequest.of(id("missing")), fresh), "getToFile of a missing key");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(fresh).as("target of a failed download").doesNotExist();
        assertThat(filesIn(dir)).as("files left by a failed download").isEmpty();

        Path existing = dir.resolve("existing.bin");
        Files.writeString(existing, "keep me");
        failure(() -> store.getToFile(GetBlobRequest.of(id("missing")), existing), "getToFile of a missing key over a file");
        assertThat(existing).as("a failed download does not touch an existing target").hasContent("keep me");
        assertThat(filesIn(dir)).as("files left by a failed download").containsExactly("existing.bin");
    }

    @Test
    final void required_getToFileThatCannotReplaceItsTargetLeavesNoTempFile(@TempDir Path dir) throws IOException {
        put("file", pattern(1000, 6));
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("child"), "keeps the directory non-empty");

        failure(() -> store.getToFile(GetBlobRequest.of(id("file")), target), "getToFile onto a non-empty directory");
        assertThat(target).as("the directory in the way").isDirectory();
        assertThat(filesIn(dir)).as("files beside the target (no temp file left)").containsExactly("occupied");
        assertThat(filesIn(target)).as("files in the directory in the way").containsExactly("child");
    }

    @Test
    final void optional_rangeReads(@TempDir Path dir) throws IOException {
        requireCapability(BlobCapability.RANGE_READ);
        int size = (int) MIB + 17;
        byte[] data = pattern(size, 11);
        put("ranged", data);

        assertSameBytes(Arrays.copyOfRange(data, 0, 100), getRange(ByteRange.of(0, 99)), "bytes=0-99");
        assertSameBytes(Arrays.copyOfRange(data, 0, 1), getRange(ByteRange.of(0, 0)), "bytes=0-0");
        assertSameBytes(Arrays.copyOfRange(data, 500_000, 600_001), getRange(ByteRange.of(500_000, 600_000)),
                "bytes=500000-600000");
        assertSameBytes(Arrays.copyOfRange(data, size - 10, size), getRange(ByteRange.from(size - 10)), "bytes=" + (size - 10) + "-");
        // As in HTTP and S3, a range that runs past the end is cut at the end.
        assertSameBytes(Arrays.copyOfRange(data, size - 5, size), getRange(ByteRange.of(size - 5, size + 100L)),
                "range past the end");

        InputStream stream = await(() -> store.getStream(GetBlobRequest.builder().id(id("ranged"))
                .range(ByteRange.of(1000, 1999)).build()), "getStream with a range");
        try (InputStream in = stream) {
            assertSameBytes(Arrays.copyOfRange(data, 1000, 2000), in.readAllBytes(), "streamed bytes=1000-1999");
        }

        Path target = dir.resolve("part.bin");
        await(() -> store.getToFile(GetBlobRequest.builder().id(id("ranged")).range(ByteRange.of(3000, 3999)).build(), target),
                "getToFile with a range");
        assertSameBytes(Arrays.copyOfRange(data, 3000, 4000), Files.readAllBytes(target), "file of bytes=3000-3999");
    }

    @Test
    final void optional_rangeStartingAtOrPastTheEndFailsWithInvalidInput() {
        requireCapability(BlobCapability.RANGE_READ);
        byte[] data = pattern(10, 13);
        put("ranged", data);

        // S3 answers 416 Range Not Satisfiable: a malformed request, not a missing object.
        for (ByteRange range : List.of(ByteRange.from(10), ByteRange.of(10, 20), ByteRange.from(100))) {
            StoreException e = failure(() -> store.getBytes(GetBlobRequest.builder().id(id("ranged")).range(range).build()),
                    "getBytes of " + range + " of a 10-byte object");
            assertThat(e.code()).as("code for %s of a 10-byte object: %s", range, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }
        assertSameBytes(data, getBytes("ranged"), "object after the refused ranges");
    }

    // ------------------------------------------------------------- metadata

    @Test
    final void required_contentTypeDefaultsToOctetStream() {
        put("untyped", new byte[] {1, 2, 3});
        assertThat(head("untyped").contentType()).as("content type of an upload without one")
                .isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/pdf", "text/plain; charset=utf-8", "image/svg+xml"})
    final void required_explicitContentTypeIsKept(String contentType) {
        await(() -> store.put(PutBlobRequest.builder().id(id("typed")).contentType(contentType).build(),
                BlobContent.fromBytes(new byte[] {1})), "put with content type " + contentType);
        String stored = head("typed").contentType();
        // RFC 9110 (8.3.1): whitespace around ';' is optional and the type, subtype and
        // parameter names are case-insensitive, so "text/plain;charset=utf-8" is the very
        // media type that was given. Real S3 keeps the header byte for byte; servers built on
        // an HTTP stack (s3proxy on Jetty) may re-serialise it. Anything else must match.
        assertThat(mediaType(stored)).as("content type from head, %s, is the media type given, %s", stored, contentType)
                .isEqualTo(mediaType(contentType));
    }

    @Test
    final void required_userMetadataRoundTripsWithLowercasedKeys() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Department", "Finance");
        given.put("x-trace-id", "abc-123");
        given.put("stowage-table", "documents");
        await(() -> store.put(PutBlobRequest.builder().id(id("meta")).userMetadata(given).build(),
                BlobContent.fromBytes(new byte[] {1})), "put with metadata");

        assertThat(head("meta").userMetadata()).as("user metadata from head (keys lowercased, values as given)")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "department", "Finance",
                        "x-trace-id", "abc-123",
                        "stowage-table", "documents"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "colon:inside", "new\nline"})
    final void required_userMetadataKeyThatIsNoHeaderNameIsRefusedWithInvalidInput(String key) {
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("bad-meta")).userMetadata(Map.of(key, "v"))
                .build(), BlobContent.fromBytes(new byte[] {1})), "put with the metadata key '" + key + "'");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(listAll(prefix, 1000)).as("objects after the refused put").isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1024 * 1024})
    final void required_singlePutEtagIsMd5Hex(int size) {
        byte[] data = pattern(size, size + 3L);
        String md5 = md5Hex(data);
        if (size == 0) {
            assertThat(md5).isEqualTo(MD5_OF_NOTHING);
        }
        BlobInfo info = put("etag", data);
        assertThat(info.etag()).as("etag from put (lowercase MD5 hex, no quotes)").isEqualTo(md5);
        assertThat(head("etag").etag()).as("etag from head").isEqualTo(md5);
    }

    @Test
    final void optional_multipartEtagHasS3Form(@TempDir Path dir) {
        requireCapability(BlobCapability.MULTIPART_ETAG);
        long size = multipartSize();
        Path file = patternFile(dir, "big.bin", size, 21);
        BlobInfo info = await(() -> store.put(PutBlobRequest.builder().id(id("multipart")).build(),
                BlobContent.fromPath(file)), "put of " + size + " bytes");

        Matcher m = MULTIPART_ETAG.matcher(String.valueOf(info.etag()));
        assertThat(m.matches()).as("etag %s of a %s-byte upload has the form md5hex-N", info.etag(), size).isTrue();
        int parts = Integer.parseInt(m.group(1));
        assertThat(parts).as("part count of an upload over the multipart threshold").isGreaterThanOrEqualTo(2);
        if (partSize().isPresent()) {
            assertThat(parts).as("part count for part size %s", partSize().getAsLong())
                    .isEqualTo(ceilDiv(size, partSize().getAsLong()));
        }
        assertThat(head("multipart").etag()).as("etag from head").isEqualTo(info.etag());
    }

    @Test
    final void optional_multipartEtagHonoursTheRequestPartSize(@TempDir Path dir) throws IOException {
        requireCapability(BlobCapability.MULTIPART_ETAG);
        long size = multipartSize();
        long partSize = 5 * MIB;
        Path file = patternFile(dir, "big.bin", size, 22);
        BlobInfo info = await(() -> store.put(PutBlobRequest.builder().id(id("multipart"))
                        .multipartThreshold(multipartThreshold()).partSize(partSize).build(),
                BlobContent.fromPath(file)), "put with part size " + partSize);

        assertThat(info.etag()).as("etag of %s bytes in %s-byte parts", size, partSize)
                .isEqualTo(expectedMultipartEtag(file, partSize));
    }

    @Test
    final void optional_multipartThresholdIsInclusive(@TempDir Path dir) {
        requireCapability(BlobCapability.MULTIPART_ETAG);
        long threshold = multipartThreshold();
        Path at = patternFile(dir, "at.bin", threshold, 23);
        Path below = patternFile(dir, "below.bin", threshold - 1, 23);

        BlobInfo atInfo = await(() -> store.put(PutBlobRequest.builder().id(id("at")).build(), BlobContent.fromPath(at)),
                "put of exactly the threshold, " + threshold + " bytes");
        assertThat(MULTIPART_ETAG.matcher(String.valueOf(atInfo.etag())).matches())
                .as("etag %s of an upload of exactly the threshold has the multipart form md5hex-N", atInfo.etag()).isTrue();

        BlobInfo belowInfo = await(() -> store.put(PutBlobRequest.builder().id(id("below")).build(), BlobContent.fromPath(below)),
                "put of one byte under the threshold");
        assertThat(belowInfo.etag()).as("etag of an upload one byte under the threshold (a single put)")
                .isEqualTo(md5Hex(pattern((int) (threshold - 1), 23)));
    }

    @Test
    final void optional_multipartEtagCoversStreamsOfUnknownLength(@TempDir Path dir) throws IOException {
        requireCapability(BlobCapability.MULTIPART_ETAG);
        long size = multipartSize();
        Path file = patternFile(dir, "piped.bin", size, 24);
        InputStream in = Files.newInputStream(file);
        BlobInfo info = await(() -> store.put(PutBlobRequest.builder().id(id("piped")).build(),
                BlobContent.fromStream(in, -1)), "put of a stream of unknown length of " + size + " bytes");

        Matcher m = MULTIPART_ETAG.matcher(String.valueOf(info.etag()));
        assertThat(m.matches()).as("etag %s of a %s-byte stream of unknown length has the form md5hex-N", info.etag(), size)
                .isTrue();
        if (partSize().isPresent()) {
            assertThat(info.etag()).as("etag in %s-byte parts", partSize().getAsLong())
                    .isEqualTo(expectedMultipartEtag(file, partSize().getAsLong()));
        }
        assertThat(info.size()).as("size returned by put").isEqualTo(size);
        assertThat(head("piped").etag()).as("etag from head").isEqualTo(info.etag());
    }

    @Test
    final void required_lastModifiedIsNow() {
        Instant before = Instant.now();
        put("dated", new byte[] {1});
        Instant after = Instant.now();
        Instant lastModified = head("dated").lastModified();
        assertThat(lastModified).as("last-modified from head").isNotNull()
                .isBetween(before.minus(CLOCK_TOLERANCE), after.plus(CLOCK_TOLERANCE));
    }

    @Test
    final void required_headDescribesTheObject() {
        byte[] data = pattern(4096, 9);
        BlobInfo put = await(() -> store.put(PutBlobRequest.builder().id(id("described")).contentType("text/csv").build(),
                BlobContent.fromBytes(data)), "put");
        BlobInfo head = head("described");
        assertThat(head.id()).as("id from head").isEqualTo(id("described"));
        assertThat(head.size()).as("size from head").isEqualTo(4096);
        assertThat(head.etag()).as("etag from head").isEqualTo(put.etag()).isEqualTo(md5Hex(data));
        assertThat(head.contentType()).as("content type from head").isEqualTo("text/csv");
    }

    @Test
    final void required_overwriteReplacesTheObject() {
        put("twice", "first version, longer".getBytes(StandardCharsets.UTF_8));
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        BlobInfo info = put("twice", second);
        assertSameBytes(second, getBytes("twice"), "bytes after overwrite");
        assertThat(head("twice").size()).as("size after overwrite").isEqualTo(second.length);
        assertThat(head("twice").etag()).as("etag after overwrite").isEqualTo(info.etag());
        assertThat(listAll(prefix, 1000)).as("objects under the key after overwrite").hasSize(1);
    }

    // ------------------------------------------------------------- if-match

    @Test
    final void optional_ifMatchWithTheCurrentEtagReads(@TempDir Path dir) throws IOException {
        requireCapability(BlobCapability.IF_MATCH);
        byte[] data = pattern(1000, 12);
        String etag = put("matched", data).etag();
        GetBlobRequest request = GetBlobRequest.builder().id(id("matched")).ifMatch(etag).build();

        assertSameBytes(data, await(() -> store.getBytes(request), "getBytes if-match"), "getBytes if-match");
        assertThat(await(() -> store.head(request), "head if-match").etag()).isEqualTo(etag);
        InputStream stream = await(() -> store.getStream(request), "getStream if-match");
        try (InputStream in = stream) {
            assertSameBytes(data, in.readAllBytes(), "getStream if-match");
        }
        Path target = dir.resolve("matched.bin");
        await(() -> store.getToFile(request, target), "getToFile if-match");
        assertSameBytes(data, Files.readAllBytes(target), "getToFile if-match");
    }

    @Test
    final void optional_ifMatchAcceptsAQuotedEtag() {
        requireCapability(BlobCapability.IF_MATCH);
        byte[] data = pattern(100, 14);
        String etag = put("quoted", data).etag();
        GetBlobRequest request = GetBlobRequest.builder().id(id("quoted")).ifMatch("\"" + etag + "\"").build();
        assertSameBytes(data, await(() -> store.getBytes(request), "getBytes if-match the quoted etag"),
                "getBytes if-match the quoted etag");
    }

    @Test
    final void optional_ifMatchWithAnotherEtagFailsWithPreconditionFailed(@TempDir Path dir) {
        requireCapability(BlobCapability.IF_MATCH);
        String oldEtag = put("changed", "before".getBytes(StandardCharsets.UTF_8)).etag();
        put("changed", "after".getBytes(StandardCharsets.UTF_8));
        GetBlobRequest stale = GetBlobRequest.builder().id(id("changed")).ifMatch(oldEtag).build();
        Path target = dir.resolve("changed.bin");

        Map<String, Function<GetBlobRequest, CompletableFuture<?>>> reads = new LinkedHashMap<>();
        reads.put("head", store::head);
        reads.put("getBytes", store::getBytes);
        reads.put("getStream", store::getStream);
        reads.put("getToFile", r -> store.getToFile(r, target));
        SoftAssertions soft = new SoftAssertions();
        reads.forEach((name, read) -> soft.check(() -> {
            StoreException e = failure(() -> read.apply(stale), name + " with the etag of a replaced object");
            assertThat(e.code()).as("%s: %s", name, e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
            assertThat(e.bucket()).as("%s: bucket named by the exception", name).isEqualTo(bucket);
            assertThat(e.key()).as("%s: key named by the exception", name).isEqualTo(id("changed").key());
        }));
        soft.assertAll();
        assertThat(target).as("getToFile that failed its precondition leaves no file").doesNotExist();
    }

    // ---------------------------------------------------------------- errors

    @Test
    final void required_aStreamGivenToAPutThatIsRefusedIsClosedToo() {
        PatternInputStream stream = new PatternInputStream(3, 5, -1);
        BlobId id = BlobId.of(newBucketName(), "refused/key");
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromStream(stream, 3)),
                "put of a stream into a missing bucket");
        assertThat(e.code()).as("%s", e).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
        assertThat(stream.isClosed()).as("the store owns the stream it was given, and closes it when it refuses the put too")
                .isTrue();
    }

    @Test
    final void required_missingBucketFailsWithBucketNotFound(@TempDir Path dir) {
        String missing = newBucketName();
        BlobId id = BlobId.of(missing, "some/key");
        GetBlobRequest get = GetBlobRequest.of(id);
        assertThat(await(() -> store.bucketExists(missing, null), "bucketExists of a missing bucket"))
                .as("bucketExists(%s)", missing).isFalse();

        Map<String, Supplier<CompletableFuture<?>>> calls = new LinkedHashMap<>();
        // s3proxy answers about one PUT into a missing bucket in a hundred at once and resets the
        // connection while the body is being written: the store must still tell the bucket is
        // missing (optional_aPutIntoAMissingBucketWhoseAnswerIsLostFailsWithBucketNotFound).
        calls.put("put", () -> store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {1})));
        calls.put("head", () -> store.head(get));
        calls.put("getBytes", () -> store.getBytes(get));
        calls.put("getStream", () -> store.getStream(get));
        calls.put("getToFile", () -> store.getToFile(get, dir.resolve("x")));
        calls.put("list", () -> store.list(ListBlobsRequest.builder().bucket(missing).maxKeys(10).build()));
        calls.put("delete", () -> store.delete(DeleteBlobRequest.of(id)));
        SoftAssertions soft = new SoftAssertions();
        calls.forEach((name, call) -> soft.check(() -> {
            StoreException e = failure(call, name + " in a missing bucket");
            assertThat(e.code()).as("%s: %s", name, e).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
            assertThat(e.bucket()).as("%s: bucket named by the exception", name).isEqualTo(missing);
        }));
        soft.assertAll();
    }

    /**
     * A server may answer a PUT into a missing bucket before it has read the body, and reset
     * the connection while the client is still writing it: the client then sees a broken
     * connection, not the 404. A store must still say that the bucket is missing (so that the
     * caller knows the fix), and only when the bucket is: a PUT into a bucket that exists,
     * whose answer is lost, stays an ambiguous {@code CONNECTION_LOST}.
     */
    @Test
    final void optional_aPutIntoAMissingBucketWhoseAnswerIsLostFailsWithBucketNotFound() {
        requireNetwork();
        BlobId id = BlobId.of("lost-answer-bucket", "doc.txt");
        for (int headStatus : new int[] {404, 200}) {
            try (ResettingServer server = ResettingServer.answeringHeads(headStatus)) {
                try (BlobStore other = open(noRetriesAt(server.uri()))) {
                    StoreException e = failure(() -> other.put(PutBlobRequest.builder().id(id).build(),
                            BlobContent.fromBytes(new byte[] {1})), "a PUT whose connection is reset", Duration.ofSeconds(60));
                    assertThat(server.requestLines()).as("requests the server read").anySatisfy(line ->
                            assertThat(line).startsWith("PUT "));
                    if (headStatus == 404) {
                        assertThat(e.code()).as("bucket answered 404: %s", e).isEqualTo(StoreErrorCode.BUCKET_NOT_FOUND);
                        assertThat(e.bucket()).as("bucket named by the exception").isEqualTo(id.bucket());
                        assertThat(e.isDefinite()).as("a missing bucket holds nothing, so nothing was written").isTrue();
                    } else {
                        assertThat(e.code()).as("bucket exists: %s", e).isEqualTo(StoreErrorCode.CONNECTION_LOST);
                        assertThat(e.isDefinite()).as("the PUT may have been applied").isFalse();
                    }
                }
            }
        }
    }

    @Test
    final void required_missingObjectFailsWithObjectNotFound(@TempDir Path dir) {
        BlobId id = id("never-written");
        GetBlobRequest get = GetBlobRequest.of(id);
        Map<String, Supplier<CompletableFuture<?>>> calls = new LinkedHashMap<>();
        calls.put("head", () -> store.head(get));
        calls.put("getBytes", () -> store.getBytes(get));
        calls.put("getStream", () -> store.getStream(get));
        calls.put("getToFile", () -> store.getToFile(get, dir.resolve("x")));
        SoftAssertions soft = new SoftAssertions();
        calls.forEach((name, call) -> soft.check(() -> {
            StoreException e = failure(call, name + " of a missing object");
            assertThat(e.code()).as("%s: %s", name, e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
            assertThat(e.bucket()).as("%s: bucket named by the exception", name).isEqualTo(bucket);
            assertThat(e.key()).as("%s: key named by the exception", name).isEqualTo(id.key());
        }));
        soft.assertAll();
    }

    // ---------------------------------------------------------------- delete

    @Test
    final void required_deleteOfMissingObjectCompletesNormally() {
        await(() -> store.delete(DeleteBlobRequest.of(id("never-written"))), "delete of a missing object");
    }

    @Test
    final void required_deleteRemovesTheObject() {
        put("doomed", new byte[] {1, 2});
        put("survivor", new byte[] {3});
        await(() -> store.delete(DeleteBlobRequest.of(id("doomed"))), "delete");

        StoreException e = failure(() -> store.head(GetBlobRequest.of(id("doomed"))), "head after delete");
        assertThat(e.code()).as("code after delete: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(listAll(prefix, 1000)).extracting(b -> b.id().key()).as("keys after delete")
                .containsExactly(prefix + "survivor");
    }

    @Test
    final void required_deleteAllAnswersEveryRequestInOrderAndCountsMissingObjectsAsDeleted() {
        put("batch/a", new byte[] {1});
        put("batch/b", new byte[] {2});
        put("batch/kept", new byte[] {3});
        List<DeleteBlobRequest> requests = List.of(DeleteBlobRequest.of(id("batch/b")),
                DeleteBlobRequest.of(id("batch/never-written")), DeleteBlobRequest.of(id("batch/a")));
        List<DeleteOutcome> outcomes = await(() -> store.deleteAll(requests), "deleteAll of two objects and a missing key");

        assertThat(outcomes).extracting(DeleteOutcome::request).as("outcomes, one per request in order")
                .containsExactlyElementsOf(requests);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as("failure of %s", o).isEmpty());
        assertThat(listAll(prefix + "batch/", 1000)).extracting(b -> b.id().key()).as("keys after deleteAll")
                .containsExactly(prefix + "batch/kept");
        assertThat(await(() -> store.deleteAll(List.of()), "deleteAll of no requests")).as("outcomes of no requests").isEmpty();
    }

    @Test
    final void required_deleteAllChecksEveryRequestBeforeDeletingAny() {
        put("checked-first", new byte[] {1});
        List<DeleteBlobRequest> requests = Arrays.asList(DeleteBlobRequest.of(id("checked-first")), null);
        StoreException e = failure(() -> store.deleteAll(requests), "deleteAll with a null request");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertSameBytes(new byte[] {1}, getBytes("checked-first"), "object named before the invalid request");
    }

    @Test
    final void required_deleteAllTakesMoreThanOneRequestsWorthAndSeveralBuckets() {
        String other = newBucketName();
        await(() -> store.createBucket(other, null), "createBucket(" + other + ")");
        int count = 1_005;
        List<CompletableFuture<BlobInfo>> puts = new ArrayList<>();
        List<DeleteBlobRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BlobId id = i % 100 == 7 ? BlobId.of(other, prefix + "many/" + i) : id("many/" + i);
            puts.add(store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {(byte) i})));
            requests.add(DeleteBlobRequest.of(id));
            if (puts.size() == 32) {
                await(() -> CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])), "32 puts");
                puts.clear();
            }
        }
        await(() -> CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])), "the last puts");

        List<DeleteOutcome> outcomes = await(() -> store.deleteAll(requests), "deleteAll of " + count + " objects in two buckets");
        assertThat(outcomes).extracting(DeleteOutcome::request).as("outcomes, one per request in order")
                .containsExactlyElementsOf(requests);
        assertThat(outcomes).filteredOn(o -> o.failure().isPresent()).as("failed deletes").isEmpty();
        assertThat(listAll(prefix + "many/", 1000)).as("objects left in the kit's bucket").isEmpty();
        BlobPage left = await(() -> store.list(ListBlobsRequest.builder().bucket(other).prefix(prefix).build()), "list " + other);
        assertThat(left.blobs()).as("objects left in the second bucket").isEmpty();
    }

    @Test
    final void optional_aConditionalDeleteOfAMissingObjectCompletesNormally() {
        requireCapability(BlobCapability.CONDITIONAL_DELETE);
        DeleteBlobRequest delete = DeleteBlobRequest.builder().id(id("never-written")).ifMatch("0".repeat(32)).build();
        await(() -> store.delete(delete), "delete if-match of a missing object");
        List<DeleteOutcome> outcomes = await(() -> store.deleteAll(List.of(delete, delete)), "deleteAll if-match of a missing object");
        assertThat(outcomes).as("outcomes of deletes of a missing object").hasSize(2)
                .allSatisfy(o -> assertThat(o.failure()).as("failure of %s", o).isEmpty());
    }

    @Test
    final void optional_deleteAllWithAStaleEtagKeepsThatObjectAndDeletesTheOthers() {
        requireCapability(BlobCapability.CONDITIONAL_DELETE);
        String staleEtag = put("batch-guarded", pattern(300, 87)).etag();
        byte[] current = pattern(301, 88);
        put("batch-guarded", current);
        String etag = put("batch-unchanged", pattern(302, 89)).etag();
        List<DeleteBlobRequest> requests = List.of(
                DeleteBlobRequest.builder().id(id("batch-guarded")).ifMatch(staleEtag).build(),
                DeleteBlobRequest.builder().id(id("batch-unchanged")).ifMatch(etag).build());
        List<DeleteOutcome> outcomes = await(() -> store.deleteAll(requests), "deleteAll with one stale etag");

        StoreException refused = outcomes.get(0).failure().orElseThrow(() -> new AssertionError(
                "a delete if-match the etag of a replaced object must fail, but deleteAll reported it deleted"));
        assertThat(refused.code()).as("code: %s", refused).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(refused.key()).as("key named by %s", refused).isEqualTo(prefix + "batch-guarded");
        assertThat(outcomes.get(1).failure()).as("failure of the delete with the current etag").isEmpty();
        assertSameBytes(current, getBytes("batch-guarded"), "object after the refused delete");
        StoreException gone = failure(() -> store.head(GetBlobRequest.of(id("batch-unchanged"))), "head after the delete");
        assertThat(gone.code()).as("code: %s", gone).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    // ------------------------------------------------------------------ list

    @Test
    final void required_listByPrefixIsInKeyOrderAndPaginated() {
        List<String> names = List.of("é", "b/2", "a", "d", "B", "b/1", "c");
        for (String name : names) {
            put("list/" + name, name.getBytes(StandardCharsets.UTF_8));
        }
        put("list-sibling/x", new byte[] {1});
        put("lis", new byte[] {1});

        List<String> expected = names.stream().map(n -> prefix + "list/" + n).sorted(BlobStoreTck::compareUtf8)
                .collect(Collectors.toList());

        List<BlobPage> pages = listPages(prefix + "list/", 3);
        assertThat(pages).extracting(p -> p.blobs().size()).as("page sizes with maxKeys=3").containsExactly(3, 3, 1);
        assertThat(pages.get(0).nextToken()).as("token after page 1").isPresent();
        assertThat(pages.get(1).nextToken()).as("token after page 2").isPresent();
        assertThat(pages.get(2).nextToken()).as("token after the last page").isEmpty();
        List<BlobInfo> listed = pages.stream().flatMap(p -> p.blobs().stream()).collect(Collectors.toList());
        assertThat(listed).extracting(b -> b.id().key()).as("keys over all pages, in UTF-8 byte order")
                .containsExactlyElementsOf(expected);

        for (BlobInfo blob : listed) {
            String name = blob.id().key().substring((prefix + "list/").length());
            byte[] content = name.getBytes(StandardCharsets.UTF_8);
            assertThat(blob.id().bucket()).as("bucket of listed %s", name).isEqualTo(bucket);
            assertThat(blob.size()).as("size of listed %s", name).isEqualTo(content.length);
            assertThat(blob.etag()).as("etag of listed %s", name).isEqualTo(md5Hex(content));
        }

        BlobPage single = await(() -> store.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix + "list/").maxKeys(1000).build()),
                "list with maxKeys=1000");
        assertThat(single.blobs()).extracting(b -> b.id().key()).as("one big page").containsExactlyElementsOf(expected);
        assertThat(single.nextToken()).as("token when everything fitted").isEmpty();
    }

    @Test
    final void required_listPageEndingAtTheLastKeyHasNoToken() {
        for (int i = 0; i < 4; i++) {
            put("full/k" + i, new byte[] {(byte) i});
        }
        BlobPage first = await(() -> store.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix + "full/").maxKeys(2).build()),
                "list of the first page");
        assertThat(first.nextToken()).as("token after the first of two full pages").isPresent();
        String token = first.nextToken().orElseThrow();
        BlobPage second = await(() -> store.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix + "full/")
                .continuationToken(token).maxKeys(2).build()), "list of the second page");
        assertThat(second.blobs()).extracting(b -> b.id().key()).as("keys on the second page")
                .containsExactly(prefix + "full/k2", prefix + "full/k3");
        assertThat(second.nextToken()).as("token after a full page that holds the last key").isEmpty();
    }

    @Test
    final void required_listOfAnUnusedPrefixIsEmpty() {
        BlobPage page = await(() -> store.list(ListBlobsRequest.builder().bucket(bucket).prefix(prefix + "nothing-here/").maxKeys(10).build()),
                "list");
        assertThat(page.blobs()).as("objects under an unused prefix").isEmpty();
        assertThat(page.nextToken()).as("token of an empty listing").isEmpty();
    }

    // --------------------------------------------------------------- buckets

    @Test
    final void required_createBucketIsIdempotent() {
        String fresh = newBucketName();
        assertThat(await(() -> store.bucketExists(fresh, null), "bucketExists before create")).isFalse();
        await(() -> store.createBucket(fresh, null), "createBucket");
        await(() -> store.createBucket(fresh, null), "createBucket again");
        assertThat(await(() -> store.bucketExists(fresh, null), "bucketExists after create")).isTrue();

        BlobId id = BlobId.of(fresh, prefix + "in-fresh-bucket");
        await(() -> store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[] {7})), "put");
        assertThat(await(() -> store.getBytes(GetBlobRequest.of(id)), "getBytes")).containsExactly(7);
        await(() -> store.delete(DeleteBlobRequest.of(id)), "delete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper-case", "under_score", "-starts-with-dash", "ends-with-dash-", "two..dots",
            "192.168.0.1", "dot.-dash", "sixty-four-characters-long-which-is-one-more-than-s3-allows-xxxx"})
    final void required_bucketNamesBreakingS3RulesAreRefusedWithInvalidInput(String name) {
        StoreException e = failure(() -> store.createBucket(name, null), "createBucket(" + name + ")");
        assertThat(e.code()).as("code for bucket name %s: %s", name, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    // --------------------------------------------------------------- presign

    /** SigV4 signs from one second to seven days; a store must refuse the rest rather than sign a URL S3 rejects. */
    @Test
    final void optional_presignExpiriesOutsideOneSecondToSevenDaysAreRefused() {
        requireCapability(BlobCapability.PRESIGN_GET);
        BlobId id = id("expiry-bounds");
        for (Duration expiry : List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(-5),
                Duration.ofDays(7).plusSeconds(1))) {
            StoreException e = failure(() -> store.presignGet(GetBlobRequest.of(id), expiry), "presignGet for " + expiry);
            assertThat(e.code()).as("code for an expiry of %s: %s", expiry, e).isEqualTo(StoreErrorCode.INVALID_INPUT);
        }
        for (Duration expiry : List.of(Duration.ofSeconds(1), Duration.ofDays(7))) {
            assertThat(await(() -> store.presignGet(GetBlobRequest.of(id), expiry), "presignGet for " + expiry))
                    .as("URL for an expiry of %s", expiry).isNotNull();
        }
    }

    @Test
    final void optional_presignedGetServesTheObject() throws Exception {
        requireCapability(BlobCapability.PRESIGN_GET);
        byte[] data = pattern(70_000, 31);
        await(() -> store.put(PutBlobRequest.builder().id(id("shared file.txt")).contentType("text/plain").build(),
                BlobContent.fromBytes(data)), "put");
        URI url = await(() -> store.presignGet(GetBlobRequest.of(id("shared file.txt")), Duration.ofMinutes(5)), "presignGet");

        HttpResponse<byte[]> response = httpGet(url);
        assertThat(response.statusCode()).as("status of GET %s", url).isEqualTo(200);
        assertSameBytes(data, response.body(), "body of the presigned GET");
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of the presigned GET")
                .hasValue("text/plain");
    }

    @Test
    final void optional_presignedPutStoresTheObject() throws Exception {
        requireCapability(BlobCapability.PRESIGN_PUT);
        byte[] data = pattern(50_000, 32);
        PutBlobRequest request = PutBlobRequest.builder().id(id("uploaded by url.json")).contentType("application/json").build();
        PresignedPut presigned = await(() -> store.presignPut(request, Duration.ofMinutes(5)), "presignPut");
        assertThat(presigned.toString()).as("a presigned PUT shows no signature").doesNotContain(presigned.uri().getRawQuery());
        URI url = presigned.uri();

        HttpRequest.Builder put = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        presigned.headers().forEach(put::header);
        HttpResponse<byte[]> response = http.send(put.PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("status of PUT %s: %s", url, new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);

        assertSameBytes(data, getBytes("uploaded by url.json"), "bytes uploaded through the presigned PUT");
        BlobInfo head = head("uploaded by url.json");
        assertThat(head.contentType()).as("content type of the presigned upload").isEqualTo("application/json");
        assertThat(head.etag()).as("etag of the presigned upload").isEqualTo(md5Hex(data));
    }

    @Test
    final void optional_presignedPutSignsItsContentTypeMetadataAndCreateOnly() throws Exception {
        requireCapability(BlobCapability.PRESIGN_PUT);
        requireCapability(BlobCapability.CREATE_ONLY);
        PutBlobRequest request = PutBlobRequest.builder().id(id("signed.json")).contentType("application/json")
                .userMetadata(Map.of("origin", "browser")).createOnly(true).build();
        PresignedPut presigned = await(() -> store.presignPut(request, Duration.ofMinutes(5)), "presignPut");

        HttpRequest.Builder changed = HttpRequest.newBuilder(presigned.uri()).timeout(Duration.ofSeconds(30));
        presigned.headers().forEach((name, value) -> changed.header(name, name.equalsIgnoreCase("content-type") ? "text/html" : value));
        assertThat(http.send(changed.PUT(HttpRequest.BodyPublishers.ofString("<p>")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("a PUT with another content type than the signed one").isEqualTo(403);

        HttpRequest.Builder put = HttpRequest.newBuilder(presigned.uri()).timeout(Duration.ofSeconds(30));
        presigned.headers().forEach(put::header);
        assertThat(http.send(put.PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("the PUT with the signed headers").isEqualTo(200);
        assertThat(head("signed.json").userMetadata()).as("metadata signed into the URL").containsEntry("origin", "browser");

        HttpRequest.Builder again = HttpRequest.newBuilder(presigned.uri()).timeout(Duration.ofSeconds(30));
        presigned.headers().forEach(again::header);
        assertThat(http.send(again.PUT(HttpRequest.BodyPublishers.ofString("{\"b\":2}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("a second PUT to a create-only URL").isEqualTo(412);
        assertSameBytes("{}".getBytes(StandardCharsets.UTF_8), getBytes("signed.json"), "the first upload's bytes");
    }

    @Test
    final void optional_presignedUrlStopsWorkingAfterExpiry() throws Exception {
        requireCapability(BlobCapability.PRESIGN_EXPIRY_ENFORCED);
        requireCapability(BlobCapability.PRESIGN_GET);
        put("expiring", new byte[] {1, 2, 3});
        Duration expiry = Duration.ofSeconds(2);
        URI url = await(() -> store.presignGet(GetBlobRequest.of(id("expiring")), expiry), "presignGet for 2 s");
        assertThat(httpGet(url).statusCode()).as("status before expiry").isEqualTo(200);

        // Polling instead of one long sleep: the test ends as soon as the URL is refused.
        Instant deadline = Instant.now().plus(expiry).plusSeconds(10);
        int status = 200;
        while (Instant.now().isBefore(deadline)) {
            status = httpGet(url).statusCode();
            if (status != 200) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(status).as("status of a presigned URL after its %s expiry (polled up to 10 s more)", expiry)
                .isEqualTo(403);
    }

    @Test
    final void optional_tamperedPresignedUrlIsRefused() throws Exception {
        requireCapability(BlobCapability.PRESIGN_TAMPER_CHECKED);
        requireCapability(BlobCapability.PRESIGN_GET);
        put("tamper-a", "secret a".getBytes(StandardCharsets.UTF_8));
        put("tamper-b", "secret b".getBytes(StandardCharsets.UTF_8));
        URI url = await(() -> store.presignGet(GetBlobRequest.of(id("tamper-a")), Duration.ofMinutes(5)), "presignGet");
        assertThat(httpGet(url).statusCode()).as("status of the untouched URL").isEqualTo(200);

        String raw = url.toString();
        int at = raw.indexOf("tamper-a");
        assertThat(at).as("the key appears in the URL %s", raw).isGreaterThanOrEqualTo(0);
        URI otherKey = URI.create(raw.substring(0, at) + "tamper-b" + raw.substring(at + "tamper-a".length()));
        HttpResponse<byte[]> keyResponse = httpGet(otherKey);
        assertThat(keyResponse.statusCode()).as("status of the URL with the key changed to another object").isEqualTo(403);

        URI badSignature = URI.create(tamperSignature(raw));
        assertThat(httpGet(badSignature).statusCode()).as("status of the URL with one signature character changed: %s",
                badSignature).isEqualTo(403);
    }

    @Test
    final void optional_anUploadWhoseCrc32cDoesNotMatchItsBytesIsRefusedAndStoresNothing() {
        requireCapability(BlobCapability.CHECKSUM_CRC32C);
        byte[] data = pattern(40_000, 43);
        String wrong = crc32cBase64(pattern(40_000, 44));
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("crc-wrong")).checksumCrc32c(wrong).build(),
                BlobContent.fromBytes(data)), "put with a CRC32C of other bytes");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.CHECKSUM_MISMATCH);
        StoreException missing = failure(() -> store.head(GetBlobRequest.of(id("crc-wrong"))), "head after the refused put");
        assertThat(missing.code()).as("the refused upload stored nothing").isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);

        await(() -> store.put(PutBlobRequest.builder().id(id("crc-right")).checksumCrc32c(crc32cBase64(data)).build(),
                BlobContent.fromBytes(data)), "put with the right CRC32C");
        assertSameBytes(data, getBytes("crc-right"), "bytes stored with their CRC32C");
    }

    /**
     * The promise of {@link BlobStore#multipartThreshold()}: below it, a CRC32C is verified,
     * so Stowage sends one with every such upload and checksums only larger files while they
     * upload. Checked at the last byte below the threshold, where a store that went multipart
     * too early would drop the checksum.
     */
    @Test
    final void optional_aCrc32cIsVerifiedUpToTheLastByteBelowTheMultipartThreshold() {
        requireCapability(BlobCapability.CHECKSUM_CRC32C);
        long threshold = store.multipartThreshold();
        assumeTrue(threshold <= 64L << 20, "the store's multipartThreshold() is " + threshold + " bytes (Long.MAX_VALUE: "
                + "it verifies a CRC32C at every size, which the test above checks for a small upload)");
        byte[] data = pattern((int) threshold - 1, 45);
        String wrong = crc32cBase64(pattern(1_000, 46));
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("crc-below-threshold")).checksumCrc32c(wrong)
                .build(), BlobContent.fromBytes(data)), "put of multipartThreshold() - 1 bytes with a CRC32C of other bytes");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.CHECKSUM_MISMATCH);
        StoreException missing = failure(() -> store.head(GetBlobRequest.of(id("crc-below-threshold"))), "head after the refused put");
        assertThat(missing.code()).as("the refused upload stored nothing").isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    // ------------------------------------------------------------ versioning

    @Test
    final void optional_presignedGetOfAVersionServesThatVersionAfterAnOverwrite() throws Exception {
        requireCapability(BlobCapability.PRESIGN_GET);
        requireCapability(BlobCapability.VERSIONING);
        byte[] v1 = pattern(5_000, 41);
        byte[] v2 = pattern(6_000, 42);
        BlobInfo first = put("pinned-url", v1);
        String version = first.versionId().orElseThrow();
        URI url = await(() -> store.presignGet(GetBlobRequest.builder().id(id("pinned-url")).versionId(version).build(),
                Duration.ofMinutes(5)), "presignGet of a version");
        put("pinned-url", v2);

        HttpResponse<byte[]> response = httpGet(url);
        assertThat(response.statusCode()).as("status of GET %s", url).isEqualTo(200);
        assertSameBytes(v1, response.body(), "a presigned GET of a version serves that version, not the newer object");
    }

    @Test
    final void optional_versionsCanBeReadAndDeleted() {
        requireCapability(BlobCapability.VERSIONING);
        byte[] v1 = "version one".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "version two!".getBytes(StandardCharsets.UTF_8);
        BlobInfo first = put("versioned", v1);
        BlobInfo second = put("versioned", v2);
        assertThat(first.versionId()).as("version id of the first put").isPresent();
        assertThat(second.versionId()).as("version id of the second put").isPresent()
                .isNotEqualTo(first.versionId());
        String oldVersion = first.versionId().orElseThrow();
        GetBlobRequest old = GetBlobRequest.builder().id(id("versioned")).versionId(oldVersion).build();

        assertSameBytes(v1, await(() -> store.getBytes(old), "getBytes of the old version"), "old version");
        assertSameBytes(v2, getBytes("versioned"), "current version");
        BlobInfo oldHead = await(() -> store.head(old), "head of the old version");
        assertThat(oldHead.versionId()).as("version id from head").hasValue(oldVersion);
        assertThat(oldHead.size()).as("size of the old version").isEqualTo(v1.length);

        assertThat(head("versioned").versionId()).as("version id from head of the current object")
                .isEqualTo(second.versionId());

        await(() -> store.delete(DeleteBlobRequest.builder().id(id("versioned")).versionId(oldVersion).build()), "delete of the old version");
        StoreException e = failure(() -> store.getBytes(old), "getBytes of a deleted version");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertSameBytes(v2, getBytes("versioned"), "current version after deleting the old one");
    }

    @Test
    final void optional_deleteAllRemovesTheNamedVersion() {
        requireCapability(BlobCapability.VERSIONING);
        String oldVersion = put("batch-versioned", pattern(50, 90)).versionId().orElseThrow();
        byte[] v2 = pattern(51, 91);
        put("batch-versioned", v2);
        GetBlobRequest old = GetBlobRequest.builder().id(id("batch-versioned")).versionId(oldVersion).build();
        List<DeleteOutcome> outcomes = await(() -> store.deleteAll(List.of(DeleteBlobRequest.builder().id(id("batch-versioned"))
                .versionId(oldVersion).build())), "deleteAll of the old version");

        assertThat(outcomes.get(0).failure()).as("failure of the versioned delete").isEmpty();
        StoreException e = failure(() -> store.getBytes(old), "getBytes of a deleted version");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertSameBytes(v2, getBytes("batch-versioned"), "current version after deleting the old one");
    }

    @Test
    final void optional_deleteWithoutAVersionHidesTheObjectButKeepsItsVersions() {
        requireCapability(BlobCapability.VERSIONING);
        byte[] v1 = "before the delete marker".getBytes(StandardCharsets.UTF_8);
        String version = put("marked", v1).versionId().orElseThrow(() -> new AssertionError("put returned no version id"));

        await(() -> store.delete(DeleteBlobRequest.of(id("marked"))), "delete without a version id (a delete marker)");
        StoreException e = failure(() -> store.getBytes(GetBlobRequest.of(id("marked"))), "getBytes behind a delete marker");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(listAll(prefix, 1000)).as("objects listed behind a delete marker").isEmpty();
        GetBlobRequest old = GetBlobRequest.builder().id(id("marked")).versionId(version).build();
        assertSameBytes(v1, await(() -> store.getBytes(old), "getBytes of the version behind the marker"),
                "version behind the delete marker");

        byte[] v2 = "after the delete marker".getBytes(StandardCharsets.UTF_8);
        put("marked", v2);
        assertSameBytes(v2, getBytes("marked"), "object put after the delete marker");
    }

    @Test
    final void optional_deletingTheCurrentVersionMakesThePreviousOneCurrent() {
        requireCapability(BlobCapability.VERSIONING);
        byte[] v1 = "one".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "two".getBytes(StandardCharsets.UTF_8);
        BlobInfo first = put("stack", v1);
        BlobInfo second = put("stack", v2);

        await(() -> store.delete(DeleteBlobRequest.builder().id(id("stack")).versionId(second.versionId().orElseThrow()).build()),
                "delete of the current version");
        assertSameBytes(v1, getBytes("stack"), "object after deleting its current version");
        assertThat(head("stack").versionId()).as("version id of the object after deleting the current version")
                .isEqualTo(first.versionId());
        StoreException e = failure(() -> store.getBytes(GetBlobRequest.builder().id(id("stack"))
                .versionId(second.versionId().orElseThrow()).build()), "getBytes of the deleted version");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);

        await(() -> store.delete(DeleteBlobRequest.builder().id(id("stack")).versionId(first.versionId().orElseThrow()).build()),
                "delete of the last version");
        StoreException gone = failure(() -> store.head(GetBlobRequest.of(id("stack"))), "head after deleting every version");
        assertThat(gone.code()).as("code: %s", gone).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    final void optional_ifMatchAppliesToTheNamedVersion() {
        requireCapability(BlobCapability.VERSIONING);
        requireCapability(BlobCapability.IF_MATCH);
        byte[] v1 = "first".getBytes(StandardCharsets.UTF_8);
        BlobInfo first = put("matched-version", v1);
        put("matched-version", "second".getBytes(StandardCharsets.UTF_8));

        GetBlobRequest old = GetBlobRequest.builder().id(id("matched-version"))
                .versionId(first.versionId().orElseThrow()).ifMatch(first.etag()).build();
        assertSameBytes(v1, await(() -> store.getBytes(old), "getBytes of the old version if-match its etag"),
                "old version read with if-match");
        GetBlobRequest current = GetBlobRequest.builder().id(id("matched-version")).ifMatch(first.etag()).build();
        StoreException e = failure(() -> store.getBytes(current), "getBytes of the current version if-match the old etag");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
    }

    @Test
    final void optional_concurrentPutsToOneKeyEachGetTheirOwnVersion() {
        requireCapability(BlobCapability.VERSIONING);
        int count = 16;
        List<CompletableFuture<BlobInfo>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            puts.add(store.put(PutBlobRequest.builder().id(id("contended")).build(),
                    BlobContent.fromBytes(pattern(100 + i, 70 + i))));
        }
        await(() -> CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])), count + " parallel puts to one key");

        Set<String> versions = new HashSet<>();
        for (int i = 0; i < count; i++) {
            BlobInfo info = puts.get(i).join();
            String version = info.versionId().orElseThrow(() -> new AssertionError("put returned no version id"));
            versions.add(version);
            GetBlobRequest byVersion = GetBlobRequest.builder().id(id("contended")).versionId(version).build();
            assertSameBytes(pattern(100 + i, 70 + i), await(() -> store.getBytes(byVersion), "getBytes of version " + version),
                    "version written by put " + i);
        }
        assertThat(versions).as("version ids of %s parallel puts to one key", count).hasSize(count);
    }

    // ------------------------------------------------- claims, conditional deletes, copies

    @Test
    final void optional_createOnlyPutClaimsAFreeKeyAndRefusesATakenOne() {
        requireCapability(BlobCapability.CREATE_ONLY);
        byte[] first = pattern(500, 80);
        PutBlobRequest claim = PutBlobRequest.builder().id(id("claimed")).createOnly(true).build();
        await(() -> store.put(claim, BlobContent.fromBytes(first)), "create-only put to a free key");

        StoreException e = failure(() -> store.put(claim, BlobContent.fromBytes(pattern(600, 81))),
                "create-only put to a taken key");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(e.key()).as("key named by the exception").isEqualTo(id("claimed").key());
        assertSameBytes(first, getBytes("claimed"), "object after the refused claim");
    }

    @Test
    final void optional_createOnlyMultipartUploadRefusesATakenKey(@TempDir Path dir) throws IOException {
        requireCapability(BlobCapability.CREATE_ONLY);
        byte[] first = pattern(700, 87);
        put("claimed-large", first);
        Path large = patternFile(dir, "large.bin", multipartSize(), 88);
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("claimed-large")).createOnly(true).build(),
                BlobContent.fromPath(large)), "create-only multipart upload to a taken key");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertSameBytes(first, getBytes("claimed-large"), "object after the refused multipart claim");

        await(() -> store.put(PutBlobRequest.builder().id(id("free-large")).createOnly(true).build(),
                BlobContent.fromPath(large)), "create-only multipart upload to a free key");
        assertThat(head("free-large").size()).as("size of the claimed multipart object").isEqualTo(multipartSize());
    }

    @Test
    final void optional_createOnlyRaceHasExactlyOneWinner() {
        requireCapability(BlobCapability.CREATE_ONLY);
        int count = 8;
        // Rounds: a claim that is wrong only under contention (a retried compare-and-set, say) shows rarely.
        for (int round = 0; round < 25; round++) {
            String key = "raced-" + round;
            List<CompletableFuture<BlobInfo>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                puts.add(store.put(PutBlobRequest.builder().id(id(key)).createOnly(true).build(),
                        BlobContent.fromBytes(pattern(2000 + i, 90 + i))));
            }
            int winner = -1;
            int winners = 0;
            for (int i = 0; i < count; i++) {
                try {
                    puts.get(i).join();
                    winners++;
                    winner = i;
                } catch (CompletionException e) {
                    Throwable cause = TckSupport.unwrap(e);
                    assertThat(cause).as("round %s, loser %s", round, i).isInstanceOf(StoreException.class);
                    assertThat(((StoreException) cause).code()).as("round %s, loser %s: %s", round, i, cause)
                            .isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
                }
            }
            assertThat(winners).as("round %s: create-only puts of %s racing writers that succeeded", round, count)
                    .isEqualTo(1);
            assertSameBytes(pattern(2000 + winner, 90 + winner), getBytes(key),
                    "object after round " + round + ": the winner's bytes");
        }
    }

    @Test
    final void optional_conditionalDeleteRemovesOnlyTheExpectedObject() {
        requireCapability(BlobCapability.CONDITIONAL_DELETE);
        String oldEtag = put("guarded-delete", pattern(300, 82)).etag();
        byte[] current = pattern(301, 83);
        String newEtag = put("guarded-delete", current).etag();

        StoreException e = failure(() -> store.delete(DeleteBlobRequest.builder().id(id("guarded-delete")).ifMatch(oldEtag).build()),
                "delete if-match the etag of a replaced object");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertSameBytes(current, getBytes("guarded-delete"), "object after the refused delete");

        await(() -> store.delete(DeleteBlobRequest.builder().id(id("guarded-delete")).ifMatch(newEtag).build()),
                "delete if-match the current etag");
        StoreException gone = failure(() -> store.head(GetBlobRequest.of(id("guarded-delete"))), "head after the delete");
        assertThat(gone.code()).as("code: %s", gone).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    final void optional_copyDuplicatesBytesWithTheNewMetadata() {
        requireCapability(BlobCapability.COPY);
        byte[] data = pattern(5000, 84);
        String etag = put("copy-source", data).etag();
        CopyBlobRequest copy = CopyBlobRequest.builder()
                .source(GetBlobRequest.builder().id(id("copy-source")).ifMatch(etag).build())
                .destination(PutBlobRequest.builder().id(id("copy-target")).contentType("text/plain")
                        .userMetadata(Map.of("owner", "second")).build())
                .build();
        BlobInfo info = await(() -> store.copy(copy), "copy");

        assertThat(info.size()).as("size of the copy").isEqualTo(data.length);
        assertSameBytes(data, getBytes("copy-target"), "bytes of the copy");
        BlobInfo target = head("copy-target");
        assertThat(target.contentType()).as("content type of the copy").startsWith("text/plain");
        assertThat(target.userMetadata()).as("metadata of the copy").containsEntry("owner", "second");
        assertSameBytes(data, getBytes("copy-source"), "source after the copy");
    }

    @Test
    final void optional_copyOfAChangedSourceFailsWithPreconditionFailed() {
        requireCapability(BlobCapability.COPY);
        String oldEtag = put("copy-changed", pattern(400, 85)).etag();
        put("copy-changed", pattern(401, 86));
        CopyBlobRequest copy = CopyBlobRequest.builder()
                .source(GetBlobRequest.builder().id(id("copy-changed")).ifMatch(oldEtag).build())
                .destination(PutBlobRequest.builder().id(id("copy-changed-target")).build())
                .build();
        StoreException e = failure(() -> store.copy(copy), "copy if-match the etag of a replaced object");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        StoreException head = failure(() -> store.head(GetBlobRequest.of(id("copy-changed-target"))), "head of the refused copy");
        assertThat(head.code()).as("code: %s", head).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    // ---------------------------------------------------------------- canary

    @Test
    final void required_undeclaredCapabilitiesAreRefused() {
        Set<BlobCapability> refusable = EnumSet.of(BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT,
                BlobCapability.VERSIONING, BlobCapability.RANGE_READ, BlobCapability.IF_MATCH, BlobCapability.CREATE_ONLY,
                BlobCapability.CONDITIONAL_DELETE, BlobCapability.COPY);
        Set<BlobCapability> undeclared = EnumSet.copyOf(refusable);
        undeclared.removeAll(store.capabilities());
        assumeTrue(!undeclared.isEmpty(), () -> "provider declares every capability the canary can probe: " + refusable);

        byte[] data = pattern(100, 41);
        String etag = put("canary", data).etag();
        BlobId id = id("canary");
        Map<String, Supplier<CompletableFuture<?>>> probes = new LinkedHashMap<>();
        if (undeclared.contains(BlobCapability.PRESIGN_GET)) {
            probes.put("presignGet (PRESIGN_GET)", () -> store.presignGet(GetBlobRequest.of(id), Duration.ofMinutes(1)));
        }
        if (undeclared.contains(BlobCapability.PRESIGN_PUT)) {
            probes.put("presignPut (PRESIGN_PUT)", () -> store.presignPut(PutBlobRequest.builder().id(id).build(),
                    Duration.ofMinutes(1)));
        }
        if (undeclared.contains(BlobCapability.VERSIONING)) {
            GetBlobRequest versioned = GetBlobRequest.builder().id(id).versionId("tck-version-1").build();
            probes.put("getBytes with a version id (VERSIONING)", () -> store.getBytes(versioned));
            probes.put("head with a version id (VERSIONING)", () -> store.head(versioned));
            probes.put("delete with a version id (VERSIONING)",
                    () -> store.delete(DeleteBlobRequest.builder().id(id).versionId("tck-version-1").build()));
            probes.put("deleteAll with a version id (VERSIONING)",
                    () -> firstFailureOf(store.deleteAll(List.of(DeleteBlobRequest.builder().id(id).versionId("tck-version-1").build()))));
        }
        if (undeclared.contains(BlobCapability.RANGE_READ)) {
            probes.put("getBytes with a range (RANGE_READ)",
                    () -> store.getBytes(GetBlobRequest.builder().id(id).range(ByteRange.of(0, 9)).build()));
        }
        if (undeclared.contains(BlobCapability.IF_MATCH)) {
            probes.put("getBytes with if-match (IF_MATCH)",
                    () -> store.getBytes(GetBlobRequest.builder().id(id).ifMatch(etag).build()));
        }

        if (undeclared.contains(BlobCapability.CREATE_ONLY)) {
            probes.put("create-only put (CREATE_ONLY)", () -> store.put(PutBlobRequest.builder().id(id("canary-claim"))
                    .createOnly(true).build(), BlobContent.fromBytes(data)));
        }
        if (undeclared.contains(BlobCapability.CONDITIONAL_DELETE)) {
            probes.put("delete with if-match (CONDITIONAL_DELETE)",
                    () -> store.delete(DeleteBlobRequest.builder().id(id).ifMatch("0".repeat(32)).build()));
            probes.put("deleteAll with if-match (CONDITIONAL_DELETE)",
                    () -> firstFailureOf(store.deleteAll(List.of(DeleteBlobRequest.builder().id(id).ifMatch("0".repeat(32)).build()))));
        }
        if (undeclared.contains(BlobCapability.COPY)) {
            probes.put("copy (COPY)", () -> store.copy(CopyBlobRequest.builder().source(GetBlobRequest.of(id))
                    .destination(PutBlobRequest.builder().id(id("canary-copy")).build()).build()));
        }

        SoftAssertions soft = new SoftAssertions();
        probes.forEach((name, probe) -> soft.check(() -> {
            StoreException e = failure(probe, name + ", not declared");
            assertThat(e.code()).as("%s is not declared, so it must fail with UNSUPPORTED: %s", name, e)
                    .isEqualTo(StoreErrorCode.UNSUPPORTED);
        }));
        soft.assertAll();
        // A store that ignored the version id of a delete would have removed the current object.
        assertSameBytes(data, getBytes("canary"), "object after the refused calls");
    }

    // ------------------------------------------------------------ credentials

    @Test
    final void optional_wrongCredentialsFailWithAccessDenied() throws InterruptedException {
        requireCapability(BlobCapability.CREDENTIALS_CHECKED);
        put("guarded", new byte[] {1});
        try (BlobStore intruder = open(wrongCredentials())) {
            StoreException read = failure(() -> intruder.getBytes(GetBlobRequest.of(id("guarded"))), "getBytes with wrong credentials");
            assertThat(read.code()).as("code: %s", read).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            StoreException write = null;
            // A server may refuse before it has read the body and close the connection under the
            // client's last write (a broken pipe): the refusal is then not seen (s3proxy: 1 one-byte
            // PUT in 200, and lost races come in runs while the machine is busy). Unlike a missing
            // bucket, a store cannot tell this case apart afterwards (a HEAD of the bucket is also
            // refused to a principal that may only write), so the kit asks again, after a pause.
            for (int attempt = 0; attempt < 10 && (write == null || write.code() == StoreErrorCode.CONNECTION_LOST); attempt++) {
                if (attempt > 0) {
                    Thread.sleep(100);
                }
                write = failure(() -> intruder.put(PutBlobRequest.builder().id(id("intruder")).build(),
                        BlobContent.fromBytes(new byte[] {1})), "put with wrong credentials");
            }
            assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            String secret = wrongCredentials().credentials().secretAccessKey().orElseThrow();
            assertThat(List.of(read.getMessage(), write.getMessage())).as("messages of the refusals")
                    .allSatisfy(m -> assertThat(m).doesNotContain(secret));
        }
        assertThat(listAll(prefix, 1000)).extracting(b -> b.id().key()).as("objects after the refused put")
                .containsExactly(prefix + "guarded");
    }

    // ------------------------------------------------------ failed uploads

    @ParameterizedTest(name = "declared length {0}")
    @ValueSource(booleans = {true, false})
    final void required_failedUploadLeavesNothingBehind(boolean knownLength) {
        long size = multipartSize();
        long breakAt = size - 2 * MIB;
        PatternInputStream broken = new PatternInputStream(size, 51, breakAt);
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("broken")).build(),
                BlobContent.fromStream(broken, knownLength ? size : -1)), "put of a stream that breaks at byte " + breakAt);
        assertThat(e).as("failure of an upload whose source broke").isNotNull();

        StoreException head = failure(() -> store.head(GetBlobRequest.of(id("broken"))), "head after the failed upload");
        assertThat(head.code()).as("code: %s", head).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(listAll(prefix, 1000)).as("objects after a failed upload").isEmpty();
    }

    @Test
    final void required_failedUploadKeepsThePreviousObject() {
        byte[] previous = "previous content".getBytes(StandardCharsets.UTF_8);
        BlobInfo before = put("kept", previous);
        PatternInputStream broken = new PatternInputStream(MIB, 52, MIB / 2);
        failure(() -> store.put(PutBlobRequest.builder().id(id("kept")).build(), BlobContent.fromStream(broken, MIB)),
                "put of a stream that breaks halfway");

        assertSameBytes(previous, getBytes("kept"), "object after a failed overwrite");
        assertThat(head("kept").etag()).as("etag after a failed overwrite").isEqualTo(before.etag());
    }

    @Test
    final void required_streamShorterThanItsDeclaredLengthIsRefusedWithInvalidInput() {
        byte[] data = pattern(3000, 53);
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("short")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), 5000)), "put of 3000 bytes declared as 5000");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);

        StoreException head = failure(() -> store.head(GetBlobRequest.of(id("short"))), "head after the refused upload");
        assertThat(head.code()).as("code: %s", head).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        assertThat(listAll(prefix, 1000)).as("objects after the refused upload").isEmpty();
    }

    @Test
    final void required_streamLongerThanItsDeclaredLengthIsRefusedWithInvalidInput() {
        byte[] previous = "previous content".getBytes(StandardCharsets.UTF_8);
        BlobInfo before = put("long", previous);
        byte[] data = pattern(5000, 54);
        StoreException e = failure(() -> store.put(PutBlobRequest.builder().id(id("long")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), 3000)), "put of 5000 bytes declared as 3000");
        assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.INVALID_INPUT);

        assertSameBytes(previous, getBytes("long"), "object after the refused overwrite (not a truncated upload)");
        assertThat(head("long").etag()).as("etag after the refused overwrite").isEqualTo(before.etag());
    }

    // ----------------------------------------------------------- concurrency

    @Test
    final void required_parallelPutsAllLand() {
        int count = 16;
        List<CompletableFuture<BlobInfo>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = pattern(10_000 + i, 60 + i);
            BlobId id = id(String.format(Locale.ROOT, "parallel/%02d", i));
            puts.add(store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(data)));
        }
        await(() -> CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])), count + " parallel puts");

        assertThat(listAll(prefix + "parallel/", 1000)).as("objects after %s parallel puts", count).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertSameBytes(pattern(10_000 + i, 60 + i), getBytes(String.format(Locale.ROOT, "parallel/%02d", i)),
                    "object " + i);
        }
    }

    // --------------------------------------------------------------- helpers

    /**
     * Skips the calling test, naming the capability and, where {@link #missingCapabilityReasons()}
     * gives one, why the provider lacks it, when the store does not declare it.
     */
    protected final void requireCapability(BlobCapability capability) {
        assumeTrue(store.capabilities().contains(capability), () -> "provider does not declare " + capability
                + Optional.ofNullable(missingCapabilityReasons().get(capability)).map(r -> ": " + r).orElse(""));
    }

    /**
     * A batch delete that failed as a whole, or whose first request failed, as one failed
     * future: a store may refuse a request it cannot do either way.
     */
    private static CompletableFuture<List<DeleteOutcome>> firstFailureOf(CompletableFuture<List<DeleteOutcome>> deleteAll) {
        return deleteAll.thenCompose(outcomes -> outcomes.get(0).failure()
                .<CompletableFuture<List<DeleteOutcome>>>map(CompletableFuture::failedFuture)
                .orElse(CompletableFuture.completedFuture(outcomes)));
    }

    /** The id of a key under this test's prefix. */
    protected final BlobId id(String suffix) {
        return BlobId.of(bucket, prefix + suffix);
    }

    private long multipartSize() {
        return multipartThreshold() + MIB;
    }

    private List<String> awkwardKeys() {
        List<String> suffixes = List.of(
                "with space.txt",
                "two  spaces and a trailing one ",
                "unicode-é-ß-日本語-😀.txt",
                "hash#1#2",
                "nested/dir/file.txt",
                "percent%2Fnot-a-slash%",
                "percent%25twice%%",
                "plus+sign+.txt",
                "question?mark=1",
                "amp&ersand&x=y",
                "equals=sign",
                "semi;colon,comma",
                "parens(1)!*'~@:$");
        List<String> keys = new ArrayList<>();
        for (String s : suffixes) {
            keys.add(prefix + s);
        }
        keys.add(keyOfBytes("k1000-", 1000));
        keys.add(keyOfBytes("k1024-", MAX_KEY_BYTES));
        return keys;
    }

    /** A key under the prefix of exactly {@code bytes} UTF-8 bytes, mostly two-byte characters. */
    private String keyOfBytes(String start, int bytes) {
        StringBuilder key = new StringBuilder(prefix).append(start);
        while (utf8Length(key.toString()) + 2 <= bytes) {
            key.append('é');
        }
        while (utf8Length(key.toString()) < bytes) {
            key.append('x');
        }
        assertThat(utf8Length(key.toString())).isEqualTo(bytes);
        return key.toString();
    }

    /**
     * A media type in a form where equal ones compare equal: no whitespace around the ';'
     * separators (nor at the ends), type, subtype and parameter names in lower case;
     * parameter values, which may be case-sensitive, are kept as they are, and a quoted
     * value is kept whole even when it holds ';'. {@code null} stays {@code null}.
     */
    private static String mediaType(String value) {
        if (value == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                part.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        StringBuilder normal = new StringBuilder(parts.get(0).toLowerCase(Locale.ROOT));
        for (String parameter : parts.subList(1, parts.size())) {
            if (parameter.isEmpty()) {
                // RFC 9110 allows empty parameters ("text/plain;;charset=utf-8"); they mean nothing.
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            normal.append(';').append(name.toLowerCase(Locale.ROOT)).append(eq < 0 ? "" : parameter.substring(eq));
        }
        return normal.toString();
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private BlobInfo put(String suffix, byte[] data) {
        return await(() -> store.put(PutBlobRequest.builder().id(id(suffix)).build(), BlobContent.fromBytes(data)),
                "put of " + data.length + " bytes at " + id(suffix));
    }

    private byte[] getBytes(String suffix) {
        return await(() -> store.getBytes(GetBlobRequest.of(id(suffix))), "getBytes of " + id(suffix));
    }

    private byte[] getRange(ByteRange range) {
        return await(() -> store.getBytes(GetBlobRequest.builder().id(id("ranged")).range(range).build()),
                "getBytes of " + range);
    }

    private BlobInfo head(String suffix) {
        return await(() -> store.head(GetBlobRequest.of(id(suffix))), "head of " + id(suffix));
    }

    private List<BlobInfo> listAll(String listPrefix, int maxKeys) {
        return listPages(listPrefix, maxKeys).stream().flatMap(p -> p.blobs().stream()).collect(Collectors.toList());
    }

    private List<BlobPage> listPages(String listPrefix, int maxKeys) {
        List<BlobPage> pages = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            BlobPage page = await(() -> store.list(ListBlobsRequest.builder().bucket(bucket).prefix(listPrefix)
                    .continuationToken(current).maxKeys(maxKeys).build()),
                    "list of " + listPrefix + (current == null ? "" : " from a token"));
            pages.add(page);
            assertThat(page.blobs().size()).as("page size with maxKeys=%s", maxKeys).isLessThanOrEqualTo(maxKeys);
            token = page.nextToken().orElse(null);
            assertThat(pages.size()).as("pages listed (a token that never ends?)").isLessThan(1000);
        } while (token != null);
        return pages;
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            return Collections.unmodifiableList(names);
        }
    }

    private HttpResponse<byte[]> httpGet(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Changes one character of the signature parameter, or of the query's last value when none is named so. */
    private static String tamperSignature(String url) {
        Matcher m = Pattern.compile("([?&][^=&]*[Ss]ig[^=&]*=)([^&]+)").matcher(url);
        int valueStart;
        if (m.find()) {
            valueStart = m.start(2);
        } else {
            valueStart = url.lastIndexOf('=') + 1;
            assertThat(valueStart).as("a query value to tamper with in %s", url).isGreaterThan(0);
        }
        char c = url.charAt(valueStart);
        char replacement = c == '0' ? '1' : '0';
        return url.substring(0, valueStart) + replacement + url.substring(valueStart + 1);
    }

    private static String expectedMultipartEtag(Path file, long partSize) throws IOException {
        MessageDigest ofParts = TckSupport.digest("MD5");
        long size = Files.size(file);
        int parts = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (long done = 0; done < size; done += partSize) {
                byte[] part = in.readNBytes((int) Math.min(partSize, size - done));
                ofParts.update(TckSupport.digest("MD5").digest(part));
                parts++;
            }
        }
        return HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static String randomHex(int length) {
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
