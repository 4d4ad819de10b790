package io.stowage.s3support;

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
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The S3 protocol's side of a {@link BlobStore}, written once for every client library, in
 * the manner of jclouds' {@code apis/s3}: each public operation checks its request against
 * {@link S3Rules} and the declared capabilities (refusing what is undeclared with
 * {@link StoreErrorCode#UNSUPPORTED} rather than ignoring it), never throws, maps every
 * failure through the provider's {@link S3ErrorMapper}, and then hands a request known to
 * be valid to a {@code send...} method that only speaks to the client library.
 *
 * <p>Shared behaviour: a taken bucket name owned by the caller counts as created; a HEAD
 * 404 is told apart as a missing bucket or key; downloads to a file land whole or not at
 * all ({@link Downloads}); an upload stream is the store's once handed over, and closed
 * whatever happens; capabilities are the provider's defaults, plus {@code VERSIONING}
 * when the settings property the provider names is {@code true}, unless the builder
 * declares them outright (for S3-compatible servers that lack a feature).
 *
 * <pre>{@code
 * public final class MyS3BlobStore extends AbstractS3BlobStore {
 *     MyS3BlobStore(Builder b) { super("MyS3", b, MY_CAPABILITIES, "stowage.mys3.versioning"); }
 *     protected CompletableFuture<BlobInfo> sendHead(GetBlobRequest request) { ... }
 *     // ... one send method per operation
 * }
 * }</pre>
 */
public abstract class AbstractS3BlobStore implements BlobStore {

    private final String service;
    private final StoreSettings settings;
    private final Set<BlobCapability> capabilities;
    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    /**
     * @param service            the name messages use ({@code "S3"}, {@code "MinIO"})
     * @param builder            settings and, when set, the capabilities declared outright
     * @param defaults           what the client does against the real service
     * @param versioningProperty the settings property that adds {@code VERSIONING} when {@code true}
     */
    protected AbstractS3BlobStore(String service, Builder<?, ?> builder, Set<BlobCapability> defaults,
                                  String versioningProperty) {
        this.service = service;
        this.settings = builder.settings;
        this.environment = builder.environment;
        this.systemProperties = builder.systemProperties;
        EnumSet<BlobCapability> caps = EnumSet.noneOf(BlobCapability.class);
        if (builder.capabilities != null) {
            caps.addAll(builder.capabilities);
        } else {
            caps.addAll(defaults);
            if (settings.flag(versioningProperty)) {
                caps.add(BlobCapability.VERSIONING);
            }
            // An SSE-C key travels in a header of every request: never over plain HTTP.
            if (settings.endpoint().map(e -> "http".equalsIgnoreCase(e.getScheme())).orElse(false)) {
                caps.remove(BlobCapability.SSE_C);
            }
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override
    public final Set<BlobCapability> capabilities() {
        return capabilities;
    }

    /** The settings this store was created from. */
    public final StoreSettings settings() {
        return settings;
    }

    /** From the settings: the parts of an upload carry no whole-object checksum (see {@code UploadSpec}). */
    @Override
    public final long multipartThreshold() {
        return settings.multipartThreshold();
    }

    /** Where the standard AWS variables are read (the process's environment unless a test says otherwise). */
    protected final UnaryOperator<String> environment() {
        return environment;
    }

    /** Where the {@code aws.*} system properties are read (the JVM's unless a test says otherwise). */
    protected final UnaryOperator<String> systemProperties() {
        return systemProperties;
    }

    /** The provider's failure mapping. */
    protected abstract S3ErrorMapper errors();

    // ------------------------------------------------------------------ buckets

    @Override
    public final CompletableFuture<Void> createBucket(String bucket, String region) {
        return call("createBucket", bucket, null, () -> {
            S3Rules.requireBucketName(bucket);
            return sendCreateBucket(bucket, region).handle((r, e) -> {
                if (e == null) {
                    return null;
                }
                String code = errors().errorCode(e);
                if ("BucketAlreadyOwnedByYou".equals(code)) {
                    return null;
                }
                if ("BucketAlreadyExists".equals(code)) {
                    throw StoreException.builder(StoreErrorCode.ACCESS_DENIED, "Bucket name '" + bucket
                            + "' is taken by another account; choose another name")
                            .cause(errors().map(e, "createBucket", bucket, null)).bucket(bucket).build();
                }
                throw errors().map(e, "createBucket", bucket, null);
            });
        });
    }

    @Override
    public final CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return call("headBucket", bucket, null, () -> {
            S3Rules.requireBucketName(bucket);
            return sendBucketExists(bucket, region);
        });
    }

    /** Creates the bucket; the base treats {@code BucketAlreadyOwnedByYou} as success. */
    protected abstract CompletableFuture<Void> sendCreateBucket(String bucket, String region) throws Exception;

    /** Whether the bucket exists (false on 404); a failure to start completes the future, never throws. */
    protected abstract CompletableFuture<Boolean> sendBucketExists(String bucket, String region);

    // ---------------------------------------------------------------------- put

    @Override
    public final CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        BlobId id = request == null ? null : request.id();
        CompletableFuture<BlobInfo> result = call("putObject", id, () -> {
            requireArgument(request, "request");
            requireArgument(content, "content");
            UploadSpec spec = uploadSpec(request, sizeOf(content));
            return sendPut(spec, content).exceptionallyCompose(e -> answerLostToMissingBucket(id, e));
        });
        if (content != null && content.kind() == BlobContent.Kind.STREAM) {
            // The store owns a stream once given it, also when the upload is refused before
            // it starts (closing twice is harmless).
            result.whenComplete((r, e) -> Quietly.close(content));
        }
        return result;
    }

    /** Uploads valid content; the store closes a stream content afterwards. */
    protected abstract CompletableFuture<BlobInfo> sendPut(UploadSpec spec, BlobContent content) throws Exception;

    private UploadSpec uploadSpec(PutBlobRequest request, long size) {
        request.encryption().ifPresent(sse -> require(sse.capability(), sse.modeName() + " uploads", request.id()));
        BlobId id = request.id();
        S3Rules.requireKey(id);
        Map<String, String> metadata = S3UserMetadata.encode(id, request.userMetadata());
        long threshold = request.multipartThreshold().orElse(settings.multipartThreshold());
        long partSize = request.partSize().orElse(settings.partSize());
        String partProblem = S3PartSizes.multipartProblem(threshold, partSize);
        if (partProblem != null) {
            throw StoreException.builder(StoreErrorCode.INVALID_INPUT, partProblem).bucket(id.bucket()).key(id.key()).build();
        }
        if (request.createOnly()) {
            require(BlobCapability.CREATE_ONLY, "create-only uploads (If-None-Match: *)", id);
        }
        return new UploadSpec(request, metadata, threshold, partSize, size);
    }

    private static long sizeOf(BlobContent content) {
        long size = content.length().orElse(-1L);
        if (content.kind() == BlobContent.Kind.PATH) {
            // Read again: the client sends the file as it is now (and fails the upload if it
            // changes while being read), and the answer reports the size sent.
            try {
                size = Files.size(content.path());
            } catch (IOException e) {
                // The upload itself fails on the unreadable file and reports why.
            }
        }
        return size;
    }

    // -------------------------------------------------------------------- reads

    @Override
    public final CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        BlobId id = request == null ? null : request.id();
        return call("headObject", id, () -> {
            requireArgument(request, "request");
            refuseUndeclared(request, false);
            return sendHead(request).exceptionallyCompose(e -> distinguishMissingBucket(request.id(), e));
        });
    }

    @Override
    public final CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        BlobId id = request == null ? null : request.id();
        return call("getObject", id, () -> {
            requireArgument(request, "request");
            refuseUndeclared(request, true);
            return sendGetBytes(request);
        });
    }

    @Override
    public final CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        BlobId id = request == null ? null : request.id();
        return call("getObject", id, () -> {
            requireArgument(request, "request");
            requireArgument(target, "target");
            refuseUndeclared(request, true);
            Path absolute = Downloads.prepareTarget(target);
            Path temp = Downloads.tempFileBeside(absolute);
            return sendGetToFile(request, temp)
                    .thenApply(info -> {
                        moveIntoPlace(temp, absolute);
                        return info;
                    })
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            Quietly.delete(temp);
                        }
                    });
        });
    }

    @Override
    public final CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        BlobId id = request == null ? null : request.id();
        return call("getObject", id, () -> {
            requireArgument(request, "request");
            refuseUndeclared(request, true);
            return sendGetStream(request);
        });
    }

    /** The object's metadata; a 404 is told apart as a missing bucket or key by the base. */
    protected abstract CompletableFuture<BlobInfo> sendHead(GetBlobRequest request) throws Exception;

    protected abstract CompletableFuture<byte[]> sendGetBytes(GetBlobRequest request) throws Exception;

    /**
     * Writes the body into {@code temp}, a file that does not exist yet (create it new);
     * the base renames it over the target, or deletes it when the download fails.
     */
    protected abstract CompletableFuture<BlobInfo> sendGetToFile(GetBlobRequest request, Path temp) throws Exception;

    protected abstract CompletableFuture<InputStream> sendGetStream(GetBlobRequest request) throws Exception;

    /**
     * A HEAD answer has no body, so a 404 does not say whether the key or the bucket is
     * missing; one HEAD of the bucket tells, on the failure path only.
     */
    private CompletableFuture<BlobInfo> distinguishMissingBucket(BlobId id, Throwable failure) {
        StoreException mapped = errors().map(failure, "headObject", id.bucket(), id.key());
        if (mapped.code() != StoreErrorCode.OBJECT_NOT_FOUND || errors().statusCode(failure) != 404) {
            return CompletableFuture.failedFuture(mapped);
        }
        return failWithMissingBucket(id, "headObject", mapped);
    }

    /**
     * A server may answer a PUT into a missing bucket at once and reset the connection while
     * the body is still being written (s3proxy does, for about one PUT in a hundred in a loop
     * here; S3 itself for some early errors), so the client sees a broken pipe instead of the
     * 404. One HEAD of the bucket, on that failure path only, tells the caller the fix (create
     * the bucket) instead of "the connection broke".
     */
    private CompletableFuture<BlobInfo> answerLostToMissingBucket(BlobId id, Throwable failure) {
        StoreException mapped = errors().map(failure, "putObject", id.bucket(), id.key());
        if (mapped.code() != StoreErrorCode.CONNECTION_LOST) {
            return CompletableFuture.failedFuture(mapped);
        }
        return failWithMissingBucket(id, "putObject", mapped);
    }

    /**
     * Fails with {@code BUCKET_NOT_FOUND} when the bucket is found missing, else with {@code otherwise}
     * (also when the bucket cannot be asked about: the original failure is the better report then).
     */
    private <T> CompletableFuture<T> failWithMissingBucket(BlobId id, String operation, StoreException otherwise) {
        CompletableFuture<Boolean> exists;
        try {
            exists = sendBucketExists(id.bucket(), id.region().orElse(null));
        } catch (RuntimeException e) {
            exists = null;
        }
        if (exists == null) {
            return CompletableFuture.failedFuture(otherwise);
        }
        return exists.handle((found, e) -> {
            if (e == null && Boolean.FALSE.equals(found)) {
                // The cause keeps what was seen first (a 404 without a body, a broken connection).
                throw StoreException.builder(StoreErrorCode.BUCKET_NOT_FOUND, service
                        + " " + operation + " failed: the bucket does not exist; create it first")
                        .cause(otherwise).bucket(id.bucket()).key(id.key()).build();
            }
            throw otherwise;
        });
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

    // ------------------------------------------------------------------ presign

    @Override
    public final CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        BlobId id = request == null ? null : request.id();
        return call("presignGet", id, () -> {
            requireArgument(request, "request");
            require(BlobCapability.PRESIGN_GET, "presigned GET URLs", request.id());
            requireVersioning(request.versionId().orElse(null), request.id());
            S3Rules.requireKey(request.id());
            S3Rules.requirePresignExpiry(request.id(), expiry);
            return CompletableFuture.completedFuture(sendPresignGet(request, expiry));
        });
    }

    @Override
    public final CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        BlobId id = request == null ? null : request.id();
        return call("presignPut", id, () -> {
            requireArgument(request, "request");
            require(BlobCapability.PRESIGN_PUT, "presigned PUT URLs", request.id());
            S3Rules.requireKey(request.id());
            S3Rules.requirePresignExpiry(request.id(), expiry);
            request.encryption().ifPresent(sse -> require(sse.capability(), sse.modeName() + " uploads", request.id()));
            Map<String, String> metadata = S3UserMetadata.encode(request.id(), request.userMetadata());
            return CompletableFuture.completedFuture(sendPresignPut(request, metadata, expiry));
        });
    }

    protected abstract URI sendPresignGet(GetBlobRequest request, Duration expiry) throws Exception;

    /**
     * A presigned PUT; {@code metadata} is the request's user metadata, header-encoded. Signs
     * the content type, the metadata, {@code If-None-Match: *} for a create-only request and
     * the CRC32C where the client library can.
     */
    protected abstract PresignedPut sendPresignPut(PutBlobRequest request, Map<String, String> metadata, Duration expiry)
            throws Exception;

    // ----------------------------------------------------------- delete, list, copy

    @Override
    public final CompletableFuture<Void> delete(DeleteBlobRequest request) {
        return call("deleteObject", request == null ? null : request.id(), () -> {
            checkDelete(request);
            return sendDelete(request);
        }).exceptionallyCompose(failure -> errors().map(failure, "deleteObject", null, null).code() == StoreErrorCode.OBJECT_NOT_FOUND
                ? CompletableFuture.completedFuture(null) // an If-Match delete of a missing key: 404 on S3; gone either way
                : CompletableFuture.failedFuture(failure));
    }

    private void checkDelete(DeleteBlobRequest request) {
        requireArgument(request, "delete request");
        S3Rules.requireKey(request.id());
        requireVersioning(request.versionId().orElse(null), request.id()); // ignored, it would delete the current object
        if (request.ifMatch().isPresent()) {
            require(BlobCapability.CONDITIONAL_DELETE, "deletes with If-Match", request.id());
        }
    }

    /** Checks every request first, then sends groups of one bucket and region, of at most 1,000, through {@link #sendDeleteAll}. */
    @Override
    public final CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        return call("deleteObjects", null, null, () -> {
            requireArgument(requests, "requests");
            requests.forEach(this::checkDelete);
            return BatchDeletes.inGroups(requests, BatchDeletes.MAX_PER_REQUEST, group -> {
                String bucket = group.get(0).id().bucket();
                return call("deleteObjects", bucket, null, () -> sendDeleteAll(group)).exceptionallyCompose(failure -> {
                    StoreException mapped = errors().map(failure, "deleteObjects", bucket, null);
                    // A server without DeleteObjects, or one whose XML cannot carry a key: each object alone.
                    return mapped.code() == StoreErrorCode.UNSUPPORTED || mapped.code() == StoreErrorCode.INVALID_INPUT
                            ? BlobStore.deleteEach(group, this::delete)
                            : CompletableFuture.completedFuture(BatchDeletes.allFailed(group, mapped));
                });
            });
        });
    }

    /** Up to 1,000 checked deletes of one bucket and region, outcomes in order; by default one {@link #sendDelete} each. */
    protected CompletableFuture<List<DeleteOutcome>> sendDeleteAll(List<DeleteBlobRequest> sameBucket) throws Exception {
        return BlobStore.deleteEach(sameBucket, this::delete);
    }

    @Override
    public final CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        String bucket = request == null ? null : request.bucket();
        return call("listObjectsV2", bucket, null, () -> {
            requireArgument(request, "request");
            S3Rules.requireBucketName(request.bucket());
            return sendList(request, S3Rules.listPageSize(request.maxKeys()));
        });
    }

    @Override
    public final CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        BlobId id = request == null ? null : request.destination().id();
        return call("copyObject", id, () -> {
            requireArgument(request, "request");
            require(BlobCapability.COPY, "server-side copies", id);
            refuseUndeclared(request.source(), false);
            UploadSpec spec = uploadSpec(request.destination(), -1);
            return sendCopy(request, spec);
        });
    }

    protected abstract CompletableFuture<Void> sendDelete(DeleteBlobRequest request) throws Exception;

    /** One page, of at most {@code pageSize} (1 to 1,000) objects. */
    protected abstract CompletableFuture<BlobPage> sendList(ListBlobsRequest request, int pageSize) throws Exception;

    /**
     * A server-side copy, for stores that declare {@code COPY}; {@code destination} holds the
     * checked destination request and its header-encoded metadata.
     */
    protected CompletableFuture<BlobInfo> sendCopy(CopyBlobRequest request, UploadSpec destination) throws Exception {
        throw new StoreException(StoreErrorCode.UNSUPPORTED, service + " store does not copy on the server");
    }

    // ------------------------------------------------------------------ checks

    /**
     * Runs an operation so that nothing is thrown synchronously: validation failures and
     * client failures alike complete the future with a mapped {@link StoreException}.
     */
    protected final <T> CompletableFuture<T> call(String operation, BlobId id, StoreCalls.Operation<T> body) {
        return call(operation, id == null ? null : id.bucket(), id == null ? null : id.key(), body);
    }

    /** As {@link #call(String, BlobId, StoreCalls.Operation)}, for a bucket and key given apart. */
    protected final <T> CompletableFuture<T> call(String operation, String bucket, String key,
                                                  StoreCalls.Operation<T> body) {
        return StoreCalls.call(body, e -> errors().map(e, operation, bucket, key));
    }

    /** A null argument is the caller's mistake: INVALID_INPUT, never a NullPointerException. */
    private void requireArgument(Object argument, String name) {
        if (argument == null) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, service + " store: " + name + " must not be null");
        }
    }

    /**
     * Refuses what the store does not declare, as the SPI asks, instead of ignoring it: a
     * read that ignored its version id, range or If-Match would return the wrong bytes.
     */
    protected final void refuseUndeclared(GetBlobRequest request, boolean read) {
        BlobId id = request.id();
        requireVersioning(request.versionId().orElse(null), id);
        if (request.ifMatch().isPresent()) {
            require(BlobCapability.IF_MATCH, "If-Match reads", id);
        }
        request.encryption().ifPresent(sse -> require(sse.capability(), sse.modeName() + " requests", id));
        if (read && request.range().isPresent()) {
            require(BlobCapability.RANGE_READ, "range reads", id);
        }
    }

    /** S3's own {@code "null"} version names the object of an unversioned bucket, so it needs no versioning. */
    protected final void requireVersioning(String versionId, BlobId id) {
        if (!S3Rules.isNullVersion(versionId) && !capabilities.contains(BlobCapability.VERSIONING)) {
            throw StoreException.builder(StoreErrorCode.UNSUPPORTED, "Version id '" + versionId + "' given for key '"
                    + id.key() + "' in bucket '" + id.bucket() + "', but this " + service + " blob store does not "
                    + "declare VERSIONING; turn it on in the store's settings when the bucket has versioning on")
                    .bucket(id.bucket()).key(id.key()).build();
        }
    }

    /** Refuses an operation that needs an undeclared capability, with {@code UNSUPPORTED}. */
    protected final void require(BlobCapability capability, String what, BlobId id) {
        if (!capabilities.contains(capability)) {
            throw StoreException.builder(StoreErrorCode.UNSUPPORTED, "This " + service + " blob store does not declare "
                    + capability + ", so it refuses " + what + " (key '" + id.key() + "' in bucket '" + id.bucket() + "')")
                    .bucket(id.bucket()).key(id.key()).build();
        }
    }

    /**
     * An upload that passed the checks: the request, its user metadata encoded for headers
     * ({@link S3UserMetadata#encode}), the multipart policy to apply (the configured part
     * size: grow it with {@link S3PartSizes#partSizeFor} for large objects), and the
     * content's size (-1 when unknown).
     *
     * <pre>{@code
     * boolean single = spec.size() >= 0 && spec.size() < spec.multipartThreshold();
     * }</pre>
     */
    public record UploadSpec(PutBlobRequest request, Map<String, String> metadata, long multipartThreshold, long partSize,
                             long size) {

        public BlobId id() {
            return request.id();
        }
    }

    /**
     * What every S3 store's builder takes: settings, capabilities declared outright, and
     * where the standard AWS variables and system properties are read.
     *
     * <pre>{@code
     * MyS3BlobStore store = MyS3BlobStore.builder().settings(settings).environment(name -> null).build();
     * }</pre>
     *
     * @param <B> the concrete builder
     * @param <S> the store it builds
     */
    public abstract static class Builder<B extends Builder<B, S>, S extends AbstractS3BlobStore> {
        private StoreSettings settings = StoreSettings.defaults();
        private Set<BlobCapability> capabilities;
        private UnaryOperator<String> environment = System::getenv;
        private UnaryOperator<String> systemProperties = System::getProperty;

        protected Builder() {
        }

        protected abstract B self();

        public B settings(StoreSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return self();
        }

        /**
         * Declares what the backend can do, instead of what the real service does; for
         * S3-compatible servers that lack a feature. Undeclared features are refused with
         * {@link StoreErrorCode#UNSUPPORTED}.
         */
        public B capabilities(Set<BlobCapability> capabilities) {
            this.capabilities = Set.copyOf(capabilities);
            return self();
        }

        /** Where {@code AWS_ENDPOINT_URL_S3}, {@code AWS_REGION} and friends are read; the process's by default. */
        public B environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return self();
        }

        /** Where the {@code aws.*} system properties are read; the JVM's by default. */
        public B systemProperties(UnaryOperator<String> systemProperties) {
            this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
            return self();
        }

        public abstract S build();
    }
}
