package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Which requests a put sends: one PutObject on the plain client below the multipart
 * threshold, the parts at or above it, and never a HEAD to learn the last-modified time,
 * which comes from the answer's {@code Date}. An SDK interceptor sees every request.
 */
class S3PutRequestsTest {

    private static final long MIB = 1024 * 1024;
    /** What the multipart-enabled client adds to the user agent. */
    private static final String MULTIPART_CLIENT = "hll/s3Multipart";
    /** Last-modified has second precision, and s3proxy runs on this machine's clock. */
    private static final Duration TOLERANCE = Duration.ofSeconds(5);

    private static final Recorder RECORDER = new Recorder();
    private static S3BlobStore store;
    private static String bucket;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        store = S3BlobStore.builder()
                .settings(S3ProxyStores.settings(s3).build())
                .capabilities(S3ProxyStores.S3PROXY_CAPABILITIES)
                .environment(name -> null)
                .systemProperties(name -> null)
                .executionInterceptor(RECORDER)
                .build();
        bucket = S3ProxyServer.uniqueBucketName("s3-put-requests");
        store.createBucket(bucket, null).join();
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @BeforeEach
    void reset() {
        RECORDER.clear();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes", "path", "stream", "empty-stream"})
    void putBelowTheThresholdIsOnePutObjectOnThePlainClient(String kind) throws IOException {
        byte[] data = kind.equals("empty-stream") ? new byte[0] : randomBytes(64 * 1024, kind.hashCode());
        BlobId id = BlobId.of(bucket, "small/" + kind);
        Instant before = Instant.now();
        BlobInfo info = store.put(PutBlobRequest.builder().id(id).contentType("text/plain")
                .userMetadata(Map.of("Origin", "test")).build(), content(kind, data)).join();
        Instant after = Instant.now();

        assertThat(RECORDER.operations()).as("requests of a %s-byte put from %s", data.length, kind)
                .containsExactly("PutObject");
        // The multipart-enabled client names itself in the user agent; the plain client does not.
        assertThat(RECORDER.request("PutObject").firstMatchingHeader("User-Agent")).get().asString()
                .doesNotContain(MULTIPART_CLIENT);
        assertNearNow(info.lastModified(), before, after);
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.etag()).isEqualTo(md5Hex(data));
        assertThat(info.contentType()).isEqualTo("text/plain");
        assertThat(info.userMetadata()).as("metadata keys as S3 stores them").containsExactly(Map.entry("origin", "test"));

        BlobInfo head = store.head(GetBlobRequest.of(id)).join();
        assertThat(head.etag()).isEqualTo(info.etag());
        assertThat(head.size()).isEqualTo(info.size());
        assertThat(Duration.between(head.lastModified(), info.lastModified()).abs())
                .as("last-modified from the PUT's Date (%s) against the HEAD's (%s)", info.lastModified(), head.lastModified())
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void singlePutSendsTheSameChecksumAsTheTransferManager() {
        store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "checksum/plain")).build(),
                BlobContent.fromBytes(randomBytes(1000, 1))).join();
        SdkHttpRequest plain = RECORDER.request("PutObject");
        RECORDER.clear();
        // Unknown length: the transfer manager, which then sends one PutObject too.
        store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "checksum/tm")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(randomBytes(1000, 2)), -1)).join();
        SdkHttpRequest viaTransferManager = RECORDER.request("PutObject");
        assertThat(viaTransferManager.firstMatchingHeader("User-Agent")).get().asString().contains(MULTIPART_CLIENT);

        assertThat(checksumHeaders(plain)).as("checksum headers of the plain PutObject")
                .isNotEmpty()
                .isEqualTo(checksumHeaders(viaTransferManager));
    }

    @Test
    void streamOfUnknownLengthMakesNoHead() {
        byte[] data = randomBytes(1000, 3);
        Instant before = Instant.now();
        BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "unknown/small")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), -1)).join();
        Instant after = Instant.now();

        assertThat(RECORDER.operations()).containsExactly("PutObject");
        assertNearNow(info.lastModified(), before, after);
        assertThat(info.size()).as("size counted from the stream").isEqualTo(data.length);
        assertThat(info.etag()).isEqualTo(md5Hex(data));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes", "path", "stream"})
    void putAtTheThresholdGoesInPartsAndMakesNoHead(String kind) throws IOException {
        // A threshold above the part size: the SDK sends an object of one part as a single
        // PUT whatever the threshold, so a threshold equal to the part size would prove nothing.
        long threshold = 6 * MIB;
        byte[] data = randomBytes((int) threshold, 4);
        BlobId id = BlobId.of(bucket, "multipart/" + kind);
        Instant before = Instant.now();
        BlobInfo info = store.put(PutBlobRequest.builder().id(id).multipartThreshold(threshold).partSize(5 * MIB).build(),
                content(kind, data)).join();
        Instant after = Instant.now();

        assertThat(RECORDER.operations()).as("requests of a put of exactly the threshold from %s", kind)
                .containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart", "CompleteMultipartUpload");
        assertNearNow(info.lastModified(), before, after);
        assertThat(info.size()).isEqualTo(threshold);
        assertThat(info.etag()).endsWith("-2");
        assertThat(store.head(GetBlobRequest.of(id)).join().etag()).isEqualTo(info.etag());
    }

    /** What {@code MULTIPART_PARALLEL} declares: a large upload has several parts on the wire at once. */
    @Test
    void partsOfALargeUploadAreSentInParallel() throws IOException {
        assertThat(store.capabilities()).contains(BlobCapability.MULTIPART_PARALLEL);
        Path file = tmp.resolve("parallel.bin");
        Files.write(file, randomBytes((int) (48 * MIB), 48));

        BlobId id = BlobId.of(bucket, "parallel/file.bin");
        BlobInfo info = store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromPath(file)).join();
        // s3proxy keeps objects in this JVM's small heap.
        store.delete(DeleteBlobRequest.of(id)).join();

        assertThat(info.etag()).endsWith("-6");
        assertThat(RECORDER.operations()).filteredOn("UploadPart"::equals).hasSize(6);
        assertThat(RECORDER.mostPartsInFlight()).as("parts sent at one time").isGreaterThan(1);
    }

    @Test
    void answerWithoutDateIsCompletedByAHead() {
        RECORDER.stripDate = true;
        try {
            BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "undated")).build(),
                    BlobContent.fromBytes(new byte[] {1, 2, 3})).join();
            assertThat(RECORDER.operations()).containsExactly("PutObject", "HeadObject");
            assertThat(info.lastModified()).as("last-modified from the HEAD").isNotNull()
                    .isEqualTo(store.head(GetBlobRequest.of(BlobId.of(bucket, "undated"))).join().lastModified());
        } finally {
            RECORDER.stripDate = false;
        }
    }

    private static void assertNearNow(Instant lastModified, Instant before, Instant after) {
        assertThat(lastModified).as("last-modified returned by put").isNotNull()
                .isBetween(before.truncatedTo(ChronoUnit.SECONDS).minus(TOLERANCE), after.plus(TOLERANCE));
    }

    private static Map<String, List<String>> checksumHeaders(SdkHttpRequest request) {
        Map<String, List<String>> out = new TreeMap<>();
        request.forEachHeader((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("checksum") || lower.equals("x-amz-trailer") || lower.equals("content-encoding")) {
                // The values of a checksum differ with the bytes; which headers are sent is what counts.
                out.put(lower, lower.startsWith("x-amz-checksum-") ? List.of() : values);
            }
        });
        return out;
    }

    private BlobContent content(String kind, byte[] data) throws IOException {
        switch (kind) {
            case "bytes":
                return BlobContent.fromBytes(data);
            case "path": {
                Path file = Files.createTempFile(tmp, "up", ".bin");
                Files.write(file, data);
                return BlobContent.fromPath(file);
            }
            default:
                return BlobContent.fromStream(new ByteArrayInputStream(data), data.length);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records each request's operation and HTTP request; can drop the answer's Date header. */
    private static final class Recorder implements ExecutionInterceptor {
        private final List<String> operations = new CopyOnWriteArrayList<>();
        private final List<Map.Entry<String, SdkHttpRequest>> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger partsInFlight = new AtomicInteger();
        private final AtomicInteger mostPartsInFlight = new AtomicInteger();
        volatile boolean stripDate;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            operations.add(operation);
            requests.add(Map.entry(operation, context.httpRequest()));
            if ("UploadPart".equals(operation)) {
                mostPartsInFlight.accumulateAndGet(partsInFlight.incrementAndGet(), Math::max);
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if ("UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                partsInFlight.decrementAndGet();
            }
        }

        /** The most parts that were being sent at one time since the last {@link #clear()}. */
        int mostPartsInFlight() {
            return mostPartsInFlight.get();
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (stripDate && "PutObject".equals(operation)) {
                return context.httpResponse().toBuilder().removeHeader("Date").build();
            }
            return context.httpResponse();
        }

        void clear() {
            operations.clear();
            requests.clear();
            partsInFlight.set(0);
            mostPartsInFlight.set(0);
        }

        List<String> operations() {
            return new ArrayList<>(operations);
        }

        SdkHttpRequest request(String operation) {
            return requests.stream().filter(e -> e.getKey().equals(operation)).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + operation + " among " + operations));
        }
    }
}
