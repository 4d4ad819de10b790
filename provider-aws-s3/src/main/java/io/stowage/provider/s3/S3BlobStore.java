package io.stowage.provider.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.stowage.provider.s3.internal.CountingInputStream;
import io.stowage.provider.s3.internal.S3Clients;
import io.stowage.provider.s3.internal.S3Errors;
import io.stowage.provider.s3.internal.StoreInputStream;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.s3.Downloads;
import io.stowage.spi.s3.ExactLengthInputStream;
import io.stowage.spi.s3.Failures;
import io.stowage.spi.s3.Quietly;
import io.stowage.spi.s3.S3Headers;
import io.stowage.spi.s3.S3PartSizes;
import io.stowage.spi.s3.S3Requests;
import io.stowage.spi.s3.S3UserMetadata;
import io.stowage.spi.s3.StoreCalls;
import software.amazon.awssdk.core.FileTransformerConfiguration;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadRequest;

/**
 * A {@link BlobStore} on the AWS SDK v2: a Netty {@code S3AsyncClient} for reads, heads,
 * deletes, listings, buckets and single-request uploads of known length below the multipart
 * threshold; a multipart-enabled {@code S3AsyncClient} driven by an
 * {@code S3TransferManager} for the other uploads (in parts, sent in parallel, at or above
 * the multipart threshold, with memory bounded by a few parts); an {@code S3Presigner} for
 * presigned URLs. An upload's answer describes the stored object without a further
 * request: its last-modified time is the answer's {@code Date}. Clients are created per
 * region on first use and closed by {@link #close()}.
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
public final class S3BlobStore implements BlobStore {

    /** Setting property: {@code "true"} when the buckets have versioning on. */
    public static final String VERSIONING_PROPERTY = "stowage.s3.versioning";

    /** What real S3 does; versioning is added when {@link #VERSIONING_PROPERTY} says so. */
    public static final Set<BlobCapability> S3_CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT, BlobCapability.PRESIGN_EXPIRY_ENFORCED,
            BlobCapability.PRESIGN_TAMPER_CHECKED, BlobCapability.MULTIPART_ETAG, BlobCapability.MULTIPART_PARALLEL,
            BlobCapability.RANGE_READ, BlobCapability.IF_MATCH, BlobCapability.CREDENTIALS_CHECKED));

    /** S3's version id of an object stored while versioning was off; valid on every bucket. */
    private static final String NULL_VERSION = "null";

    private final StoreSettings settings;
    private final S3Clients clients;
    private final S3Errors errors;
    private final Set<BlobCapability> capabilities;

    private S3BlobStore(Builder b) {
        this.settings = b.settings;
        this.clients = new S3Clients(b.settings, b.systemProperties, b.environment, b.interceptors);
        this.errors = clients.errors();
        if (b.capabilities != null) {
            this.capabilities = Collections.unmodifiableSet(b.capabilities.isEmpty()
                    ? EnumSet.noneOf(BlobCapability.class) : EnumSet.copyOf(b.capabilities));
        } else {
            EnumSet<BlobCapability> caps = EnumSet.copyOf(S3_CAPABILITIES);
            if (b.settings.property(VERSIONING_PROPERTY).map("true"::equalsIgnoreCase).orElse(false)) {
                caps.add(BlobCapability.VERSIONING);
            }
            this.capabilities = Collections.unmodifiableSet(caps);
        }
    }

    /** A store from the settings, with the standard AWS environment for what they leave unset. */
    public static S3BlobStore create(StoreSettings settings) {
        return builder().settings(settings).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this store was created from. */
    public StoreSettings settings() {
        return settings;
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
    public Set<BlobCapability> capabilities() {
        return capabilities;
    }

    // ---------------------------------------------------------------- buckets

    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        return call("createBucket", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            S3Clients.RegionClients rc = clients.forRegion(region);
            CreateBucketRequest.Builder req = CreateBucketRequest.builder().bucket(bucket);
            // us-east-1 is S3's default location and refuses to be named as a constraint.
            if (!"us-east-1".equals(rc.region())) {
                req.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(rc.region()).build());
            }
            return rc.plain().createBucket(req.build()).handle((r, e) -> {
                if (e == null) {
                    return null;
                }
                String code = S3Errors.errorCode(e);
                if ("BucketAlreadyOwnedByYou".equals(code)) {
                    return null;
                }
                if ("BucketAlreadyExists".equals(code)) {
                    throw new StoreException(StoreErrorCode.ACCESS_DENIED,
                            "Bucket name is taken by another account", Failures.unwrap(e)).bucket(bucket);
                }
                throw errors.map(e, "createBucket", bucket, null);
            });
        });
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return call("headBucket", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            return clients.forRegion(region).plain().headBucket(b -> b.bucket(bucket)).handle((r, e) -> {
                if (e == null) {
                    return Boolean.TRUE;
                }
                if (S3Errors.statusCode(e) == 404) {
                    return Boolean.FALSE;
                }
                throw errors.map(e, "headBucket", bucket, null);
            });
        });
    }

    // ---------------------------------------------------------------- put

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        CompletableFuture<BlobInfo> result = call("putObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(content, "content");
            BlobId id = request.id();
            checkKeyLength(id);
            long threshold = request.multipartThreshold().orElse(settings.multipartThreshold());
            long configuredPart = request.partSize().orElse(settings.partSize());
            S3PartSizes.checkMultipart(threshold, configuredPart);
            long size = content.length().orElse(-1L);
            if (content.kind() == BlobContent.Kind.PATH) {
                // Read again: the SDK sends the file as it is now (and fails the upload if it
                // changes while being read), and the answer reports the size sent.
                size = currentSize(content.path(), size);
            }
            Map<String, String> metadata = S3UserMetadata.encode(request.userMetadata());
            PutObjectRequest put = PutObjectRequest.builder()
                    .bucket(id.bucket())
                    .key(id.key())
                    .contentType(request.contentType())
                    .metadata(metadata)
                    .build();
            S3Clients.RegionClients rc = clients.forRegion(id.region().orElse(null));
            // Below the threshold one PUT on the plain client: the multipart-enabled client
            // and the transfer manager would only hand it over to the same PUT, at a cost.
            // An unknown length may turn out to reach the threshold, so it always takes the
            // transfer manager, which buffers up to the threshold before choosing.
            Transport transport = size >= 0 && size < threshold
                    ? new SinglePut(rc.plain())
                    : new TransferManagerUpload(rc.uploader(threshold, partSizeFor(size, configuredPart)));
            CountingInputStream counted = content.kind() == BlobContent.Kind.STREAM
                    ? new CountingInputStream(content.openStream()) : null;
            CompletableFuture<PutObjectResponse> uploaded = upload(transport, put, content, counted);
            long known = size;
            return uploaded.thenCompose(resp -> describeUpload(rc.plain(), request,
                    counted != null ? counted.count() : known, resp));
        });
        if (content != null && content.kind() == BlobContent.Kind.STREAM) {
            // The store owns a stream once given it, also when the upload is refused before
            // it starts (closing twice is harmless).
            result.whenComplete((r, e) -> {
                try {
                    Quietly.close(content.openStream());
                } catch (IOException ignored) {
                    // openStream() of a STREAM content only hands back the stream.
                }
            });
        }
        return result;
    }

    /**
     * Part size for a known size: the configured one, grown in powers of two until the
     * object fits in 10,000 parts. Powers of two keep the number of distinct multipart
     * clients (one per part size) to a handful.
     */
    private static long partSizeFor(long size, long configured) {
        long needed = S3PartSizes.partSizeFor(size, configured);
        long part = configured;
        while (part < needed) {
            part *= 2;
        }
        return part;
    }

    /** How an upload's body reaches S3; the same content handling serves both ways. */
    private interface Transport {
        CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body);

        CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file);
    }

    /** One PutObject on the plain client, for a body of known length below the multipart threshold. */
    private static final class SinglePut implements Transport {
        private final S3AsyncClient plain;

        SinglePut(S3AsyncClient plain) {
            this.plain = plain;
        }

        @Override
        public CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body) {
            return plain.putObject(put, body);
        }

        @Override
        public CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file) {
            return plain.putObject(put, AsyncRequestBody.fromFile(file));
        }
    }

    /** The transfer manager on a multipart-enabled client: in parts at or above the threshold. */
    private static final class TransferManagerUpload implements Transport {
        private final S3Clients.Uploader uploader;

        TransferManagerUpload(S3Clients.Uploader uploader) {
            this.uploader = uploader;
        }

        @Override
        public CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body) {
            return uploader.transferManager()
                    .upload(UploadRequest.builder().putObjectRequest(put).requestBody(body).build())
                    .completionFuture()
                    .thenApply(done -> done.response());
        }

        @Override
        public CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file) {
            return uploader.transferManager()
                    .uploadFile(UploadFileRequest.builder().putObjectRequest(put).source(file).build())
                    .completionFuture()
                    .thenApply(done -> done.response());
        }
    }

    private CompletableFuture<PutObjectResponse> upload(Transport transport, PutObjectRequest put,
                                                        BlobContent content, InputStream stream) {
        switch (content.kind()) {
            case PATH:
                return transport.sendFile(put, content.path());
            case BYTES:
                // The array is not copied: BlobContent's contract keeps it unchanged until the upload ends.
                return transport.send(put, AsyncRequestBody.fromBytesUnsafe(content.bytes()));
            case STREAM:
            default: {
                Long length = content.length().orElse(null);
                // Given a length, the SDK reads that many bytes and stops: held to it, a
                // longer or shorter stream fails the upload instead of storing a truncated object.
                ExactLengthInputStream exact = length == null ? null : new ExactLengthInputStream(stream, length);
                InputStream in = exact == null ? stream : exact;
                CompletableFuture<PutObjectResponse> f;
                try {
                    if (exact != null && length == 0) {
                        // An empty body is never read, so the byte that would make the stream
                        // longer than declared is looked for first; the read blocks, hence the pool.
                        f = CompletableFuture.runAsync(() -> requireEmpty(exact), clients.streamExecutor())
                                .thenCompose(v -> transport.send(put, streamBody(in, length)));
                    } else {
                        f = transport.send(put, streamBody(in, length));
                    }
                } catch (RuntimeException e) {
                    Quietly.close(in);
                    throw e;
                }
                // The store owns the stream once handed over (BlobContent's contract).
                return f.whenComplete((r, e) -> Quietly.close(in));
            }
        }
    }

    private AsyncRequestBody streamBody(InputStream in, Long length) {
        return AsyncRequestBody.fromInputStream(b -> b
                .inputStream(in)
                .contentLength(length)
                .executor(clients.streamExecutor()));
    }

    private static long currentSize(Path file, long known) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // The upload itself fails on the unreadable file and reports why.
            return known;
        }
    }

    private static void requireEmpty(ExactLengthInputStream exact) {
        try {
            exact.requireEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the store now holds, from the upload's answer: the etag and version id it
     * carries, the size sent, the content type and metadata sent (keys lower-cased, as S3
     * stores them), and as last-modified the answer's {@code Date}. S3's PUT and
     * CompleteMultipartUpload answers have no Last-Modified, but S3 dates an object with
     * the time it processed the write, to the second, which is what {@code Date} says
     * (for a multipart upload S3 may date the object when the upload began, earlier by
     * the upload's duration). A HEAD of that very version is sent only when the answer
     * lacks a usable {@code Date} or an etag, as an S3-compatible server's may. If that
     * HEAD fails (a PUT-only policy, say) the upload still succeeded, so the answer falls
     * back to what is known rather than failing a stored object.
     */
    private CompletableFuture<BlobInfo> describeUpload(S3AsyncClient plain, PutBlobRequest request, long size,
                                                       PutObjectResponse resp) {
        BlobId id = request.id();
        String etag = BlobInfo.stripQuotes(resp.eTag());
        String versionId = resp.versionId();
        Instant written = responseDate(resp);
        if (written != null && etag != null) {
            return CompletableFuture.completedFuture(sentInfo(request, size, etag, versionId, written));
        }
        HeadObjectRequest.Builder head = HeadObjectRequest.builder().bucket(id.bucket()).key(id.key());
        if (versionId != null && !versionId.isEmpty() && !NULL_VERSION.equals(versionId)) {
            head.versionId(versionId);
        }
        return plain.headObject(head.build()).handle((h, e) -> {
            boolean same = e == null && (etag == null || etag.equals(BlobInfo.stripQuotes(h.eTag())));
            if (same) {
                return toInfo(id, h);
            }
            return sentInfo(request, size, etag, versionId,
                    written != null ? written : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        });
    }

    private static BlobInfo sentInfo(PutBlobRequest request, long size, String etag, String versionId,
                                     Instant lastModified) {
        Map<String, String> stored = new LinkedHashMap<>();
        request.userMetadata().forEach((k, v) -> stored.put(k.toLowerCase(Locale.ROOT), v));
        return BlobInfo.builder().id(request.id()).size(size).etag(etag).versionId(versionId)
                .contentType(request.contentType())
                .lastModified(lastModified)
                .userMetadata(stored)
                .build();
    }

    /** The HTTP answer's {@code Date} (IMF-fixdate, which RFC 9110 requires of servers), or null. */
    private static Instant responseDate(SdkResponse response) {
        SdkHttpResponse http = response.sdkHttpResponse();
        if (http == null) {
            return null;
        }
        return http.firstMatchingHeader("Date").map(date -> {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.trim()));
            } catch (DateTimeException e) {
                // An obsolete or broken date: the HEAD tells the real last-modified instead.
                return null;
            }
        }).orElse(null);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("headObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            BlobId id = request.id();
            refuseUndeclared(request, false);
            HeadObjectRequest.Builder b = HeadObjectRequest.builder().bucket(id.bucket()).key(id.key());
            request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::ifMatch);
            request.versionId().ifPresent(b::versionId);
            S3AsyncClient plain = clients.forRegion(id.region().orElse(null)).plain();
            return plain.headObject(b.build())
                    .thenApply(h -> toInfo(id, h))
                    .exceptionally(e -> {
                        throw errors.map(e, "headObject", id.bucket(), id.key());
                    })
                    .exceptionallyCompose(e -> distinguishMissingBucket(plain, id, e));
        });
    }

    /**
     * A HEAD answer has no body, so a 404 does not say whether the key or the bucket is
     * missing; one HEAD of the bucket tells, on the failure path only.
     */
    private CompletableFuture<BlobInfo> distinguishMissingBucket(S3AsyncClient plain, BlobId id, Throwable failure) {
        StoreException mapped = (StoreException) Failures.unwrap(failure);
        if (mapped.code() != StoreErrorCode.OBJECT_NOT_FOUND || S3Errors.statusCode(mapped) != 404) {
            return CompletableFuture.failedFuture(mapped);
        }
        return plain.headBucket(b -> b.bucket(id.bucket())).handle((r, e) -> {
            if (e != null && S3Errors.statusCode(e) == 404) {
                throw new StoreException(StoreErrorCode.BUCKET_NOT_FOUND, "S3 headObject failed: the bucket does not exist",
                        mapped.getCause()).bucket(id.bucket()).key(id.key());
            }
            throw mapped;
        });
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("getObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            refuseUndeclared(request, true);
            return plainFor(request.id()).getObject(getRequest(request), AsyncResponseTransformer.toBytes())
                    .thenApply(bytes -> bytes.asByteArrayUnsafe());
        });
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("getObject", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(target, "target");
            refuseUndeclared(request, true);
            Path absolute = Downloads.prepareTarget(target);
            Path temp = Downloads.tempFileBeside(absolute);
            FileTransformerConfiguration config = FileTransformerConfiguration.builder()
                    .fileWriteOption(FileTransformerConfiguration.FileWriteOption.CREATE_NEW)
                    .failureBehavior(FileTransformerConfiguration.FailureBehavior.DELETE)
                    .build();
            return plainFor(request.id())
                    .getObject(getRequest(request), AsyncResponseTransformer.toFile(temp, config))
                    .thenApply(resp -> {
                        moveIntoPlace(temp, absolute);
                        return toInfo(request.id(), resp);
                    })
                    .whenComplete((r, e) -> {
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
            refuseUndeclared(request, true);
            BlobId id = request.id();
            return plainFor(id).getObject(getRequest(request), AsyncResponseTransformer.toBlockingInputStream())
                    .thenApply(in -> new StoreInputStream(in, e -> errors.map(e, "getObject", id.bucket(), id.key())));
        });
    }

    // ---------------------------------------------------------------- presign

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("presignGet", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            BlobId id = request.id();
            require(BlobCapability.PRESIGN_GET, "presigned GET URLs", id);
            requireVersioning(request.versionId().orElse(null), id);
            S3Requests.requirePresignExpiry(expiry);
            GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(id.bucket()).key(id.key());
            request.versionId().ifPresent(get::versionId);
            URI uri = toUri(clients.forRegion(id.region().orElse(null)).presigner()
                    .presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(get.build())).url());
            return CompletableFuture.completedFuture(uri);
        });
    }

    @Override
    public CompletableFuture<URI> presignPut(PutBlobRequest request, Duration expiry) {
        String bucket = request == null ? null : request.id().bucket();
        String key = request == null ? null : request.id().key();
        return call("presignPut", bucket, key, () -> {
            Objects.requireNonNull(request, "request");
            BlobId id = request.id();
            require(BlobCapability.PRESIGN_PUT, "presigned PUT URLs", id);
            checkKeyLength(id);
            S3Requests.requirePresignExpiry(expiry);
            PutObjectRequest put = PutObjectRequest.builder()
                    .bucket(id.bucket())
                    .key(id.key())
                    .contentType(request.contentType())
                    .metadata(S3UserMetadata.encode(request.userMetadata()))
                    .build();
            URI uri = toUri(clients.forRegion(id.region().orElse(null)).presigner()
                    .presignPutObject(p -> p.signatureDuration(expiry).putObjectRequest(put)).url());
            return CompletableFuture.completedFuture(uri);
        });
    }

    // ---------------------------------------------------------------- delete, list

    @Override
    public CompletableFuture<Void> delete(BlobId id, String versionId) {
        String bucket = id == null ? null : id.bucket();
        String key = id == null ? null : id.key();
        return call("deleteObject", bucket, key, () -> {
            Objects.requireNonNull(id, "id");
            // Ignoring the version id would delete (or hide) the current object instead.
            requireVersioning(versionId, id);
            return plainFor(id).deleteObject(b -> {
                b.bucket(id.bucket()).key(id.key());
                if (versionId != null && !versionId.isEmpty()) {
                    b.versionId(versionId);
                }
            }).thenApply(r -> null);
        });
    }

    @Override
    public CompletableFuture<BlobPage> list(String bucket, String region, String prefix, String continuationToken,
                                            int maxKeys) {
        return call("listObjectsV2", bucket, null, () -> {
            S3Requests.requireBucket(bucket);
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .maxKeys(S3Requests.listPageSize(maxKeys));
            if (prefix != null && !prefix.isEmpty()) {
                req.prefix(prefix);
            }
            if (continuationToken != null && !continuationToken.isEmpty()) {
                req.continuationToken(continuationToken);
            }
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
        });
    }

    /** Closes every client of every region. Idempotent. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore(region=" + clients.defaultRegion() + ", endpoint=" + clients.endpoint().orElse(null)
                + ", pathStyle=" + clients.pathStyle() + ")";
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs an operation so that nothing is thrown synchronously: validation failures and
     * SDK failures alike complete the future with a mapped {@link StoreException}.
     */
    private <T> CompletableFuture<T> call(String operation, String bucket, String key, StoreCalls.Operation<T> body) {
        return StoreCalls.call(body, e -> errors.map(e, operation, bucket, key));
    }

    /**
     * Refuses what the store does not declare, as the SPI asks, instead of ignoring it: a
     * read that ignored its version id, range or If-Match would return the wrong bytes.
     */
    private void refuseUndeclared(GetBlobRequest request, boolean read) {
        BlobId id = request.id();
        requireVersioning(request.versionId().orElse(null), id);
        if (request.ifMatch().isPresent()) {
            require(BlobCapability.IF_MATCH, "If-Match reads", id);
        }
        if (read && request.range().isPresent()) {
            require(BlobCapability.RANGE_READ, "range reads", id);
        }
    }

    /** S3's own {@value #NULL_VERSION} names the object of an unversioned bucket, so it needs no versioning. */
    private void requireVersioning(String versionId, BlobId id) {
        if (versionId != null && !versionId.isEmpty() && !NULL_VERSION.equals(versionId)
                && !capabilities.contains(BlobCapability.VERSIONING)) {
            throw new StoreException(StoreErrorCode.UNSUPPORTED, "Version id '" + versionId + "' given for key '"
                    + id.key() + "' in bucket '" + id.bucket() + "', but this S3 blob store does not declare VERSIONING; set "
                    + VERSIONING_PROPERTY + "=true when the bucket has versioning on").bucket(id.bucket()).key(id.key());
        }
    }

    private void require(BlobCapability capability, String what, BlobId id) {
        if (!capabilities.contains(capability)) {
            throw new StoreException(StoreErrorCode.UNSUPPORTED, "This S3 blob store does not declare " + capability
                    + ", so it refuses " + what + " (key '" + id.key() + "' in bucket '" + id.bucket() + "')")
                    .bucket(id.bucket()).key(id.key());
        }
    }

    /** Real S3 refuses longer keys (KeyTooLongError); S3-compatible servers may not, so the store checks. */
    private static void checkKeyLength(BlobId id) {
        int bytes = id.key().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > S3Requests.MAX_KEY_BYTES) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "Object keys are limited to "
                    + S3Requests.MAX_KEY_BYTES
                    + " UTF-8 bytes; the key given for bucket '" + id.bucket() + "' has " + bytes
                    + " (it starts '" + id.key().substring(0, id.key().offsetByCodePoints(0,
                            Math.min(64, id.key().codePointCount(0, id.key().length())))) + "...')")
                    .bucket(id.bucket()).key(id.key());
        }
    }

    private S3AsyncClient plainFor(BlobId id) {
        return clients.forRegion(id.region().orElse(null)).plain();
    }

    private static GetObjectRequest getRequest(GetBlobRequest request) {
        BlobId id = request.id();
        GetObjectRequest.Builder b = GetObjectRequest.builder().bucket(id.bucket()).key(id.key());
        request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::ifMatch);
        request.versionId().ifPresent(b::versionId);
        request.range().ifPresent(r -> b.range(r.toHeader()));
        return b.build();
    }

    private static BlobInfo toInfo(BlobId id, HeadObjectResponse h) {
        return BlobInfo.builder()
                .id(id)
                .size(h.contentLength() == null ? 0 : h.contentLength())
                .etag(h.eTag())
                .contentType(h.contentType())
                .lastModified(h.lastModified())
                .versionId(h.versionId())
                .userMetadata(S3UserMetadata.decode(h.metadata()))
                .build();
    }

    private static BlobInfo toInfo(BlobId id, GetObjectResponse r) {
        return BlobInfo.builder()
                .id(id)
                .size(S3Headers.objectSize(r.contentRange(), r.contentLength() == null ? 0 : r.contentLength()))
                .etag(r.eTag())
                .contentType(r.contentType())
                .lastModified(r.lastModified())
                .versionId(r.versionId())
                .userMetadata(S3UserMetadata.decode(r.metadata()))
                .build();
    }

    private static void moveIntoPlace(Path temp, Path target) {
        if (!Files.exists(temp)) {
            // An empty body may leave no file behind: the object is zero bytes.
            try {
                Files.createFile(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot move the download into " + target, e);
            }
        }
        Downloads.moveIntoPlace(temp, target);
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
    public static final class Builder {
        private StoreSettings settings = StoreSettings.defaults();
        private Set<BlobCapability> capabilities;
        private UnaryOperator<String> systemProperties = System::getProperty;
        private UnaryOperator<String> environment = System::getenv;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds an SDK interceptor to every client of the store. Package-private: tests use it
         * to see which requests a call makes; the SDK's interceptors are no part of the API.
         */
        Builder executionInterceptor(ExecutionInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Builder settings(StoreSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Declares what the backend can do, instead of what real S3 does; for
         * S3-compatible servers that lack a feature (tests of s3proxy, MinIO, ...).
         */
        public Builder capabilities(Set<BlobCapability> capabilities) {
            this.capabilities = Set.copyOf(capabilities);
            return this;
        }

        /** Where the standard AWS variables ({@code AWS_ENDPOINT_URL_S3}, ...) are read; the process's by default. */
        public Builder environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Where the {@code aws.*} system properties are read; the JVM's by default. */
        public Builder systemProperties(UnaryOperator<String> systemProperties) {
            this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
            return this;
        }

        public S3BlobStore build() {
            return new S3BlobStore(this);
        }
    }
}
