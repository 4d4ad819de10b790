package io.stowage.provider.s3;

import static io.stowage.provider.s3.S3ProxyStores.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.Credentials;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that leave a value unset get it from the standard AWS environment, read the
 * way the SDK reads it. System properties stand in for environment variables (the SDK
 * reads {@code aws.region} before {@code AWS_REGION}, and so on); endpoint variables go
 * through the store's injectable environment.
 */
class StandardAwsEnvironmentTest {

    private static final List<String> PROPERTIES = List.of("aws.region", "aws.configFile",
            "aws.sharedCredentialsFile", "aws.disableEc2Metadata", "aws.accessKeyId", "aws.secretAccessKey",
            "aws.profile");

    private static S3ProxyServer s3;
    private static String bucket;
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void bucket() {
        s3 = S3ProxyServer.shared();
        bucket = S3ProxyServer.uniqueBucketName("environment");
        try (S3BlobStore store = S3ProxyStores.store(s3)) {
            store.createBucket(bucket, null).join();
        }
    }

    @BeforeEach
    void isolate() throws Exception {
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
            System.clearProperty(p);
        }
        // Keep the developer's ~/.aws files out, and never ask the EC2 metadata service:
        // it is not on this machine, and the tests must not reach for it.
        Path empty = Files.createFile(tmp.resolve("empty-config"));
        System.setProperty("aws.configFile", empty.toString());
        System.setProperty("aws.sharedCredentialsFile", empty.toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void endpointFromTheEnvironmentWithPathStyle() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        StoreSettings settings = StoreSettings.builder().region(s3.region())
                .credentials(Credentials.basic(s3.accessKey(), s3.secretKey())).build();
        try (S3BlobStore store = S3BlobStore.builder().settings(settings).environment(env::get).build()) {
            BlobId id = BlobId.of(bucket, "env/endpoint.txt");
            store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(bytes("via env"))).join();
            assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(bytes("via env"));
            assertThat(store.toString()).contains("pathStyle=true");
        }
    }

    @Test
    void regionFromTheRegionChain() {
        System.setProperty("aws.region", "eu-central-1");
        try (S3BlobStore store = S3BlobStore.create(StoreSettings.builder().endpoint(s3.endpoint()).build())) {
            assertThat(store.region()).isEqualTo("eu-central-1");
        }
        try (S3BlobStore store = S3BlobStore.create(StoreSettings.builder().region("ap-south-1").build())) {
            assertThat(store.region()).as("settings win").isEqualTo("ap-south-1");
        }
    }

    @Test
    void regionFallsBackToUsEast1WhenNothingNamesOne() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "AWS_REGION is set in this environment");
        try (S3BlobStore store = S3BlobStore.create(StoreSettings.builder().endpoint(s3.endpoint()).build())) {
            assertThat(store.region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void namedProfileGivesCredentialsAndRegion() throws Exception {
        Path credentials = tmp.resolve("credentials");
        Files.writeString(credentials, "[stowage-test]\naws_access_key_id = " + s3.accessKey()
                + "\naws_secret_access_key = " + s3.secretKey() + "\n");
        Path config = tmp.resolve("config");
        Files.writeString(config, "[profile stowage-test]\nregion = us-east-1\n\n[default]\nregion = eu-north-1\n");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());

        StoreSettings settings = StoreSettings.builder().endpoint(s3.endpoint())
                .credentials(Credentials.profile("stowage-test")).build();
        try (S3BlobStore store = S3BlobStore.builder().settings(settings).environment(name -> null).build()) {
            assertThat(store.region()).as("the profile's region, not the default profile's").isEqualTo("us-east-1");
            BlobId id = BlobId.of(bucket, "env/profile.txt");
            store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(bytes("profile"))).join();
            assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(bytes("profile"));
        }
    }

    @Test
    void defaultChainReadsTheStandardKeys() {
        System.setProperty("aws.accessKeyId", s3.accessKey());
        System.setProperty("aws.secretAccessKey", s3.secretKey());
        StoreSettings settings = StoreSettings.builder().endpoint(s3.endpoint()).region(s3.region()).build();
        try (S3BlobStore store = S3BlobStore.builder().settings(settings).environment(name -> null).build()) {
            assertThat(store.bucketExists(bucket, null).join()).isTrue();
        }
    }

    @Test
    void anonymousRequestsAreRefusedByASigningServer() {
        StoreSettings settings = S3ProxyStores.settings(s3).credentials(Credentials.anonymous()).build();
        try (S3BlobStore store = S3ProxyStores.store(settings)) {
            assertThat(failure(store.getBytes(GetBlobRequest.of(BlobId.of(bucket, "env/endpoint.txt")))).code())
                    .isEqualTo(StoreErrorCode.ACCESS_DENIED);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
