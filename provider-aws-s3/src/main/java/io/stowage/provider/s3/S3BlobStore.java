package io.stowage.provider.s3;

import io.stowage.provider.s3.internal.S3Clients;
import io.stowage.provider.s3.internal.S3Encryption;
import io.stowage.provider.s3.internal.S3Errors;
import io.stowage.provider.s3.internal.S3Responses;
import io.stowage.provider.s3.internal.S3Uploads;
import io.stowage.provider.s3.internal.StoreInputStream;
import io.stowage.s3support.AbstractS3BlobStore;
import io.stowage.s3support.S3ErrorCodes;
import io.stowage.s3support.S3Headers;
import io.stowage.s3support.S3PartSizes;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.FileTransformerConfiguration;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} on the AWS SDK v2: a Netty {@code S3AsyncClient} for reads, heads,
 * deletes, listings, copies, buckets and single-request uploads of known length below the
 * multipart threshold; a multipart-enabled {@code S3AsyncClient} driven by an
 * {@code S3TransferManager} for the other uploads (in parts, sent in parallel, with memory
 * bounded by a few parts); an {@code S3Presigner} for presigned URLs. Clients are created
 * per region on first use and closed by {@link #close()}. The S3 protocol's checks live in
 * {@link AbstractS3BlobStore}, shared with the MinIO provider.
 *
 * <p>Settings left unset fall back to the standard AWS environment: {@code AWS_REGION}
 * and profiles for the region, {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}
 * for the endpoint (path-style addressing whenever an endpoint is set), the default
 * credentials chain.
 *
 * <p>Presigned GET URLs name the version when the request does, but never sign the
 * request's If-Match or range: a signed header must be sent by whoever uses the URL,
 * which a browser following a link does not do. Presigned PUT URLs sign the content
 * type and the user metadata, so the uploader must send those headers unchanged.
 *
 * <pre>{@code
 * try (S3BlobStore store = S3BlobStore.create(StoreSettings.builder().region("eu-west-1").build())) {
 *     BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of("docs", "a.pdf")).build(),
 *             BlobContent.fromPath(Path.of("a.pdf"))).join();
 * }
 * }</pre>
 */
public final class S3BlobStore extends AbstractS3BlobStore {

    /** Setting property: {@code "true"} when the buckets have versioning on. */
    public static final String VERSIONING_PROPERTY = "stowage.s3.versioning";

