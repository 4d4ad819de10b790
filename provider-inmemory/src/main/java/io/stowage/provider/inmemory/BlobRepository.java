package io.stowage.provider.inmemory;

import io.stowage.s3support.S3Checksums;
import io.stowage.s3support.S3Rules;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blob store's state and its S3 rules, synchronously: buckets, validation, etags,
 * versions, preconditions and listing. {@link InMemoryBlobStore} wraps it in futures and
 * {@link PresignServer} serves it over HTTP, so both apply exactly the same rules.
 *
 * <pre>{@code
 * BlobRepository repo = new BlobRepository(false, Clock.systemUTC(), 10L << 20, 8L << 20);
 * repo.createBucket("docs");
 * BlobInfo info = repo.put(request, BlobContent.fromBytes(data), false);
 * }</pre>
 */
final class BlobRepository {

    /** S3's most keys per listing page. */
    static final int MAX_KEYS = 1000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final boolean versioning;
    private final Clock clock;
    private final long multipartThreshold;
    private final long partSize;

    BlobRepository(boolean versioning, Clock clock, long multipartThreshold, long partSize) {
        this.versioning = versioning;
        this.clock = clock;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    boolean versioning() {
        return versioning;
    }

    void createBucket(String bucket) {
        S3Rules.requireBucketName(bucket);
        buckets.computeIfAbsent(bucket, Bucket::new);
    }

    boolean bucketExists(String bucket) {
        S3Rules.requireBucketName(bucket);
        return buckets.containsKey(bucket);
    }

    /**
     * Stores an upload. With {@code singlePart} the etag is the plain MD5 whatever the size,
     * as for S3's single PUT (which presigned PUT URLs use).
     */
    BlobInfo put(PutBlobRequest request, BlobContent content, boolean singlePart) {
        if (request == null || content == null) {
            throw Failures.invalid("put needs a request and a content");
        }
        BlobId id = request.id();
        Bucket bucket = bucket(id);
        S3Rules.requireKey(id);
        Map<String, String> metadata = storedMetadata(id, request.userMetadata());
        long threshold = singlePart ? Long.MAX_VALUE : positive(id, "multipartThreshold",
                request.multipartThreshold().orElse(multipartThreshold));
        long parts = positive(id, "partSize", request.partSize().orElse(partSize));
        UploadReader.Upload upload = UploadReader.read(id, content, threshold, parts, request.progress().orElse(null));
        if (request.checksumCrc32c().isPresent()) {
            String received = S3Checksums.crc32c(upload.bytes());
            if (!received.equals(request.checksumCrc32c().get())) {
                throw new StoreException(StoreErrorCode.CHECKSUM_MISMATCH, "The CRC32C sent with '" + id.key() + "' ("
                        + request.checksumCrc32c().get() + ") does not match the bytes received (" + received
                        + "); nothing was stored: the bytes changed on the way, so retry the upload")
                        .withBucket(id.bucket()).withKey(id.key());
            }
        }
        return store(bucket, id, StoredObject.of(upload.bytes(), upload.etag(), request.contentType(), now(),
                versioning ? newVersionId() : null, metadata).encrypted(request.encryption().orElse(null)), request.createOnly());
    }

    /**
     * A server-side copy: the source as {@link #read} finds it (If-Match and version
     * checked), stored at the destination with the destination's content type and metadata,
     * as a single-part object (S3's CopyObject answers with the plain MD5 etag).
     */
    BlobInfo copy(CopyBlobRequest request) {
        if (request == null) {
            throw Failures.invalid("copy needs a request");
        }
        StoredObject source = read(request.source());
        PutBlobRequest to = request.destination();
        BlobId id = to.id();
        Bucket bucket = bucket(id);
        S3Rules.requireKey(id);
        Map<String, String> metadata = storedMetadata(id, to.userMetadata());
        S3Etag etag = new S3Etag(Long.MAX_VALUE, Long.MAX_VALUE);
        etag.update(source.content(), 0, source.content().length);
        // The stored array is never modified, so the copy shares it.
        return store(bucket, id, StoredObject.of(source.content(), etag.finish(), to.contentType(), now(),
                versioning ? newVersionId() : null, metadata).encrypted(to.encryption().orElse(null)), false);
    }

    private BlobInfo store(Bucket bucket, BlobId id, StoredObject object, boolean createOnly) {
        if (createOnly) {
            if (!bucket.putIfAbsent(id.key(), object, versioning)) {
                throw Failures.keyTaken(id);
            }
        } else {
            bucket.put(id.key(), object, versioning);
        }
        return object.info(id);
    }

    /** The metadata as S3 keeps it: checked against S3's rules, keys lower-cased. */
    private static Map<String, String> storedMetadata(BlobId id, Map<String, String> metadata) {
        S3Rules.requireMetadata(id, metadata);
        Map<String, String> stored = new LinkedHashMap<>();
        metadata.forEach((k, v) -> stored.put(k.toLowerCase(Locale.ROOT), v));
        return stored;
    }

    /** The object (or version) a read names, after checking its If-Match precondition. */
    StoredObject read(GetBlobRequest request) {
        if (request == null) {
            throw Failures.invalid("read needs a request");
        }
        BlobId id = request.id();
        Bucket bucket = bucket(id);
        S3Rules.requireKey(id);
        String versionId = request.versionId().orElse(null);
        StoredObject object;
        if (versionId == null) {
            object = bucket.current(id.key());
        } else if (!versioning) {
            requireNullVersion(id, versionId);
            object = bucket.current(id.key());
        } else {
            object = bucket.version(id.key(), versionId);
            if (object != null && object.isDeleteMarker()) {
                object = null;
            }
        }
        if (object == null) {
            throw Failures.objectNotFound(id.bucket(), id.key(), versionId);
        }
        requireMatch(id, object, request.ifMatch().orElse(null));
        requireCustomerKey(id, object, request.encryption().orElse(null));
        return object;
    }

    /** As S3: an SSE-C object is read only with its key, and a key is refused for any other object. */
    private static void requireCustomerKey(BlobId id, StoredObject object, ServerSideEncryption sent) {
        boolean sentKey = sent != null && sent.mode() == ServerSideEncryption.Mode.CUSTOMER;
        if (object.customerKeyMd5() == null) {
            if (sentKey) {
                throw Failures.invalid("Object '" + id.key() + "' in bucket '" + id.bucket() + "' is not encrypted with a "
                        + "customer key; send none").withBucket(id.bucket()).withKey(id.key());
            }
            return;
        }
        if (!sentKey) {
            throw Failures.invalid("Object '" + id.key() + "' in bucket '" + id.bucket() + "' is encrypted with a customer key "
                    + "(SSE-C); send the key to read it").withBucket(id.bucket()).withKey(id.key());
        }
        if (!sent.customerKeyMd5Base64().equals(object.customerKeyMd5())) {
            throw StoreException.builder(StoreErrorCode.ACCESS_DENIED, "Object '" + id.key() + "' in bucket '" + id.bucket()
                    + "' was encrypted with another customer key; send the key it was stored with")
                    .bucket(id.bucket()).key(id.key()).build();
        }
    }

    private static void requireMatch(BlobId id, StoredObject object, String ifMatch) {
        String expected = ifMatch == null ? null : BlobInfo.stripQuotes(ifMatch);
        if (expected != null && !"*".equals(expected) && !expected.equals(object.etag())) {
            throw StoreException.builder(StoreErrorCode.PRECONDITION_FAILED, "Object '" + id.key() + "' in bucket '"
                    + id.bucket() + "' has etag " + object.etag() + ", not the expected " + expected
                    + "; it changed since it was recorded").bucket(id.bucket()).key(id.key()).build();
        }
    }

    /** What S3 refuses about a delete request before looking at the bucket. */
    void checkDelete(DeleteBlobRequest request) {
        if (request == null) {
            throw Failures.invalid("delete needs a request");
        }
        S3Rules.requireKey(request.id());
        String versionId = request.versionId().orElse(null);
        if (!versioning && versionId != null) {
            requireNullVersion(request.id(), versionId);
        }
    }

    /**
     * Deletes as S3 does: a missing object is fine; with versioning, no version id adds a
     * delete marker and a version id removes that version. With If-Match, the check and the
     * delete are one atomic step.
     */
    void delete(DeleteBlobRequest request) {
        checkDelete(request);
        BlobId id = request.id();
        Bucket bucket = bucket(id);
        String versionId = request.versionId().orElse(null);
        String ifMatch = request.ifMatch().orElse(null);
        if (!versioning) {
            bucket.removeIf(id.key(), current -> requireMatch(id, current, ifMatch));
        } else if (versionId == null) {
            bucket.addDeleteMarkerIf(id.key(), StoredObject.deleteMarker(now(), newVersionId()),
                    current -> requireMatch(id, current, ifMatch));
        } else {
            bucket.removeVersionIf(id.key(), versionId, version -> requireMatch(id, version, ifMatch));
        }
    }

    /** A page of current objects; {@code maxKeys} 0 means S3's default of 1,000, more is cut to 1,000. */
    BlobPage list(String bucketName, String prefix, String continuationToken, int maxKeys) {
        if (maxKeys < 0) {
            throw Failures.invalid("maxKeys must be between 0 and " + MAX_KEYS + ", was " + maxKeys).withBucket(bucketName);
        }
        S3Rules.requireBucketName(bucketName);
        Bucket bucket = buckets.get(bucketName);
        if (bucket == null) {
            throw Failures.bucketNotFound(bucketName);
        }
        String after = continuationToken == null || continuationToken.isEmpty() ? null
                : decodeToken(bucketName, continuationToken);
        int max = maxKeys == 0 ? MAX_KEYS : Math.min(maxKeys, MAX_KEYS);
        Bucket.Listing listing = bucket.list(prefix == null ? "" : prefix, after, max);
        List<BlobInfo> blobs = new ArrayList<>();
        String lastKey = null;
        for (Map.Entry<String, StoredObject> e : listing.objects()) {
            blobs.add(e.getValue().info(BlobId.of(bucketName, e.getKey())));
            lastKey = e.getKey();
        }
        return BlobPage.of(blobs, listing.truncated() ? encodeToken(lastKey) : null);
    }

    /**
     * Without versioning the only version is S3's "null" one. Any other id is refused as
     * UNSUPPORTED, the SPI's answer for an undeclared capability, rather than ignored:
     * a delete that ignored it would remove the current object.
     */
    void requireNullVersion(BlobId id, String versionId) {
        if (!versioning && versionId != null && !"null".equals(versionId)) {
            throw new StoreException(StoreErrorCode.UNSUPPORTED, "Version id '" + versionId + "' given for '" + id.key()
                    + "' in bucket '" + id.bucket() + "', but this in-memory store has no versioning; build it with"
                    + " versioning(true) or set " + InMemoryBlobStore.VERSIONING_PROPERTY + "=true")
                    .withBucket(id.bucket()).withKey(id.key());
        }
    }

    private Bucket bucket(BlobId id) {
        S3Rules.requireBucketName(id.bucket());
        Bucket bucket = buckets.get(id.bucket());
        if (bucket == null) {
            throw Failures.bucketNotFound(id.bucket()).withKey(id.key());
        }
        return bucket;
    }

    private Instant now() {
        // S3 reports Last-Modified with one-second precision (the HTTP date format).
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String newVersionId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long positive(BlobId id, String name, long value) {
        if (value < 1) {
            throw Failures.invalid(name + " must be positive, was " + value).withBucket(id.bucket()).withKey(id.key());
        }
        return value;
    }

    private static String encodeToken(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String bucket, String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Failures.invalid("Continuation token '" + token + "' was not issued by this store; pass the"
                    + " nextToken of the previous page").withBucket(bucket);
        }
    }
}
