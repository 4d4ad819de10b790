package io.stowage.provider.inmemory;

import io.stowage.s3support.ProgressInputStream;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the content of an upload in chunks, computing its S3 etag on the way and checking
 * that a stream yields exactly the length it declared.
 *
 * <pre>{@code
 * UploadReader.Upload upload = UploadReader.read(id, BlobContent.fromStream(in, -1), 10L << 20, 8L << 20);
 * String etag = upload.etag();
 * }</pre>
 */
final class UploadReader {

    /** The largest array the JVM reliably allocates; the in-memory store holds no more per object. */
    static final long MAX_OBJECT_BYTES = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 64 * 1024;

    private UploadReader() {
    }

    /** What was read: the bytes and their etag. */
    static final class Upload {
        private final byte[] bytes;
        private final String etag;

        private Upload(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
        }

        byte[] bytes() {
            return bytes;
        }

        String etag() {
            return etag;
        }
    }

    /**
     * Reads all of {@code content}. Closes the content's stream. A part size that would
     * need more than 10,000 parts for a content of known length is grown, as S3 clients do.
     */
    static Upload read(BlobId id, BlobContent content, long threshold, long partSize) {
        return read(id, content, threshold, partSize, null);
    }

    /** As {@link #read(BlobId, BlobContent, long, long)}, telling {@code progress} (may be null) the bytes read so far. */
    static Upload read(BlobId id, BlobContent content, long threshold, long partSize, java.util.function.LongConsumer progress) {
        long declared = content.length().orElse(-1L);
        if (declared > MAX_OBJECT_BYTES) {
            throw tooLarge(id, declared);
        }
        long effectivePartSize = partSize;
        if (declared > 0 && (declared + partSize - 1) / partSize > S3Etag.MAX_PARTS) {
            effectivePartSize = (declared + S3Etag.MAX_PARTS - 1) / S3Etag.MAX_PARTS;
        }
        S3Etag etag = new S3Etag(threshold, effectivePartSize);
        byte[] bytes;
        try (InputStream in = ProgressInputStream.wrap(content.openStream(), progress)) {
            bytes = declared >= 0 ? readExactly(id, in, (int) declared, etag) : readAll(id, in, etag);
        } catch (IOException e) {
            throw new StoreException(StoreErrorCode.OTHER, "Could not read the content to upload to '" + id.key()
                    + "' in bucket '" + id.bucket() + "': " + e.getMessage(), e).withBucket(id.bucket()).withKey(id.key());
        }
        if (etag.isMultipart() && etag.partCount() > S3Etag.MAX_PARTS) {
            throw Failures.invalid("Upload of " + bytes.length + " bytes would need " + etag.partCount()
                    + " parts, over S3's limit of " + S3Etag.MAX_PARTS + "; use a larger part size")
                    .withBucket(id.bucket()).withKey(id.key());
        }
        return new Upload(bytes, etag.finish());
    }

    private static byte[] readExactly(BlobId id, InputStream in, int declared, S3Etag etag) throws IOException {
        byte[] bytes = new byte[declared];
        int filled = 0;
        while (filled < declared) {
            int n = in.read(bytes, filled, Math.min(CHUNK, declared - filled));
            if (n < 0) {
                throw lengthMismatch(id, declared, "only " + filled);
            }
            etag.update(bytes, filled, n);
            filled += n;
        }
        if (in.read() >= 0) {
            throw lengthMismatch(id, declared, "more than " + declared);
        }
        return bytes;
    }

    private static byte[] readAll(BlobId id, InputStream in, S3Etag etag) throws IOException {
        byte[] bytes = new byte[CHUNK];
        int filled = 0;
        while (true) {
            if (filled == bytes.length) {
                if (bytes.length >= MAX_OBJECT_BYTES) {
                    throw tooLarge(id, bytes.length + 1L);
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_OBJECT_BYTES, bytes.length * 2L));
            }
            int n = in.read(bytes, filled, Math.min(CHUNK, bytes.length - filled));
            if (n < 0) {
                return Arrays.copyOf(bytes, filled);
            }
            etag.update(bytes, filled, n);
            filled += n;
        }
    }

    private static StoreException lengthMismatch(BlobId id, long declared, String actual) {
        return Failures.invalid("Content for '" + id.key() + "' in bucket '" + id.bucket() + "' declared " + declared
                + " bytes but the stream had " + actual + "; pass the exact length, or -1 if unknown")
                .withBucket(id.bucket()).withKey(id.key());
    }

    private static StoreException tooLarge(BlobId id, long size) {
        return Failures.invalid("Content of " + size + " bytes is too large for the in-memory store (at most "
                + MAX_OBJECT_BYTES + " per object); use a real blob store").withBucket(id.bucket()).withKey(id.key());
    }
}