    /** What real S3 does; versioning is added when {@link #VERSIONING_PROPERTY} says so. */
    public static final Set<BlobCapability> S3_CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT, BlobCapability.PRESIGN_EXPIRY_ENFORCED,
            BlobCapability.PRESIGN_TAMPER_CHECKED, BlobCapability.MULTIPART_ETAG, BlobCapability.MULTIPART_PARALLEL,
            BlobCapability.RANGE_READ, BlobCapability.IF_MATCH, BlobCapability.CREDENTIALS_CHECKED,
            BlobCapability.CREATE_ONLY, BlobCapability.CONDITIONAL_DELETE, BlobCapability.BATCH_DELETE, BlobCapability.COPY,
            BlobCapability.CHECKSUM_CRC32C, BlobCapability.SSE_S3, BlobCapability.SSE_KMS, BlobCapability.SSE_C));

    private final S3Clients clients;
    private final S3Uploads uploads;

    private S3BlobStore(Builder b) {
        super("S3", b, S3_CAPABILITIES, VERSIONING_PROPERTY);
        this.clients = new S3Clients(settings(), systemProperties(), environment(), b.interceptors, b.shared);
        this.uploads = new S3Uploads(clients);
    }

    /** A store from the settings, with the standard AWS environment for what they leave unset. */
    public static S3BlobStore create(StoreSettings settings) {
        return builder().settings(settings).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The store's region: from the settings, else the SDK's region chain, else us-east-1. */
    public String region() {
        return clients.defaultRegion();
    }

    /** The regions that have clients so far (the store's own and those named by {@link BlobId#region()}). */
    public Set<String> regionsInUse() {
        return clients.openRegions();
    }

    @Override
    protected S3Errors errors() {
        return clients.errors();
    }

    @Override
    protected CompletableFuture<Void> sendCreateBucket(String bucket, String region) {
        S3Clients.RegionClients rc = clients.forRegion(region);
        CreateBucketRequest.Builder req = CreateBucketRequest.builder().bucket(bucket);
        // us-east-1 is S3's default location and refuses to be named as a constraint.
        if (!"us-east-1".equals(rc.region())) {
            req.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(rc.region()).build());
        }
        return rc.plain().createBucket(req.build()).thenApply(r -> null);
    }

    @Override
    protected CompletableFuture<Boolean> sendBucketExists(String bucket, String region) {
        return clients.forRegion(region).plain().headBucket(b -> b.bucket(bucket)).handle((r, e) -> {
            if (e == null) {
                return Boolean.TRUE;
            }
            if (errors().statusCode(e) == 404) {
                return Boolean.FALSE;
            }
            throw errors().map(e, "headBucket", bucket, null);
        });
    }

    @Override
    protected CompletableFuture<BlobInfo> sendPut(UploadSpec spec, BlobContent content) throws Exception {
        return uploads.upload(spec, content);
    }

    @Override
    protected CompletableFuture<BlobInfo> sendHead(GetBlobRequest request) {
        BlobId id = request.id();
        HeadObjectRequest.Builder b = HeadObjectRequest.builder().bucket(id.bucket()).key(id.key());
        request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::ifMatch);
        request.versionId().ifPresent(b::versionId);
        S3Encryption.onHead(b, request.encryption().orElse(null));
        return plainFor(id).headObject(b.build()).thenApply(h -> S3Responses.toInfo(id, h));
    }

    @Override
    protected CompletableFuture<byte[]> sendGetBytes(GetBlobRequest request) {
        return plainFor(request.id()).getObject(S3Responses.getRequest(request), AsyncResponseTransformer.toBytes())
                .thenApply(bytes -> bytes.asByteArrayUnsafe());
    }

    @Override
    protected CompletableFuture<BlobInfo> sendGetToFile(GetBlobRequest request, Path temp) {
        FileTransformerConfiguration config = FileTransformerConfiguration.builder()
                .fileWriteOption(FileTransformerConfiguration.FileWriteOption.CREATE_NEW)
                .failureBehavior(FileTransformerConfiguration.FailureBehavior.DELETE)
                .build();
        return plainFor(request.id())
                .getObject(S3Responses.getRequest(request), AsyncResponseTransformer.toFile(temp, config))
                .thenApply(resp -> S3Responses.toInfo(request.id(), resp));
    }

    @Override
    protected CompletableFuture<InputStream> sendGetStream(GetBlobRequest request) {
        BlobId id = request.id();
        return plainFor(id).getObject(S3Responses.getRequest(request), AsyncResponseTransformer.toBlockingInputStream())
                .thenApply(in -> new StoreInputStream(in, e -> errors().map(e, "getObject", id.bucket(), id.key())));
    }

    @Override
    protected URI sendPresignGet(GetBlobRequest request, Duration expiry) {
        BlobId id = request.id();
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(id.bucket()).key(id.key());
        request.versionId().ifPresent(get::versionId);
        return toUri(clients.forRegion(id.region().orElse(null)).presigner()
                .presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(get.build())).url());
    }

    @Override
    protected PresignedPut sendPresignPut(PutBlobRequest request, Map<String, String> metadata, Duration expiry) {
        BlobId id = request.id();
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(id.bucket())
                .key(id.key())
                .contentType(request.contentType())
                .metadata(metadata);
        if (request.createOnly()) {
            put.ifNoneMatch("*");
        }
        request.checksumCrc32c().ifPresent(put::checksumCRC32C);
        S3Encryption.onUpload(put, request.encryption().orElse(null));
        PresignedPutObjectRequest presigned = clients.forRegion(id.region().orElse(null)).presigner()
                .presignPutObject(p -> p.signatureDuration(expiry).putObjectRequest(put.build()));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return PresignedPut.of(toUri(presigned.url()), headers);
    }

    @Override
    protected CompletableFuture<Void> sendDelete(DeleteBlobRequest request) {
        BlobId id = request.id();
        return plainFor(id).deleteObject(b -> {
            b.bucket(id.bucket()).key(id.key());
            request.versionId().ifPresent(b::versionId);
            request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::ifMatch);
        }).thenApply(r -> null);
    }

    /**
     * One DeleteObjects request in quiet mode (the answer lists only the keys it could not
     * delete), each object with its version id and etag condition; a key already missing
     * counts as deleted, as a single delete of it does.
     */
    @Override
    protected CompletableFuture<List<DeleteOutcome>> sendDeleteAll(List<DeleteBlobRequest> sameBucket) {
        BlobId first = sameBucket.get(0).id();
        List<ObjectIdentifier> objects = new ArrayList<>(sameBucket.size());
        for (DeleteBlobRequest request : sameBucket) {
            ObjectIdentifier.Builder object = ObjectIdentifier.builder().key(request.id().key());
            request.versionId().ifPresent(object::versionId);
            request.ifMatch().map(S3Headers::quoteEtag).ifPresent(object::eTag);
            objects.add(object.build());
        }
        return plainFor(first).deleteObjects(b -> b.bucket(first.bucket()).delete(d -> d.objects(objects).quiet(true)))
                .thenApply(answer -> outcomes(sameBucket, answer.errors()));
    }

    /**
     * Each request's outcome from the errors of a quiet DeleteObjects answer, which lists only
     * the keys it did not delete. An error is matched by key and, where both name one, by
     * version id (a server may echo an empty one); a request whose key has an error that might
     * be its own counts as failed, never as deleted: a delete reported missing is only
     * reported, one reported done would be lost track of. A missing key counts as deleted.
     */
    static List<DeleteOutcome> outcomes(List<DeleteBlobRequest> requests, List<S3Error> errors) {
        Map<String, List<S3Error>> byKey = new HashMap<>();
        for (S3Error error : errors) {
            byKey.computeIfAbsent(error.key(), k -> new ArrayList<>()).add(error);
        }
        List<DeleteOutcome> outcomes = new ArrayList<>(requests.size());
        for (DeleteBlobRequest request : requests) {
            String version = request.versionId().orElse(null);
            S3Error error = null;
            for (S3Error candidate : byKey.getOrDefault(request.id().key(), List.of())) {
                String answered = candidate.versionId() == null || candidate.versionId().isEmpty() ? null : candidate.versionId();
                if (version == null || answered == null || version.equals(answered)) {
                    error = candidate;
                    break;
                }
            }
            outcomes.add(error == null || "NoSuchKey".equals(error.code()) ? DeleteOutcome.deleted(request)
                    : DeleteOutcome.failed(request, S3ErrorCodes.batchEntryFailure(request.id(), error.code(), error.message())));
        }
        return outcomes;
    }

    @Override
    protected CompletableFuture<BlobPage> sendList(ListBlobsRequest request, int pageSize) {
        String bucket = request.bucket();
        String region = request.region().orElse(null);
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).maxKeys(pageSize);
        if (!request.prefix().isEmpty()) {
            req.prefix(request.prefix());
        }
        request.continuationToken().ifPresent(req::continuationToken);
        return clients.forRegion(region).plain().listObjectsV2(req.build()).thenApply(resp -> {
            List<BlobInfo> blobs = new ArrayList<>(resp.contents().size());
            for (S3Object o : resp.contents()) {
                blobs.add(BlobInfo.builder()
                        .id(BlobId.of(bucket, o.key(), region))
                        .size(o.size() == null ? 0 : o.size())
                        .etag(o.eTag())
                        .lastModified(o.lastModified())
                        .build());
            }
            String next = Boolean.TRUE.equals(resp.isTruncated()) ? resp.nextContinuationToken() : null;
            return BlobPage.of(blobs, next);
        });
    }

    /**
     * CopyObject with the metadata replaced, the source pinned by If-Match (and version),
     * then a HEAD of the copy for its size and date. Sources over 5 GiB go through the
     * multipart-enabled client, which copies in parts.
     */
    @Override
    protected CompletableFuture<BlobInfo> sendCopy(CopyBlobRequest request, UploadSpec destination) {
        GetBlobRequest source = request.source();
        BlobId to = destination.id();
        CopyObjectRequest.Builder copy = CopyObjectRequest.builder()
                .sourceBucket(source.id().bucket())
                .sourceKey(source.id().key())
                .destinationBucket(to.bucket())
                .destinationKey(to.key())
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType(destination.request().contentType())
                .metadata(destination.metadata());
        source.versionId().ifPresent(copy::sourceVersionId);
        source.ifMatch().map(S3Headers::quoteEtag).ifPresent(copy::copySourceIfMatch);
        S3Encryption.onCopy(copy, source.encryption().orElse(null), destination.request().encryption().orElse(null));
        S3Clients.RegionClients rc = clients.forRegion(to.region().orElse(null));
        HeadObjectRequest.Builder sourceHead = HeadObjectRequest.builder().bucket(source.id().bucket()).key(source.id().key())
                .versionId(source.versionId().orElse(null)).ifMatch(source.ifMatch().map(S3Headers::quoteEtag).orElse(null));
        S3Encryption.onHead(sourceHead, source.encryption().orElse(null));
        return plainFor(source.id()).headObject(sourceHead.build())
                .thenCompose(head -> {
                    long size = head.contentLength() == null ? 0 : head.contentLength();
                    S3AsyncClient client = size > S3PartSizes.MAX_PART_SIZE
                            ? rc.uploader(destination.multipartThreshold(), destination.partSize()).client()
                            : rc.plain();
                    return client.copyObject(copy.build());
                })
                .thenCompose(resp -> {
                    HeadObjectRequest.Builder head = HeadObjectRequest.builder().bucket(to.bucket()).key(to.key());
                    S3Encryption.onHead(head, destination.request().encryption().orElse(null));
                    if (resp.versionId() != null) {
                        head.versionId(resp.versionId());
                    }
                    return rc.plain().headObject(head.build()).thenApply(h -> S3Responses.toInfo(to, h));
                });
    }

    /** Closes every client of every region. Idempotent. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore(region=" + clients.defaultRegion() + ", endpoint="
                + clients.endpoint().map(StoreSettings::redact).orElse(null) + ", pathStyle=" + clients.pathStyle() + ")";
    }

    private S3AsyncClient plainFor(BlobId id) {
        return clients.forRegion(id.region().orElse(null)).plain();
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK produced an invalid presigned URL", e);
        }
    }

    /**
     * Builder of {@link S3BlobStore}.
     *
     * <pre>{@code
     * S3BlobStore store = S3BlobStore.builder()
     *         .settings(settings)
     *         .capabilities(EnumSet.of(BlobCapability.RANGE_READ, BlobCapability.IF_MATCH))
     *         .build();
     * }</pre>
     */
    public static final class Builder extends AbstractS3BlobStore.Builder<Builder, S3BlobStore> {
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private SharedResources shared;

        private Builder() {
        }

        /**
         * Where the clients' event loops come from when they are shared with other stores
         * (the DynamoDB store of the same {@code Stowage}); by default the store has its own.
         */
        public Builder sharedResources(SharedResources shared) {
            this.shared = shared;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Adds an SDK interceptor to every client of the store. Package-private: tests use it
         * to see which requests a call makes; the SDK's interceptors are no part of the API.
         */
        Builder executionInterceptor(ExecutionInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        @Override
        public S3BlobStore build() {
            return new S3BlobStore(this);
        }
    }
}
