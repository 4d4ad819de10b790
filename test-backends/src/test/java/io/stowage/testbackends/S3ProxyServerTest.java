package io.stowage.testbackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@ExtendWith(S3ProxyServerExtension.class)
class S3ProxyServerTest {

    @Test
    void sharedServerIsOneAndRunning(S3ProxyServer injected) {
        assertThat(injected).isSameAs(S3ProxyServer.shared());
        assertThat(injected.isRunning()).isTrue();
        assertThat(injected.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(injected.port()).isPositive();
        assertThat(injected.region()).isEqualTo("us-east-1");
        assertThat(injected.toString()).doesNotContain(injected.secretKey());
        injected.close();
        assertThat(injected.isRunning()).as("closing the shared server is ignored").isTrue();
    }

    @Test
    void unsignedRequestsAreRefused(S3ProxyServer s3) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(s3.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void signedRoundTripAndWrongSecretRefused(S3ProxyServer s3) {
        String bucket = S3ProxyServer.uniqueBucketName("round-trip");
        try (S3Client client = client(s3.endpoint(), s3.accessKey(), s3.secretKey())) {
            client.createBucket(b -> b.bucket(bucket));
            client.putObject(b -> b.bucket(bucket).key("a/b.txt"), RequestBody.fromString("hello"));
            String back = client.getObjectAsBytes(b -> b.bucket(bucket).key("a/b.txt")).asString(StandardCharsets.UTF_8);
            assertThat(back).isEqualTo("hello");
        }
        try (S3Client wrong = client(s3.endpoint(), s3.accessKey(), "not-the-secret")) {
            assertThatThrownBy(() -> wrong.headBucket(b -> b.bucket(bucket)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    /**
     * Pins {@link S3ProxyServer#EMPTY_KEY_SEGMENT_LIMIT}: the TCKs skip a test for it, so
     * when an s3proxy upgrade keeps "a//b" this fails and the skip can go.
     */
    @Test
    void emptyKeySegmentIsCollapsedAsDocumented(S3ProxyServer s3) throws Exception {
        String bucket = S3ProxyServer.uniqueBucketName("empty-segment");
        try (S3Client client = client(s3.endpoint(), s3.accessKey(), s3.secretKey());
             S3Presigner presigner = S3Presigner.builder()
                     .endpointOverride(s3.endpoint())
                     .region(Region.US_EAST_1)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                     .build()) {
            client.createBucket(b -> b.bucket(bucket));
            // A presigned URL sent by the JDK's client: the SDK's Apache client would itself
            // drop the '//' (and fail the signature), which is not the limit pinned here.
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .putObjectRequest(b -> b.bucket(bucket).key("double//slash"))).url().toURI();
            assertThat(url.getRawPath()).endsWith("/double//slash");
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as("status of the PUT: %s", put.body()).isEqualTo(200);
            assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("double/slash");
        }
    }

    @Test
    void ownServerStopsOnClose() throws Exception {
        URI endpoint;
        try (S3ProxyServer own = S3ProxyServer.start()) {
            endpoint = own.endpoint();
            assertThat(own.port()).isNotEqualTo(S3ProxyServer.shared().port());
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void onDiskServerKeepsObjectsInFiles(@TempDir Path dir) throws Exception {
        try (S3ProxyServer own = S3ProxyServer.startOnDisk(dir);
             S3Client client = client(own.endpoint(), own.accessKey(), own.secretKey())) {
            client.createBucket(b -> b.bucket("on-disk"));
            client.putObject(b -> b.bucket("on-disk").key("file.txt"), RequestBody.fromString("on disk"));
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .contains("file.txt");
            }
        }
    }

    @Test
    void uniqueBucketNamesAreValid() {
        String name = S3ProxyServer.uniqueBucketName("My_Test.Class#with-a-very-long-name-that-goes-on-and-on");
        assertThat(name).matches("[a-z0-9][a-z0-9-]{2,62}");
        assertThat(S3ProxyServer.uniqueBucketName("x")).isNotEqualTo(S3ProxyServer.uniqueBucketName("x"));
    }

    private static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }
}
