package io.stowage.internal;

import io.stowage.S3File;
import io.stowage.spi.PutBlobRequest;

/**
 * One object a save has to place, with its validated destination: a new file to upload,
 * or another item's stored object to copy (so that each item owns its own object).
 * {@link #request} names the seed key; {@link Uploader} decides whether the object lands
 * there or at a derived key.
 */
final class PendingUpload<T> {

    final AttributeSpec<T> spec;
    final ObjectOwner owner;
    /** The new file, or {@code null} for a copy. */
    final S3File file;
    /** The stored object to copy, or {@code null} for a new file. */
    final StoredS3Value source;
    /** The upload at the layout's seed key, with content type and back-link metadata. */
    final PutBlobRequest request;
    /**
     * The CRC32C of the bytes placed, set by {@link Uploader} when the placement succeeds (a
     * stream's is known only then); {@code null} when none could be had.
     */
    volatile String checksum;

    private PendingUpload(AttributeSpec<T> spec, ObjectOwner owner, S3File file, StoredS3Value source, PutBlobRequest request) {
        this.spec = spec;
        this.owner = owner;
        this.file = file;
        this.source = source;
        this.request = request;
    }

    static <T> PendingUpload<T> ofFile(AttributeSpec<T> spec, ObjectOwner owner, S3File file, PutBlobRequest request) {
        return new PendingUpload<>(spec, owner, file, null, request);
    }

    static <T> PendingUpload<T> ofCopy(AttributeSpec<T> spec, ObjectOwner owner, StoredS3Value source, PutBlobRequest request) {
        return new PendingUpload<>(spec, owner, null, source, request);
    }

    boolean isCopy() {
        return source != null;
    }

    String seedKey() {
        return request.id().key();
    }

    /** The folder the layout puts this attribute's objects of this item in (for reports). */
    String folder() {
        String key = seedKey();
        return key.substring(0, key.lastIndexOf('/') + 1);
    }
}
