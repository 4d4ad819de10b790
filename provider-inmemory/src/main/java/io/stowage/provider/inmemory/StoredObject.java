package io.stowage.provider.inmemory;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ServerSideEncryption;

import java.time.Instant;
import java.util.Map;

/**
 * One version of an object as the store holds it: its bytes and what S3 reports about
 * them, or a delete marker. Immutable; the byte array is never handed out, only read.
 *
 * <pre>{@code
 * StoredObject v1 = StoredObject.of(bytes, etag, "text/plain", now, null, Map.of());
 * BlobInfo info = v1.info(BlobId.of("docs", "a.txt"));
 * }</pre>
 */
final class StoredObject {

    private final byte[] content;
    private final String etag;
    private final String contentType;
    private final Instant lastModified;
    private final String versionId;
    private final Map<String, String> userMetadata;
    private final boolean deleteMarker;
    /** How it is encrypted at rest, as asked: {@code null} for the bucket's default. */
    private final ServerSideEncryption.Mode encryption;
    private final String kmsKeyId;
    /** The MD5 of an SSE-C key, all the store keeps of it (as S3). */
    private final String customerKeyMd5;

    private StoredObject(byte[] content, String etag, String contentType, Instant lastModified, String versionId,
                         Map<String, String> userMetadata, boolean deleteMarker) {
        this(content, etag, contentType, lastModified, versionId, userMetadata, deleteMarker, null);
    }

    private StoredObject(byte[] content, String etag, String contentType, Instant lastModified, String versionId,
                         Map<String, String> userMetadata, boolean deleteMarker, ServerSideEncryption sse) {
        this.encryption = sse == null ? null : sse.mode();
        this.kmsKeyId = sse == null || sse.mode() != ServerSideEncryption.Mode.KMS ? null : sse.kmsKeyId().orElse("aws/s3");
        this.customerKeyMd5 = sse == null || sse.mode() != ServerSideEncryption.Mode.CUSTOMER ? null : sse.customerKeyMd5Base64();
        this.content = content;
        this.etag = etag;
        this.contentType = contentType;
        this.lastModified = lastModified;
        this.versionId = versionId;
        this.userMetadata = Map.copyOf(userMetadata);
        this.deleteMarker = deleteMarker;
    }

    /** An object version; {@code content} is owned by the new instance from now on. */
    static StoredObject of(byte[] content, String etag, String contentType, Instant lastModified, String versionId,
                           Map<String, String> userMetadata) {
        return new StoredObject(content, etag, contentType, lastModified, versionId, userMetadata, false);
    }

    /** This version, encrypted as {@code sse} asks ({@code null}: the bucket's default). */
    StoredObject encrypted(ServerSideEncryption sse) {
        return sse == null ? this : new StoredObject(content, etag, contentType, lastModified, versionId, userMetadata,
                deleteMarker, sse);
    }

    ServerSideEncryption.Mode encryption() {
        return encryption;
    }

    /** The MD5 of the SSE-C key it was stored with, or {@code null}. */
    String customerKeyMd5() {
        return customerKeyMd5;
    }

    /** A versioned delete marker: the object reads as missing while it is the latest version. */
    static StoredObject deleteMarker(Instant lastModified, String versionId) {
        return new StoredObject(new byte[0], null, null, lastModified, versionId, Map.of(), true);
    }

    /** The bytes; callers must not modify them. */
    byte[] content() {
        return content;
    }

    long size() {
        return content.length;
    }

    String etag() {
        return etag;
    }

    String contentType() {
        return contentType;
    }

    Instant lastModified() {
        return lastModified;
    }

    /** The version id, or {@code null} without versioning. */
    String versionId() {
        return versionId;
    }

    Map<String, String> userMetadata() {
        return userMetadata;
    }

    boolean isDeleteMarker() {
        return deleteMarker;
    }

    BlobInfo info(BlobId id) {
        return BlobInfo.builder()
                .id(id)
                .size(content.length)
                .etag(etag)
                .contentType(contentType)
                .lastModified(lastModified)
                .versionId(versionId)
                .userMetadata(userMetadata)
                .encryption(encryption)
                .kmsKeyId(kmsKeyId)
                .build();
    }
}
