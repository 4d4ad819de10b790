package io.stowage.spi;

/**
 * What a blob store can do beyond the required core (put, head, read, delete, list,
 * create bucket). The TCK skips, with the reason, the tests of capabilities a store
 * does not declare, and checks that undeclared ones are refused with
 * {@link StoreErrorCode#UNSUPPORTED}.
 *
 * <pre>{@code
 * if (store.capabilities().contains(BlobCapability.PRESIGN_GET)) { ... }
 * }</pre>
 */
public enum BlobCapability {
    /** Objects have version ids, and reads and deletes may name a version. */
    VERSIONING,
    /** Presigned GET URLs that work over HTTP. */
    PRESIGN_GET,
    /** Presigned PUT URLs that work over HTTP. */
    PRESIGN_PUT,
    /** Presigned URLs stop working after their expiry. */
    PRESIGN_EXPIRY_ENFORCED,
    /** A tampered presigned URL is refused (403). */
    PRESIGN_TAMPER_CHECKED,
    /** Multipart uploads get S3's {@code md5-of-part-md5s-N} etag. */
    MULTIPART_ETAG,
    /** Parts of a multipart upload are sent in parallel. */
    MULTIPART_PARALLEL,
    /** Reads of a byte range. */
    RANGE_READ,
    /** Reads with If-Match. */
    IF_MATCH,
    /** The backend refuses unknown or wrong credentials. */
    CREDENTIALS_CHECKED,
    /**
     * Create-only uploads ({@code If-None-Match: *} on PutObject and CompleteMultipartUpload):
     * a key that is taken fails the upload atomically, so a key can be claimed.
     */
    CREATE_ONLY,
    /** Deletes with If-Match: an object whose etag changed is not deleted. */
    CONDITIONAL_DELETE,
    /**
     * {@link BlobStore#deleteAll} sends one request per bucket for up to 1,000 objects (S3's
     * DeleteObjects), honouring each one's version id and If-Match, instead of one per object.
     */
    BATCH_DELETE,
    /** Server-side copies ({@link BlobStore#copy}), with the source pinned by If-Match. */
    COPY,
    /**
     * Uploads carrying a CRC32C ({@link PutBlobRequest#checksumCrc32c()}) are verified by the
     * store: bytes that do not match are refused with {@link StoreErrorCode#CHECKSUM_MISMATCH}
     * and nothing is stored. Single-part uploads carry it; the parts of a multipart upload are
     * checked by the client library's own per-part checksums.
     */
    CHECKSUM_CRC32C,
    /**
     * Encrypts an object at rest with keys the store manages when a put asks for
     * {@link ServerSideEncryption#s3()}, signs that header into presigned PUTs, and reports it
     * in {@link BlobInfo#encryption()}.
     */
    SSE_S3,
    /** The same with a KMS key ({@link ServerSideEncryption#kms(String)}), reporting the key id. */
    SSE_KMS,
    /**
     * Encrypts with a key sent on every request ({@link ServerSideEncryption#customer(byte[])}):
     * a read, head or copy of such an object without that key fails, with
     * {@code INVALID_INPUT} (no key) or {@code ACCESS_DENIED} (another key).
     */
    SSE_C
}
