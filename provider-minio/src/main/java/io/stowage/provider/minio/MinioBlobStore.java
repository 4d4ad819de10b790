package io.stowage.provider.minio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.http.Method;
import io.minio.messages.Contents;
import io.minio.messages.ListBucketResultV2;
import io.stowage.provider.minio.internal.MinioClients;
import io.stowage.provider.minio.internal.MinioErrors;
import io.stowage.provider.minio.internal.ObjectHeaders;
import io.stowage.provider.minio.internal.PagingMinioClient;
import io.stowage.provider.minio.internal.PartSizes;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ByteRange;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.s3.Downloads;
import io.stowage.spi.s3.ExactLengthInputStream;
import io.stowage.spi.s3.Quietly;
import io.stowage.spi.s3.S3Headers;
import io.stowage.spi.s3.S3PartSizes;
import io.stowage.spi.s3.S3Requests;
import io.stowage.spi.s3.S3UserMetadata;
import io.stowage.spi.s3.StoreCalls;

/**
 * A {@link BlobStore} on the MinIO Java client ({@code MinioAsyncClient}), for MinIO and
 * other S3-compatible servers. Objects, metadata and keys are laid out exactly as the S3
 * provider lays them out, so either provider reads what the other wrote.
 *
 * <p>Uploads at or above the multipart threshold go in parts through the client's own
 * multipart upload, which sends the parts one after another and holds one part in
 * memory at a time (files are read in place); below the threshold an upload is a single
 * PUT. A stream of unknown length is first read up to the threshold (at most 64 MiB) to
 * tell the two apart.
 *
 * <p>The endpoint is required (settings, else {@code AWS_ENDPOINT_URL_S3} /
 * {@code AWS_ENDPOINT_URL}); see {@link MinioClients} for how the other settings map.
 *
 * <p>Presigned URLs sign the host only (that is how the MinIO client presigns): a
 * presigned GET names the version when the request does, but never carries its If-Match
 * or range; a presigned PUT does not bind the content type or user metadata of the
 * request, so the uploader sends its own {@code Content-Type} and the object gets no user
 * metadata.
 *
 * <pre>{@code
 * try (MinioBlobStore store = MinioBlobStore.create(StoreSettings.builder()
 *         .endpoint(URI.create("http://127.0.0.1:9000"))
 *         .credentials(Credentials.basic("minioadmin", "minioadmin"))
 *         .build())) {
 *     BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of("docs", "a.pdf")).build(),
 *             BlobContent.fromPath(Path.of("a.pdf"))).join();
 * }
 * }</pre>
 */
public final class MinioBlobStore implements BlobStore {

    /** Setting property: {@code "true"} when the buckets have versioning on. */
    public static final String VERSIONING_PROPERTY = "stowage.minio.versioning";

