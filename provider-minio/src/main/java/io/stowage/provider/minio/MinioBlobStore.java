package io.stowage.provider.minio;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.http.Method;
import io.minio.messages.Contents;
import io.minio.messages.ListBucketResultV2;
import io.stowage.provider.minio.internal.MinioClients;
import io.stowage.provider.minio.internal.MinioEncryption;
import io.stowage.provider.minio.internal.MinioErrors;
import io.stowage.provider.minio.internal.MinioUploads;
import io.stowage.provider.minio.internal.ObjectHeaders;
import io.stowage.provider.minio.internal.PagingMinioClient;
import io.stowage.s3support.AbstractS3BlobStore;
import io.stowage.s3support.S3Headers;
import io.stowage.s3support.S3Rules;
import io.stowage.s3support.SigV4Presigner;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ByteRange;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.Interceptor;

/**
 * A {@link BlobStore} on the MinIO Java client ({@code MinioAsyncClient}), for MinIO and
 * other S3-compatible servers. Objects, metadata and keys are laid out exactly as the S3
 * provider lays them out, so either provider reads what the other wrote; the S3
 * protocol's checks live in {@link AbstractS3BlobStore}, shared with the S3 provider.
 *
 * <p>Uploads at or above the multipart threshold go in parts, several at once, through
 * Stowage's own multipart upload ({@link MinioUploads}); below it an upload is one PUT.
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
public final class MinioBlobStore extends AbstractS3BlobStore {

    /** Setting property: {@code "true"} when the buckets have versioning on. */
    public static final String VERSIONING_PROPERTY = "stowage.minio.versioning";

    /**
     * What this client does against real S3 or MinIO; versioning is added when
     * {@link #VERSIONING_PROPERTY} says so. {@code CONDITIONAL_DELETE} is not among them:
     * MinIO servers do not promise to honour If-Match on a delete.
     */
    public static final Set<BlobCapability> MINIO_CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT, BlobCapability.PRESIGN_EXPIRY_ENFORCED,
            BlobCapability.PRESIGN_TAMPER_CHECKED, BlobCapability.MULTIPART_ETAG, BlobCapability.MULTIPART_PARALLEL,
            BlobCapability.RANGE_READ, BlobCapability.IF_MATCH, BlobCapability.CREDENTIALS_CHECKED,
            BlobCapability.CREATE_ONLY, BlobCapability.COPY, BlobCapability.CHECKSUM_CRC32C, BlobCapability.SSE_S3,
            BlobCapability.SSE_KMS, BlobCapability.SSE_C));

    private final MinioClients clients;
    private final MinioUploads uploads;

    private MinioBlobStore(Builder b) {
        super("MinIO", b, MINIO_CAPABILITIES, VERSIONING_PROPERTY);
        this.clients = new MinioClients(settings(), environment(), systemProperties(), b.interceptors);
        this.uploads = new MinioUploads(clients);
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

    /** The endpoint in use (from the settings or the environment). */
    public URI endpoint() {
        return clients.endpoint();
    }

    /** The store's region: from the settings, else {@code AWS_REGION}, else us-east-1. */
    public String region() {
        return clients.defaultRegion();
    }

    @Override
    protected MinioErrors errors() {
        return clients.errors();
    }

    @Override
    protected CompletableFuture<Void> sendCreateBucket(String bucket, String region) throws Exception {
        MakeBucketArgs.Builder args = MakeBucketArgs.builder().bucket(bucket);
        if (region != null && !region.isBlank()) {
            args.region(region);
        }
        return clients.forRegion(region).makeBucket(args.build());
    }

    @Override
    protected CompletableFuture<Boolean> sendBucketExists(String bucket, String region) {
        try {
            return clients.forRegion(region).bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    protected CompletableFuture<BlobInfo> sendPut(UploadSpec spec, BlobContent content) throws Exception {
        return uploads.upload(spec, content);
    }

    @Override
    protected CompletableFuture<BlobInfo> sendHead(GetBlobRequest request) throws Exception {
        BlobId id = request.id();
        StatObjectArgs.Builder args = StatObjectArgs.builder().bucket(id.bucket()).object(id.key());
        request.ifMatch().map(S3Headers::quoteEtag).ifPresent(args::matchETag);
        request.versionId().ifPresent(args::versionId);
        args.extraHeaders(MinioEncryption.onRead(request.encryption().orElse(null)));
        return client(id).statObject(args.build()).thenApply(stat -> ObjectHeaders.toInfo(id, stat.headers()));
    }

    @Override
    protected CompletableFuture<byte[]> sendGetBytes(GetBlobRequest request) throws Exception {
        return client(request.id()).getObject(getArgs(request)).thenApplyAsync(resp -> {
            try (GetObjectResponse in = resp) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, clients.io());
    }

    @Override
    protected CompletableFuture<BlobInfo> sendGetToFile(GetBlobRequest request, Path temp) throws Exception {
        BlobId id = request.id();
        return client(id).getObject(getArgs(request)).thenApplyAsync(resp -> {
            try (GetObjectResponse in = resp;
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ObjectHeaders.toInfo(id, resp.headers());
        }, clients.io());
    }

    @Override
    protected CompletableFuture<InputStream> sendGetStream(GetBlobRequest request) throws Exception {
        return client(request.id()).getObject(getArgs(request)).thenApply(resp -> (InputStream) resp);
    }

    private static GetObjectArgs getArgs(GetBlobRequest request) {
        BlobId id = request.id();
        GetObjectArgs.Builder b = GetObjectArgs.builder().bucket(id.bucket()).object(id.key())
                .extraHeaders(MinioEncryption.onRead(request.encryption().orElse(null)));
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

    @Override
    protected URI sendPresignGet(GetBlobRequest request, Duration expiry) throws Exception {
        BlobId id = request.id();
        GetPresignedObjectUrlArgs.Builder args = GetPresignedObjectUrlArgs.builder()
                .method(Method.GET)
                .bucket(id.bucket())
                .object(id.key())
                .expiry((int) expiry.getSeconds());
        request.versionId().ifPresent(args::versionId);
        return URI.create(client(id).getPresignedObjectUrl(args.build()));
    }

    @Override
    protected PresignedPut sendPresignPut(PutBlobRequest request, Map<String, String> metadata, Duration expiry)
            throws Exception {
        BlobId id = request.id();
        // The MinIO client signs only the host, so a client could change the content type and
        // the back-link, or PUT twice: Stowage signs these headers itself (SigV4, as S3 does).
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", request.contentType());
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        if (request.createOnly()) {
            headers.put("If-None-Match", "*");
        }
        request.checksumCrc32c().ifPresent(c -> headers.put("x-amz-checksum-crc32c", c));
        headers.putAll(MinioEncryption.onUpload(request.encryption().orElse(null)));
        SigV4Presigner.Keys keys = clients.signingKeys();
        if (keys == null) {
            // Anonymous: there is nothing to sign; the bucket's policy decides.
            GetPresignedObjectUrlArgs args = GetPresignedObjectUrlArgs.builder().method(Method.PUT).bucket(id.bucket())
                    .object(id.key()).expiry((int) expiry.getSeconds()).build();
            return PresignedPut.of(URI.create(client(id).getPresignedObjectUrl(args)), headers);
        }
        URI url = SigV4Presigner.presign("PUT", clients.endpoint(), clients.regionOf(id.region().orElse(null)), keys, id.bucket(),
                id.key(), headers, expiry, java.time.Instant.now());
        return PresignedPut.of(url, headers);
    }

    @Override
    protected CompletableFuture<Void> sendDelete(DeleteBlobRequest request) throws Exception {
        BlobId id = request.id();
        RemoveObjectArgs.Builder args = RemoveObjectArgs.builder().bucket(id.bucket()).object(id.key());
        request.versionId().filter(v -> !S3Rules.isNullVersion(v)).ifPresent(args::versionId);
        request.ifMatch().ifPresent(etag -> args.extraHeaders(Map.of("If-Match", S3Headers.quoteEtag(etag))));
        return client(id).removeObject(args.build());
    }

    @Override
    protected CompletableFuture<BlobPage> sendList(ListBlobsRequest request, int pageSize) throws Exception {
        String bucket = request.bucket();
        String region = request.region().orElse(null);
        String prefix = request.prefix().isEmpty() ? null : request.prefix();
        return clients.forRegion(region).listPage(bucket, region, prefix, request.continuationToken().orElse(null),
                pageSize).thenApply(resp -> {
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
    }

    /** CopyObject with the metadata replaced and the source pinned by If-Match, then a HEAD of the copy. */
    @Override
    protected CompletableFuture<BlobInfo> sendCopy(CopyBlobRequest request, UploadSpec destination) throws Exception {
        GetBlobRequest source = request.source();
        BlobId to = destination.id();
        CopySource.Builder from = CopySource.builder().bucket(source.id().bucket()).object(source.id().key());
        source.versionId().ifPresent(from::versionId);
        source.ifMatch().ifPresent(from::matchETag);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", destination.request().contentType());
        headers.putAll(MinioEncryption.onUpload(destination.request().encryption().orElse(null)));
        headers.putAll(MinioEncryption.onCopySource(source.encryption().orElse(null)));
        CopyObjectArgs args = CopyObjectArgs.builder()
                .bucket(to.bucket())
                .object(to.key())
                .source(from.build())
                .metadataDirective(Directive.REPLACE)
                .headers(headers)
                .userMetadata(destination.metadata())
                .build();
        PagingMinioClient client = client(to);
        return client.copyObject(args).thenCompose(resp -> {
            StatObjectArgs.Builder stat = StatObjectArgs.builder().bucket(to.bucket()).object(to.key())
                    .extraHeaders(MinioEncryption.onRead(destination.request().encryption().orElse(null)));
            if (!S3Rules.isNullVersion(resp.versionId())) {
                stat.versionId(resp.versionId());
            }
            try {
                return client.statObject(stat.build()).thenApply(h -> ObjectHeaders.toInfo(to, h.headers()));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Closes the clients, their threads and connections. Idempotent. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "MinioBlobStore(endpoint=" + StoreSettings.redact(clients.endpoint()) + ", region="
                + clients.defaultRegion() + ", credentials=" + clients.credentialsSource() + ")";
    }

    private PagingMinioClient client(BlobId id) {
        return clients.forRegion(id.region().orElse(null));
    }

    /**
     * Builder of {@link MinioBlobStore}.
     *
     * <pre>{@code
     * MinioBlobStore store = MinioBlobStore.builder().settings(settings).build();
     * }</pre>
     */
    public static final class Builder extends AbstractS3BlobStore.Builder<Builder, MinioBlobStore> {
        private final List<Interceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds an OkHttp interceptor to the store's HTTP client. Package-private: tests use it
         * to see which requests a call makes; OkHttp's interceptors are no part of the API.
         */
        Builder httpInterceptor(Interceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The store.
         *
         * @throws StoreException ({@code INVALID_INPUT}) when no endpoint is set or found, or a setting is malformed
         */
        @Override
        public MinioBlobStore build() {
            return new MinioBlobStore(this);
        }
    }
}
