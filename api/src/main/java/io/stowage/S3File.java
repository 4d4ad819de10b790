package io.stowage;

import io.stowage.internal.PendingFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A file to store: an {@link S3Value} not yet saved. Assign it to an
 * {@code @S3Attribute} field and save the model; afterwards the field holds the stored
 * value. Immutable: the {@code with...} methods return copies. Until it is saved, its
 * bucket, key and etag are unknown and its I/O methods fail with
 * {@link S3AttributeException.Reason#INVALID_INPUT}.
 *
 * <p>Content from a {@link Path} is streamed at save time, never read whole into
 * memory. Content from an {@link InputStream} is read once: if that save fails, assign
 * a new {@code S3File} before saving again.
 *
 * <pre>{@code
 * doc.content = S3File.of(Path.of("/tmp/invoice.pdf"))
 *         .withContentType("application/pdf")
 *         .withMetadata(Map.of("department", "finance"));
 * doc.attachment = S3File.of("hello".getBytes(UTF_8), "hello.txt");
 * }</pre>
 */
public interface S3File extends S3Value {

    /**
     * A file from bytes. The array is copied. The name is required: it becomes the last
     * segment of the object key and guides the content type.
     */
    static S3File of(byte[] data, String name) {
        return PendingFile.ofBytes(data, name);
    }

    /**
     * A file over the caller's bytes, not copied: no second copy of a large array, for code
     * that builds the array and lets go of it (as the AWS SDK's
     * {@code AsyncRequestBody.fromBytesUnsafe}). The array must not change until the save
     * completes; bytes changed before then are stored changed, or fail their checksum.
     *
     * <pre>{@code
     * doc.content = S3File.wrap(renderPdf(order), "invoice.pdf");
     * }</pre>
     */
    static S3File wrap(byte[] data, String name) {
        return PendingFile.wrapBytes(data, name);
    }

    /** A file from a path; its name is the path's file name. The file is streamed when saved. */
    static S3File of(Path path) {
        return PendingFile.ofPath(path);
    }

    /**
     * A file from a stream of exactly {@code size} bytes, read once when the model is
     * saved and closed afterwards.
     */
    static S3File of(InputStream stream, long size, String name) {
        return PendingFile.ofStream(stream, size, name);
    }

    /**
     * A file from a stream whose length is not known in advance (a request body, a pipe, a
     * generated report): read once when the model is saved, and uploaded in parts once it
     * passes the multipart threshold, so that memory stays bounded (a part or two per upload)
     * whatever its length. {@link #size()} is -1 until the save; the stored value holds the
     * real size, etag and CRC32C.
     *
     * <pre>{@code
     * doc.content = S3File.of(request.getInputStream(), "upload.bin");
     * }</pre>
     */
    static S3File of(InputStream stream, String name) {
        return PendingFile.ofStream(stream, name);
    }

    /** A copy with another file name. */
    S3File withName(String name);

    /** A copy with an explicit content type (otherwise guessed from the name). */
    S3File withContentType(String contentType);

    /** A copy with user metadata, stored on the object and, exactly, in the item. */
    S3File withMetadata(Map<String, String> metadata);

    /**
     * A copy whose upload tells {@code listener} how far it has got: growing byte counts
     * (from the client library's own transfer events where it has them, such as the S3
     * transfer manager's), ending at the file's size once the upload succeeded.
     *
     * <pre>{@code
     * doc.content = S3File.of(path).withProgress((sent, total) -> System.out.printf("%d/%d%n", sent, total));
     * }</pre>
     */
    S3File withProgress(ProgressListener listener);

    /** Whether the content type was given rather than guessed. */
    boolean hasExplicitContentType();

    /** The local file this was made from, if any. */
    Optional<Path> path();
}