    /**
     * What this client does against real S3 or MinIO; versioning is added when
     * {@link #VERSIONING_PROPERTY} says so. {@code MULTIPART_PARALLEL} is not among them:
     * the client uploads the parts of one object one after another.
     */
    public static final Set<BlobCapability> MINIO_CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT, BlobCapability.PRESIGN_EXPIRY_ENFORCED,
            BlobCapability.PRESIGN_TAMPER_CHECKED, BlobCapability.MULTIPART_ETAG, BlobCapability.RANGE_READ,
            BlobCapability.IF_MATCH, BlobCapability.CREDENTIALS_CHECKED));

    /** The most a stream of unknown length is read ahead to learn whether it reaches the threshold. */
    private static final long MAX_PEEK = 64L * 1024 * 1024;

    private final StoreSettings settings;
    private final MinioClients clients;
    private final MinioErrors errors;
    private final Set<BlobCapability> capabilities;

    private MinioBlobStore(Builder b) {
        this.settings = b.settings;
        this.clients = new MinioClients(b.settings, b.environment, b.systemProperties);
        this.errors = clients.errors();
        if (b.capabilities != null) {
            this.capabilities = Collections.unmodifiableSet(b.capabilities.isEmpty()
                    ? EnumSet.noneOf(BlobCapability.class) : EnumSet.copyOf(b.capabilities));
        } else {
            EnumSet<BlobCapability> caps = EnumSet.copyOf(MINIO_CAPABILITIES);
            if (b.settings.property(VERSIONING_PROPERTY).map(v -> "true".equalsIgnoreCase(v.trim())).orElse(false)) {
                caps.add(BlobCapability.VERSIONING);
            }
            this.capabilities = Collections.unmodifiableSet(caps);
        }
    }

    /**
     * A store from the settings.
     *
     * @throws StoreException ({@code INVALID_INPUT}) when no endpoint is set or found in the environment
     */
    public static MinioBlobStore create(StoreSettings settings) {
        return builder().settings(settings).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this store was created from. */
    public StoreSettings settings() {
        return settings;
    }

    /** The endpoint in use (from the settings or the environment). */
    public URI endpoint() {
        return clients.endpoint();
    }

    /** The store's region: from the settings, else {@code AWS_REGION}, else us-east-1. */
    public String region() {
        return clients.defaultRegion();
    }

    @Override
    public Set<BlobCapability> capabilities() {
        return capabilities;
    }

    // ---------------------------------------------------------------- buckets

    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        return call("makeBucket", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            PagingMinioClient client = clients.forRegion(region);
            MakeBucketArgs.Builder args = MakeBucketArgs.builder().bucket(bucket);
            if (region != null && !region.isBlank()) {
                args.region(region);
            }
            return client.makeBucket(args.build()).handle((r, e) -> {
                if (e == null) {
                    return null;
                }
                String code = MinioErrors.errorCode(e);
                if ("BucketAlreadyOwnedByYou".equals(code)) {
                    return null;
                }
                if ("BucketAlreadyExists".equals(code)) {
                    throw new StoreException(StoreErrorCode.ACCESS_DENIED, "Bucket name is taken by another account",
                            errors.map(e, "makeBucket", bucket, null).getCause()).bucket(bucket);
                }
                throw errors.map(e, "makeBucket", bucket, null);
            });
        });
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return call("bucketExists", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            return clients.forRegion(region).bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        });
    }

    // ---------------------------------------------------------------- put

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("putObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(content, "content");
            BlobId id = request.id();
            checkKeyLength(id.key());
            long threshold = request.multipartThreshold().orElse(settings.multipartThreshold());
            long configuredPart = request.partSize().orElse(settings.partSize());
            S3PartSizes.checkMultipart(threshold, configuredPart);
            Map<String, String> metadata = S3UserMetadata.encode(request.userMetadata());
            PagingMinioClient client = client(id);
            long size = content.length().orElse(-1L);
            CompletableFuture<ObjectWriteResponse> uploaded;
            switch (content.kind()) {
                case PATH:
                    uploaded = client.uploadObject(UploadObjectArgs.builder()
                            .bucket(id.bucket())
                            .object(id.key())
                            .filename(content.path().toString(), PartSizes.clientPartSize(size, threshold, configuredPart))
                            .contentType(request.contentType())
                            .userMetadata(metadata)
                            .build());
                    break;
                case BYTES:
                    uploaded = putStream(client, request, metadata, new ByteArrayInputStream(content.bytes()), size,
                            threshold, configuredPart);
                    break;
                case STREAM:
                default:
                    uploaded = putOwnedStream(client, request, metadata, content, threshold, configuredPart);
                    break;
            }
            return uploaded.thenCompose(resp -> describeUpload(client, request, size, resp));
        });
    }

    /** Uploads a stream the store owns (BlobContent's contract) and closes it whatever happens. */
    private CompletableFuture<ObjectWriteResponse> putOwnedStream(PagingMinioClient client, PutBlobRequest request,
                                                                  Map<String, String> metadata, BlobContent content,
                                                                  long threshold, long partSize) throws Exception {
        InputStream in = content.openStream();
        CompletableFuture<ObjectWriteResponse> f;
        try {
            if (content.length().isPresent()) {
                long size = content.length().get();
                f = putStream(client, request, metadata, new ExactLengthInputStream(in, size), size, threshold, partSize);
            } else {
                // Reading ahead blocks on the caller's stream, so it runs on the store's pool.
                int peek = (int) Math.min(threshold, MAX_PEEK);
                f = CompletableFuture.supplyAsync(() -> readAhead(in, peek), clients.io()).thenCompose(head -> {
                    try {
                        if (head.length < peek) {
                            return putStream(client, request, metadata, new ByteArrayInputStream(head), head.length,
                                    threshold, partSize);
                        }
                        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
                        return putStream(client, request, metadata, whole, -1, threshold, partSize);
                    } catch (Exception e) {
                        return CompletableFuture.failedFuture(e);
                    }
                });
            }
        } catch (Exception | Error e) {
            Quietly.close(in);
            throw e;
        }
        return f.whenComplete((r, e) -> Quietly.close(in));
    }

    private CompletableFuture<ObjectWriteResponse> putStream(PagingMinioClient client, PutBlobRequest request,
                                                             Map<String, String> metadata, InputStream in, long size,
                                                             long threshold, long configuredPart) throws Exception {
        BlobId id = request.id();
        long partSize = size < 0
                ? S3PartSizes.partSizeFor(-1, configuredPart)
                : PartSizes.clientPartSize(size, threshold, configuredPart);
        return client.putObject(PutObjectArgs.builder()
                .bucket(id.bucket())
                .object(id.key())
                .stream(in, size, partSize)
                .contentType(request.contentType())
                .userMetadata(metadata)
                .build());
    }

    private static byte[] readAhead(InputStream in, int bytes) {
        try {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload stream", e);
        }
    }

    /**
     * The PUT answer has the etag and version but not the last-modified time (nor, for
     * streams of unknown length, the size): a HEAD of that version fills them in. If the
     * HEAD fails (a PUT-only policy, say) the upload still succeeded, so the answer falls
     * back to what is known rather than failing a stored object.
     */
    private CompletableFuture<BlobInfo> describeUpload(PagingMinioClient client, PutBlobRequest request, long size,
                                                       ObjectWriteResponse resp) {
        BlobId id = request.id();
        String etag = BlobInfo.stripQuotes(resp.etag());
        String versionId = resp.versionId();
        StatObjectArgs.Builder stat = StatObjectArgs.builder().bucket(id.bucket()).object(id.key());
        if (versionId != null && !versionId.isEmpty() && !"null".equals(versionId)) {
            stat.versionId(versionId);
        }
        CompletableFuture<BlobInfo> described;
        try {
            described = client.statObject(stat.build()).thenApply(h -> ObjectHeaders.toInfo(id, h.headers()));
        } catch (Exception e) {
            described = CompletableFuture.failedFuture(e);
        }
        return described.handle((head, e) -> {
            boolean same = e == null && (etag == null || etag.equals(head.etag()));
            if (same || (size < 0 && e == null)) {
                // Overwritten in between with the size unknown: the current object is the best answer.
                return head;
            }
            return BlobInfo.builder().id(id).size(Math.max(size, 0)).etag(etag).versionId(versionId)
                    .contentType(request.contentType())
                    .lastModified(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .userMetadata(request.userMetadata())
                    .build();
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("statObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            checkReadCapabilities(request, false);
            BlobId id = request.id();
            StatObjectArgs.Builder args = StatObjectArgs.builder().bucket(id.bucket()).object(id.key());
            request.ifMatch().map(S3Headers::quoteEtag).ifPresent(args::matchETag);
            request.versionId().ifPresent(args::versionId);
            PagingMinioClient client = client(id);
            return client.statObject(args.build())
                    .thenApply(stat -> ObjectHeaders.toInfo(id, stat.headers()))
                    .exceptionallyCompose(e -> distinguishMissingBucket(client, id, e));
        });
    }

    /**
     * A HEAD answer has no body, so a 404 does not say whether the key or the bucket is
     * missing (the client then reports NoSuchKey); one HEAD of the bucket tells, on the
     * failure path only.
     */
    private CompletableFuture<BlobInfo> distinguishMissingBucket(PagingMinioClient client, BlobId id,
                                                                 Throwable failure) {
        StoreException mapped = errors.map(failure, "statObject", id.bucket(), id.key());
        if (mapped.code() != StoreErrorCode.OBJECT_NOT_FOUND || MinioErrors.statusCode(mapped.getCause()) != 404) {
            return CompletableFuture.failedFuture(mapped);
        }
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(id.bucket()).build()).handle((exists, e) -> {
                if (e == null && !exists) {
                    throw new StoreException(StoreErrorCode.BUCKET_NOT_FOUND,
                            "MinIO statObject failed: the bucket does not exist", mapped.getCause())
                            .bucket(id.bucket()).key(id.key());
                }
                throw mapped;
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(mapped);
        }
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("getObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            return client(request.id()).getObject(getArgs(request)).thenApplyAsync(resp -> {
                try (GetObjectResponse in = resp) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, clients.io());
        });
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("getObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(target, "target");
            Path absolute = Downloads.prepareTarget(target);
            // Created only once the server has answered.
            Path temp = Downloads.tempFileBeside(absolute);
            BlobId id = request.id();
            return client(id).getObject(getArgs(request)).thenApplyAsync(resp -> {
                try (GetObjectResponse in = resp;
                     OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                BlobInfo info = ObjectHeaders.toInfo(id, resp.headers());
                Downloads.moveIntoPlace(temp, absolute);
                return info;
            }, clients.io()).whenComplete((r, e) -> {
                if (e != null) {
                    Quietly.delete(temp);
                }
            });
        });
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("getObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            return client(request.id()).getObject(getArgs(request)).thenApply(resp -> (InputStream) resp);
        });
    }

    private GetObjectArgs getArgs(GetBlobRequest request) {
        checkReadCapabilities(request, true);
        BlobId id = request.id();
        GetObjectArgs.Builder b = GetObjectArgs.builder().bucket(id.bucket()).object(id.key());
        request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::matchETag);
        request.versionId().ifPresent(b::versionId);
        request.range().ifPresent(r -> {
            b.offset(r.first());
            if (r.last() != ByteRange.from(0).last()) {
                b.length(r.last() - r.first() + 1);
            }
        });
        return b.build();
    }

    // ---------------------------------------------------------------- presign

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("presignGet", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            require(BlobCapability.PRESIGN_GET, "presigned GET URLs");
            S3Requests.requirePresignExpiry(expiry);
            checkVersion(request.versionId().orElse(null));
            BlobId id = request.id();
            GetPresignedObjectUrlArgs.Builder args = GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(id.bucket())
                    .object(id.key())
                    .expiry((int) expiry.getSeconds());
            request.versionId().ifPresent(args::versionId);
            return CompletableFuture.completedFuture(URI.create(client(id).getPresignedObjectUrl(args.build())));
        });
    }

    @Override
    public CompletableFuture<URI> presignPut(PutBlobRequest request, Duration expiry) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("presignPut", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            require(BlobCapability.PRESIGN_PUT, "presigned PUT URLs");
            S3Requests.requirePresignExpiry(expiry);
            BlobId id = request.id();
            checkKeyLength(id.key());
            GetPresignedObjectUrlArgs args = GetPresignedObjectUrlArgs.builder()
                    .method(Method.PUT)
                    .bucket(id.bucket())
                    .object(id.key())
                    .expiry((int) expiry.getSeconds())
                    .build();
            return CompletableFuture.completedFuture(URI.create(client(id).getPresignedObjectUrl(args)));
        });
    }

    // ---------------------------------------------------------------- delete, list

    @Override
    public CompletableFuture<Void> delete(BlobId id, String versionId) {
        String bucket = id == null ? null : id.bucket();
        String key = id == null ? null : id.key();
        return call("removeObject", bucket, key, () -> {
            Objects.requireNonNull(id, "id");
            String version = versionId == null || versionId.isEmpty() ? null : versionId;
            checkVersion(version);
            RemoveObjectArgs.Builder args = RemoveObjectArgs.builder().bucket(id.bucket()).object(id.key());
            if (version != null) {
                args.versionId(version);
            }
            return client(id).removeObject(args.build());
        });
    }

    @Override
    public CompletableFuture<BlobPage> list(String bucket, String region, String prefix, String continuationToken,
                                            int maxKeys) {
        return call("listObjectsV2", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            int pageSize = S3Requests.listPageSize(maxKeys);
            String token = continuationToken == null || continuationToken.isEmpty() ? null : continuationToken;
            String listPrefix = prefix == null || prefix.isEmpty() ? null : prefix;
            return clients.forRegion(region).listPage(bucket, region, listPrefix, token, pageSize).thenApply(resp -> {
                ListBucketResultV2 result = resp.result();
                List<BlobInfo> blobs = new ArrayList<>(result.contents().size());
                for (Contents item : result.contents()) {
                    // Keys were URL-encoded on the wire; the item decodes them once it knows.
                    item.setEncodingType(result.encodingType());
                    blobs.add(BlobInfo.builder()
                            .id(BlobId.of(bucket, item.objectName(), region))
                            .size(item.size())
                            .etag(item.etag())
                            .lastModified(item.lastModified() == null ? null : item.lastModified().toInstant())
                            .build());
                }
                String next = result.isTruncated() ? result.nextContinuationToken() : null;
                return BlobPage.of(blobs, next == null || next.isEmpty() ? null : next);
            });
        });
    }

    /** Closes the clients, their threads and connections. Idempotent. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "MinioBlobStore(endpoint=" + clients.endpoint() + ", region=" + clients.defaultRegion()
                + ", credentials=" + clients.credentialsSource() + ")";
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs an operation so that nothing is thrown synchronously: validation failures and
     * client failures alike complete the future with a mapped {@link StoreException}.
     */
    private <T> CompletableFuture<T> call(String operation, String bucket, String key, StoreCalls.Operation<T> body) {
        return StoreCalls.call(body, e -> errors.map(e, operation, bucket, key));
    }

    private PagingMinioClient client(BlobId id) {
        return clients.forRegion(id.region().orElse(null));
    }

    /** Refuses what the store does not declare, as the SPI asks, instead of ignoring it. */
    private void checkReadCapabilities(GetBlobRequest request, boolean read) {
        checkVersion(request.versionId().orElse(null));
        if (request.ifMatch().isPresent()) {
            require(BlobCapability.IF_MATCH, "If-Match reads");
        }
        if (read && request.range().isPresent()) {
            require(BlobCapability.RANGE_READ, "range reads");
        }
    }

    private void checkVersion(String versionId) {
        if (versionId != null && !versionId.isEmpty() && !capabilities.contains(BlobCapability.VERSIONING)) {
            throw new StoreException(StoreErrorCode.UNSUPPORTED, "Version ids need VERSIONING; set "
                    + VERSIONING_PROPERTY + "=true when the buckets have versioning on");
        }
    }

    private void require(BlobCapability capability, String what) {
        if (!capabilities.contains(capability)) {
            throw new StoreException(StoreErrorCode.UNSUPPORTED, "This MinIO blob store does not declare "
                    + capability + ", so it refuses " + what);
        }
    }

    private static void checkKeyLength(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > S3Requests.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Object keys are limited to " + S3Requests.MAX_KEY_BYTES
                    + " UTF-8 bytes; this one has " + bytes);
        }
    }

    /**
     * Builder of {@link MinioBlobStore}.
     *
     * <pre>{@code
     * MinioBlobStore store = MinioBlobStore.builder().settings(settings).build();
     * }</pre>
     */
    public static final class Builder {
        private StoreSettings settings = StoreSettings.defaults();
        private Set<BlobCapability> capabilities;
        private UnaryOperator<String> environment = System::getenv;
        private UnaryOperator<String> systemProperties = System::getProperty;

        private Builder() {
        }

        public Builder settings(StoreSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Declares what the backend can do, instead of what real S3 and MinIO do; for
         * S3-compatible servers that lack a feature. Undeclared features are refused with
         * {@link StoreErrorCode#UNSUPPORTED}.
         */
        public Builder capabilities(Set<BlobCapability> capabilities) {
            this.capabilities = Set.copyOf(capabilities);
            return this;
        }

        /** Where {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ACCESS_KEY_ID} and friends are read; the process's by default. */
        public Builder environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Where the {@code aws.*} and {@code user.home} system properties are read; the JVM's by default. */
        public Builder systemProperties(UnaryOperator<String> systemProperties) {
            this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
            return this;
        }

        /**
         * The store.
         *
         * @throws StoreException ({@code INVALID_INPUT}) when no endpoint is set or found, or a setting is malformed
         */
        public MinioBlobStore build() {
            return new MinioBlobStore(this);
        }
    }
}
