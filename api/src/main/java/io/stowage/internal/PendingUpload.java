package io.stowage.internal;

import io.stowage.S3File;
import io.stowage.spi.PutBlobRequest;

/**
 * One object a save has to place, with its validated destination: a new file to upload,
 * another item's stored object to copy (so that each item owns its own object), or an object
 * a client already uploaded through a presigned URL (a direct upload being committed).
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
    /** The object a client uploaded, checked by the commit, or {@code null}. */
    final io.stowage.spi.BlobInfo uploaded;
    /**
     * The upload with content type and back-link metadata: at the layout's seed key, or, for a
     * committed upload, at the derived key it already sits at.
     */
    final PutBlobRequest request;
    /**
     * The CRC32C of the bytes placed, set by {@link Uploader} when the placement succeeds (a
     * stream's is known only then); {@code null} when none could be had.
     */
    volatile String checksum;
    /** Told how the upload proceeds, across every attempt (a refused claim is sent again); {@code null} for none. */
    private ProgressReporter progress;
    /** The layout's seed key: {@code request}'s, except for a committed upload, which sits at a derived key. */
    private final String layoutSeedKey;

    private PendingUpload(AttributeSpec<T> spec, ObjectOwner owner, S3File file, StoredS3Value source,
                          io.stowage.spi.BlobInfo uploaded, PutBlobRequest request, String layoutSeedKey) {
        this.spec = spec;
        this.owner = owner;
        this.file = file;
        this.source = source;
        this.uploaded = uploaded;
        this.request = request;
        this.layoutSeedKey = layoutSeedKey;
    }

    static <T> PendingUpload<T> ofFile(AttributeSpec<T> spec, ObjectOwner owner, S3File file, PutBlobRequest request) {
        return new PendingUpload<>(spec, owner, file, null, null, request, request.id().key());
    }

    static <T> PendingUpload<T> ofCopy(AttributeSpec<T> spec, ObjectOwner owner, StoredS3Value source, PutBlobRequest request) {
        return new PendingUpload<>(spec, owner, null, source, null, request, request.id().key());
    }

    /**
     * An object already in place: {@code request} names the key it is at; {@code checksum} is
     * the CRC32C the commit verified, or {@code null}.
     */
    static <T> PendingUpload<T> ofUploaded(AttributeSpec<T> spec, ObjectOwner owner, io.stowage.spi.BlobInfo uploaded,
                                           PutBlobRequest request, String checksum, String layoutSeedKey) {
        PendingUpload<T> upload = new PendingUpload<>(spec, owner, null, null, uploaded, request, layoutSeedKey);
        upload.checksum = checksum;
        return upload;
    }

    /** The user metadata the item records for the object (the back-link is not the user's). */
    java.util.Map<String, String> userMetadata() {
        if (source != null) {
            return source.metadata();
        }
        return file != null ? file.metadata() : java.util.Map.of();
    }

    /** The one reporter of this upload's progress, made on first use; {@code null} when no one listens. */
    synchronized ProgressReporter progress() {
        io.stowage.ProgressListener listener = file == null ? null : PendingFile.progressOf(file);
        if (listener != null && progress == null) {
            progress = new ProgressReporter(listener, file.size(), "upload of " + file.filename());
        }
        return progress;
    }

    boolean isCopy() {
        return source != null;
    }

    /** The key {@link #request} names (a committed upload's derived key); reports use {@link #folder()}. */
    String seedKey() {
        return request.id().key();
    }

    /**
     * The folder the layout puts this attribute's objects of this item in (for reports): from
     * the seed key, not a committed upload's derived key, whose folder holds that upload alone.
     */
    String folder() {
        return ObjectKeys.folderOf(layoutSeedKey);
    }
}
