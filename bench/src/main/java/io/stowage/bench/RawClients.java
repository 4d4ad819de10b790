package io.stowage.bench;

import java.net.URI;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stowage.spi.StoreSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The raw AWS SDK v2 clients of the baseline, tuned as the Stowage providers tune theirs
 * (Netty, same connection limits, same multipart threshold and part size), so that a
 * ratio shows what Stowage adds and not a difference of configuration.
 *
 * <p>Two S3 clients, as in {@code S3BlobStore}: a plain one for single-request puts and
 * for every read (s3proxy answers 501 to reads of multipart objects through a
 * multipart-enabled client), and a multipart-enabled one behind an
 * {@link S3TransferManager} for uploads.
 *
 * <pre>{@code
 * try (RawClients raw = new RawClients(s3Endpoint, s3AccessKey, s3SecretKey, dynamoEndpoint, "k", "s", "us-east-1")) {
 *     raw.s3().getObject(b -> b.bucket("b").key("k"), AsyncResponseTransformer.toBytes()).join();
 * }
 * }</pre>
 */
final class RawClients implements AutoCloseable {

    private static final int EVENT_LOOP_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final SdkEventLoopGroup eventLoops;
    private final SdkAsyncHttpClient s3Http;
    private final SdkAsyncHttpClient dynamoHttp;
    private final S3AsyncClient s3;
    private final S3AsyncClient s3Multipart;
    private final S3TransferManager transferManager;
    private final DynamoDbAsyncClient dynamo;

    RawClients(URI s3Endpoint, String s3AccessKey, String s3SecretKey,
               URI dynamoEndpoint, String dynamoAccessKey, String dynamoSecretKey, String region) {
        StoreSettings defaults = StoreSettings.defaults();
        // Own event loops, closed without a quiet period: the SDK's shared group would hold
        // the JVM's exit for two seconds.
        this.eventLoops = SdkEventLoopGroup.builder()
                .numberOfThreads(EVENT_LOOP_THREADS)
                .threadFactory(daemonThreads("bench-raw-netty"))
                .build();
        // The same pool sizes as S3Clients (twice the concurrency, at least 8) and
        // ClientFactory (the concurrency) use by default.
        this.s3Http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .maxConcurrency(Math.max(defaults.maxConcurrency() * 2, 8))
                .build();
        this.dynamoHttp = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .maxConcurrency(defaults.maxConcurrency())
                .build();

        StaticCredentialsProvider s3Credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3AccessKey, s3SecretKey));
        this.s3 = S3AsyncClient.builder()
                .region(Region.of(region))
                .endpointOverride(s3Endpoint)
                .forcePathStyle(true)
                .credentialsProvider(s3Credentials)
                .httpClient(s3Http)
                .build();
        MultipartConfiguration multipart = MultipartConfiguration.builder()
                // The SDK goes multipart above its threshold, Stowage at or above it.
                .thresholdInBytes(defaults.multipartThreshold() - 1)
                .minimumPartSizeInBytes(defaults.partSize())
                .parallelConfiguration(p -> p.maxInFlightParts(defaults.maxConcurrency()))
                .build();
        this.s3Multipart = S3AsyncClient.builder()
                .region(Region.of(region))
                .endpointOverride(s3Endpoint)
                .forcePathStyle(true)
                .credentialsProvider(s3Credentials)
                .httpClient(s3Http)
                .multipartEnabled(true)
                .multipartConfiguration(multipart)
                .build();
        this.transferManager = S3TransferManager.builder().s3Client(s3Multipart).build();
        this.dynamo = DynamoDbAsyncClient.builder()
                .region(Region.of(region))
                .endpointOverride(dynamoEndpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(dynamoAccessKey, dynamoSecretKey)))
                .httpClient(dynamoHttp)
                .build();
    }

    /**
     * A transfer manager of its own whose uploads send at most {@code partsInFlight} parts at
     * once (0: the default), over an HTTP client sized as the providers size theirs; closing
     * it closes its clients.
     */
    OwnTransferManager transferManager(int partsInFlight) {
        StoreSettings defaults = StoreSettings.defaults();
        int parts = partsInFlight > 0 ? partsInFlight : defaults.maxConcurrency();
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .maxConcurrency(Math.max(parts * 2, 8))
                .build();
        S3AsyncClient client = S3AsyncClient.builder()
                .region(s3.serviceClientConfiguration().region())
                .endpointOverride(s3.serviceClientConfiguration().endpointOverride().orElseThrow())
                .forcePathStyle(true)
                .credentialsProvider(s3.serviceClientConfiguration().credentialsProvider())
                .httpClient(http)
                .multipartEnabled(true)
                .multipartConfiguration(MultipartConfiguration.builder()
                        .thresholdInBytes(defaults.multipartThreshold() - 1)
                        .minimumPartSizeInBytes(defaults.partSize())
                        .parallelConfiguration(p -> p.maxInFlightParts(parts))
                        .build())
                .build();
        return new OwnTransferManager(S3TransferManager.builder().s3Client(client).build(), client, http);
    }

    /** A transfer manager with the clients it alone uses. */
    static final class OwnTransferManager implements AutoCloseable {
        final S3TransferManager manager;
        private final S3AsyncClient client;
        private final SdkAsyncHttpClient http;

        private OwnTransferManager(S3TransferManager manager, S3AsyncClient client, SdkAsyncHttpClient http) {
            this.manager = manager;
            this.client = client;
            this.http = http;
        }

        @Override
        public void close() {
            manager.close();
            client.close();
            http.close();
        }
    }

    /** The plain S3 client: single-request puts and every read. */
    S3AsyncClient s3() {
        return s3;
    }

    /** The transfer manager over the multipart-enabled client: file uploads. */
    S3TransferManager transferManager() {
        return transferManager;
    }

    DynamoDbAsyncClient dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        transferManager.close();
        s3Multipart.close();
        s3.close();
        dynamo.close();
        // Clients built on a supplied http client leave it open.
        s3Http.close();
        dynamoHttp.close();
        eventLoops.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
