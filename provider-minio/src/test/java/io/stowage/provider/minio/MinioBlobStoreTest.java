package io.stowage.provider.minio;

import static io.stowage.provider.minio.S3ProxyMinio.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.Credentials;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.net.FaultProxy;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the TCK does not reach: how settings and the environment map onto the client
 * (endpoint, region, each kind of credentials, proxy), that failures never show a secret,
 * the multipart threshold with streams of unknown length, keys the client would mangle,
 * and discovery by name.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioBlobStoreTest
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioBlobStoreTest {

    private static final long MIB = 1024L * 1024;

    private final S3ProxyServer s3 = S3ProxyServer.shared();
    private final String bucket = S3ProxyServer.uniqueBucketName("minio-store");
    private MinioBlobStore store;

    @BeforeAll
    void createBucket() {
        store = S3ProxyMinio.store(s3);
        store.createBucket(bucket, null).join();
    }

    @AfterAll
    void close() {
        store.close();
    }

    // ------------------------------------------------------------- discovery

    @Test
    void providerIsFoundByServiceLoaderUnderItsName() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(BlobStoreProvider.class).forEach(p -> names.add(p.name()));
        assertThat(names).contains("minio");
        assertThat(new MinioBlobStoreProvider().name()).isEqualTo(MinioBlobStoreProvider.NAME).isEqualTo("minio");
    }

    // ------------------------------------------------------ endpoint, region

    @Test
    void withoutAnEndpointTheStoreRefusesToStartAndSaysWhatToSet() {
        StoreException e = catchThrowableOfType(() -> MinioBlobStore.builder()
                .settings(StoreSettings.defaults()).environment(name -> null).systemProperties(name -> null).build(),
                StoreException.class);
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("endpoint", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    }

    @Test
    void endpointRegionAndKeysComeFromTheStandardAwsEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        try (MinioBlobStore fromEnv = storeWith(StoreSettings.defaults(), env::get, name -> null)) {
            assertThat(fromEnv.endpoint()).as("AWS_ENDPOINT_URL_S3 wins over AWS_ENDPOINT_URL").isEqualTo(s3.endpoint());
            assertThat(fromEnv.region()).as("region when none is set").isEqualTo("us-east-1");
            roundTrip(fromEnv, "env/keys");
        }
        env.put("AWS_REGION", "eu-central-1");
        try (MinioBlobStore regional = storeWith(StoreSettings.defaults(), env::get, name -> null)) {
            assertThat(regional.region()).isEqualTo("eu-central-1");
        }
        try (MinioBlobStore explicit = storeWith(StoreSettings.builder().region("ap-south-1").build(), env::get,
                name -> null)) {
            assertThat(explicit.region()).as("the settings win over AWS_REGION").isEqualTo("ap-south-1");
        }
    }

    @Test
    void defaultChainFallsBackToMinioVariables() {
        Map<String, String> env = Map.of("MINIO_ACCESS_KEY", s3.accessKey(), "MINIO_SECRET_KEY", s3.secretKey());
        try (MinioBlobStore minioEnv = storeWith(StoreSettings.builder().endpoint(s3.endpoint()).build(), env::get,
                name -> null)) {
            roundTrip(minioEnv, "env/minio-keys");
        }
    }

    @Test
    void profileCredentialsAreReadFromTheSharedCredentialsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = nobody\naws_secret_access_key = nothing-here\n\n"
                + "[stowage-test]\naws_access_key_id = " + s3.accessKey() + "\naws_secret_access_key = "
                + s3.secretKey() + "\n");
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", file.toString());
        StoreSettings.Builder settings = StoreSettings.builder().endpoint(s3.endpoint());
        try (MinioBlobStore profile = storeWith(settings.credentials(Credentials.profile("stowage-test")).build(),
                env::get, name -> null)) {
            roundTrip(profile, "profile/keys");
        }
        try (MinioBlobStore missing = storeWith(settings.credentials(Credentials.profile("no-such-profile")).build(),
                env::get, name -> null)) {
            StoreException e = failure(missing.head(GetBlobRequest.of(BlobId.of(bucket, "any"))));
            assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).contains("no-such-profile", file.toString()).doesNotContain(s3.secretKey());
        }
    }

    @Test
    void defaultChainWithNothingToFindFailsEachCallWithTheReason(@TempDir Path home) {
        UnaryOperator<String> sys = name -> "user.home".equals(name) ? home.toString() : null;
        try (MinioBlobStore nothing = storeWith(StoreSettings.builder().endpoint(s3.endpoint()).build(), name -> null,
                sys)) {
            StoreException e = failure(nothing.getBytes(GetBlobRequest.of(BlobId.of(bucket, "any"))));
            assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).contains("No credentials", "AWS_ACCESS_KEY_ID", "Credentials.anonymous()");
        }
    }

    @Test
    void anonymousRequestsAreUnsignedAndRefusedByAServerThatChecksSignatures() {
        try (MinioBlobStore anonymous = S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .credentials(Credentials.anonymous()).build())) {
            StoreException e = failure(anonymous.put(PutBlobRequest.builder().id(BlobId.of(bucket, "anon")).build(),
                    BlobContent.fromBytes(new byte[] {1})));
            assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            assertThat(e.bucket()).isEqualTo(bucket);
            assertThat(e.key()).isEqualTo("anon");
        }
    }

    // ------------------------------------------------------------- secrets

    @Test
    void failuresNeverShowTheSecretKeyOrTheSessionToken() {
        String secret = "wrong-secret-" + "7f3a9c";
        String token = "session-token-" + "b81e44d0";
        try (MinioBlobStore wrong = S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .credentials(Credentials.session(s3.accessKey(), secret, token)).build())) {
            StoreException e = failure(wrong.getBytes(GetBlobRequest.of(BlobId.of(bucket, "guarded"))));
            assertThat(e.code()).isEqualTo(StoreErrorCode.ACCESS_DENIED);
            assertThat(fullTrace(e)).doesNotContain(secret).doesNotContain(token);
            assertThat(wrong.toString()).doesNotContain(secret).doesNotContain(token);
        }
    }

    @Test
    void proxyIsUsedAndItsPasswordNeverShown() throws IOException {
        int closedPort = closedPort();
        try (MinioBlobStore viaProxy = S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .proxy(URI.create("http://proxy-user:proxy-pass-5521@127.0.0.1:" + closedPort))
                .connectTimeout(Duration.ofSeconds(2))
                .build())) {
            StoreException e = failure(viaProxy.head(GetBlobRequest.of(BlobId.of(bucket, "any"))));
            assertThat(e.code()).as("a proxy that refuses connections: %s", e).isEqualTo(StoreErrorCode.CONNECTION);
            assertThat(fullTrace(e)).doesNotContain("proxy-pass-5521");
        }
    }

    @Test
    void refusedConnectionsFailWithConnection() throws IOException {
        try (MinioBlobStore nowhere = S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .endpoint(URI.create("http://127.0.0.1:" + closedPort())).maxRetries(0).build())) {
            StoreException e = failure(nowhere.getBytes(GetBlobRequest.of(BlobId.of(bucket, "k"))));
            assertThat(e.code()).isEqualTo(StoreErrorCode.CONNECTION);
            assertThat(e.bucket()).isEqualTo(bucket);
            assertThat(e.key()).isEqualTo("k");
        }
    }

    @Test
    void malformedTimeoutPropertiesAreRefusedAtCreation() {
        StoreException e = catchThrowableOfType(() -> S3ProxyMinio.store(S3ProxyMinio.settings(s3)
                .property("stowage.minio.readTimeout", "30 seconds").build()), StoreException.class);
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("stowage.minio.readTimeout", "PT30S");
    }

    // ------------------------------------------------------ keys, metadata

    @Test
    void emptyPathSegmentsOfKeysReachTheServer() {
        // The MinIO client alone would send "a/b" for "a//b" and drop leading and trailing slashes.
        for (String key : List.of("a//b", "/leading", "trailing/")) {
            URI url = store.presignGet(GetBlobRequest.of(BlobId.of(bucket, key)), Duration.ofMinutes(1)).join();
            assertThat(url.getRawPath()).as("path of the URL for %s", key).isEqualTo("/" + bucket + "/" + key);
        }
    }

    @Test
    void userMetadataValuesRoundTripExactly() {
        Map<String, String> metadata = Map.of("title", "Übersicht – 日本語", "padded", "  spaced  ",
                "looks-encoded", "=?UTF-8?B?eA==?=", "Mixed-Case", "Value");
        BlobId id = BlobId.of(bucket, "meta/exact");
        store.put(PutBlobRequest.builder().id(id).userMetadata(metadata).build(), BlobContent.fromBytes(new byte[] {1}))
                .join();
        assertThat(store.head(GetBlobRequest.of(id)).join().userMetadata()).isEqualTo(Map.of(
                "title", "Übersicht – 日本語", "padded", "  spaced  ", "looks-encoded", "=?UTF-8?B?eA==?=",
                "mixed-case", "Value"));
        StoreException e = failure(store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "meta/bad"))
                .userMetadata(Map.of("x-amz-meta-title", "t")).build(), BlobContent.fromBytes(new byte[] {1})));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
    }

    // --------------------------------------------------- multipart threshold

    @Test
    void streamsOfUnknownLengthBelowTheThresholdAreOnePut() throws Exception {
        byte[] data = random(9 * MIB, 1);
        BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "unknown/below")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), -1)).join();
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.etag()).as("9 MiB under the 10 MiB threshold: one PUT, though it exceeds one 8 MiB part")
                .isEqualTo(md5(data));
    }

    @Test
    void streamsOfUnknownLengthAboveTheThresholdGoInParts() {
        byte[] data = random(17 * MIB, 2);
        BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "unknown/above")).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), -1)).join();
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.etag()).as("17 MiB in 8 MiB parts").endsWith("-3");
        assertThat(store.getBytes(GetBlobRequest.of(info.id())).join()).isEqualTo(data);
    }

    @Test
    void theRequestsPartSizeAndThresholdWinOverTheStores() {
        byte[] data = random(11 * MIB, 3);
        BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of(bucket, "parts/request"))
                        .multipartThreshold(6 * MIB).partSize(5 * MIB).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), data.length)).join();
        assertThat(info.etag()).as("11 MiB in 5 MiB parts").endsWith("-3");
    }

    // ------------------------------------------------------ capabilities

    @Test
    void capabilitiesTellWhatTheClientDoes() {
        assertThat(MinioBlobStore.MINIO_CAPABILITIES).contains(BlobCapability.MULTIPART_PARALLEL,
                BlobCapability.CREATE_ONLY, BlobCapability.COPY)
                .doesNotContain(BlobCapability.VERSIONING, BlobCapability.CONDITIONAL_DELETE);
        try (MinioBlobStore versioned = storeWith(S3ProxyMinio.settings(s3)
                .property(MinioBlobStore.VERSIONING_PROPERTY, "true").build(), name -> null, name -> null)) {
            assertThat(versioned.capabilities()).contains(BlobCapability.VERSIONING);
        }
        try (MinioBlobStore limited = MinioBlobStore.builder().settings(S3ProxyMinio.settings(s3).build())
                .capabilities(EnumSet.of(BlobCapability.RANGE_READ)).environment(name -> null)
                .systemProperties(name -> null).build()) {
            StoreException e = failure(limited.presignGet(GetBlobRequest.of(BlobId.of(bucket, "k")),
                    Duration.ofMinutes(1)));
            assertThat(e.code()).isEqualTo(StoreErrorCode.UNSUPPORTED);
        }
    }

    @Test
    void callsAfterCloseFailThroughTheirFuture() {
        BlobStore closed = S3ProxyMinio.store(s3);
        closed.close();
        closed.close();
        StoreException e = failure(closed.head(GetBlobRequest.of(BlobId.of(bucket, "k"))));
        assertThat(e.getMessage()).contains("closed");
    }

    // --------------------------------------------------------------- helpers

    private static MinioBlobStore storeWith(StoreSettings settings, UnaryOperator<String> env,
                                            UnaryOperator<String> sys) {
        return MinioBlobStore.builder().settings(settings).environment(env).systemProperties(sys).build();
    }

    private void roundTrip(MinioBlobStore s, String key) {
        byte[] data = key.getBytes(StandardCharsets.UTF_8);
        BlobId id = BlobId.of(bucket, key);
        s.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(data)).join();
        assertThat(s.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(data);
    }

    private static String fullTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out + String.valueOf(t);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static byte[] random(long size, long seed) {
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    // ------------------------------------------------------------- uploads

    @Test
    void aMultipartUploadIsDescribedByAHeadOfWhatWasStored() {
        long threshold = 5 * MIB;
        try (FaultProxy proxy = FaultProxy.inFrontOf(s3.endpoint()).record();
             MinioBlobStore through = S3ProxyMinio.store(proxy.settingsFor(s3.settings()).toBuilder()
                     .multipartThreshold(threshold).partSize(threshold).build())) {
            byte[] bytes = new byte[(int) threshold + 3];
            new Random(7).nextBytes(bytes);
            BlobInfo info = through.put(PutBlobRequest.builder().id(BlobId.of(bucket, "answer/parts.bin")).build(),
                    BlobContent.fromBytes(bytes)).join();
            // A multipart object's date (and a file's size, should it change while its parts are read) come from the store.
            assertThat(proxy.sentToServer()).as("requests on the wire").contains("HEAD /");
            assertThat(info.size()).isEqualTo(bytes.length);
            assertThat(info.etag()).endsWith("-2");
        }
    }

    @Test
    void anUploadWhoseAnswerHasADateAndAnEtagIsDescribedWithoutAHead() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(s3.endpoint()).record();
             MinioBlobStore through = S3ProxyMinio.store(proxy.settingsFor(s3.settings()))) {
            byte[] bytes = "described by its answer".getBytes(StandardCharsets.UTF_8);
            BlobInfo info = through.put(PutBlobRequest.builder().id(BlobId.of(bucket, "answer/one.txt")).contentType("text/plain")
                    .userMetadata(Map.of("Department", "bench")).build(), BlobContent.fromBytes(bytes)).join();
            String sent = proxy.sentToServer();
            assertThat(sent).as("requests on the wire").contains("PUT /").doesNotContain("HEAD /");
            BlobInfo head = store.head(GetBlobRequest.of(BlobId.of(bucket, "answer/one.txt"))).join();
            assertThat(info.etag()).isEqualTo(head.etag());
            assertThat(info.size()).isEqualTo(head.size()).isEqualTo(bytes.length);
            assertThat(info.contentType()).isEqualTo(head.contentType());
            assertThat(info.userMetadata()).isEqualTo(head.userMetadata());
            assertThat(info.lastModified()).isBetween(head.lastModified().minusSeconds(1), head.lastModified().plusSeconds(1));
        }
    }
}
