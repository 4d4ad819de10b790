package io.stowage.internal;

import io.stowage.S3AttributeException;
import io.stowage.S3Value;
import io.stowage.s3support.Downloads;
import io.stowage.s3support.ProgressInputStream;
import io.stowage.s3support.Quietly;
import io.stowage.s3support.S3Rules;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.ByteRange;
import io.stowage.spi.GetBlobRequest;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A stored file as a loaded model holds it: metadata from the item, bytes fetched
 * lazily with If-Match on the recorded etag and version. Internal, not API: users see
 * it only as an {@code S3Value}; public like its neighbours, though only this package
 * names it.
 *
 * <pre>{@code
 * StoredS3Value value = S3ValueCodec.fromAttribute(item.get("content"), access);
 * byte[] data = value.syncGetBytes();   // fails if the object changed since the save
 * }</pre>
 */
public final class StoredS3Value implements S3Value {

    private final BlobAccess access;
    private final ObjectOwner owner;
    private final String bucket;
    private final String key;
    private final long size;
    private final String etag;
    private final String contentType;
    private final Instant lastModified;
    private final String versionId;
    private final Map<String, String> metadata;
    private final String checksum;

    StoredS3Value(BlobAccess access, ObjectOwner owner, String bucket, String key, long size, String etag, String contentType,
                  Instant lastModified, String versionId, Map<String, String> metadata, String checksum) {
        this.checksum = checksum;
        this.access = access;
        this.owner = owner;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.etag = etag;
        this.contentType = contentType;
        this.lastModified = lastModified;
        this.versionId = versionId;
        this.metadata = metadata.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The item attribute this value was loaded from or saved to; a save through another
     * item copies the object instead of sharing it.
     */
    ObjectOwner owner() {
        return owner;
    }

    /** The object as the item records it, with its version. */
    ObjectRef ref() {
        return new ObjectRef(bucket, key, versionId, etag);
    }

    @Override
    public boolean isStored() {
        return true;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String etag() {
        return etag;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.ofNullable(lastModified);
    }

    @Override
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    @Override
    public String filename() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    /** The read that returns exactly the bytes the item recorded, or fails; also the source of a copy. */
    GetBlobRequest checkedRead() {
        return access.read(bucket, key).ifMatch(etag).versionId(versionId).build();
    }

    @Override
    public CompletableFuture<byte[]> getBytes() {
        if (size > Integer.MAX_VALUE - 8) {
            // Refused before any call: the store would buffer the whole object before the array overflowed.
            return CompletableFuture.failedFuture(invalid("getBytes() on attribute '" + access.attribute() + "': the object's "
                    + size + " bytes do not fit in a byte array; use saveTo(path) or openStream()"));
        }
        return run("download", s -> s.getBytes(checkedRead())).thenApply(bytes -> {
            if (Crc32c.isChecked(checksum)) {
                requireChecksum(Crc32c.of(bytes), "download");
            }
            return bytes;
        });
    }

    @Override
    public CompletableFuture<Path> saveTo(Path target) {
        if (target == null) {
            return CompletableFuture.failedFuture(invalid("saveTo(null): pass the path to write the file to"));
        }
        // Streamed into a file beside the target and checked at its last byte (where the item recorded a
        // checksum), in one pass: bytes that fail the check never reach the target, the file is not read a
        // second time, and a download the caller gives up on stops at its next buffer.
        return streamTo(target, null);
    }

    /** The object streamed to a file beside {@code target}, checked as it flows, then moved into place. */
    private CompletableFuture<Path> streamTo(Path target, ProgressReporter progress) {
        return viaTempFile(target, (temp, gaveUp) -> openVerified().thenApplyAsync(stream -> {
            try (InputStream in = ProgressInputStream.wrap(stream, progress);
                 java.io.OutputStream out = java.nio.file.Files.newOutputStream(temp)) {
                byte[] buffer = new byte[8192];
                long copied = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (gaveUp.getAsBoolean()) {
                        // Closing the stream ends the transfer; the temporary file goes with the failure.
                        throw new java.util.concurrent.CancellationException("the caller gave up on the download of s3://"
                                + bucket + "/" + key + " after " + copied + " bytes");
                    }
                    out.write(buffer, 0, n);
                    copied += n;
                }
                if (progress != null) {
                    progress.completed(size);
                }
                return copied;
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(streamFailure(e, "download to " + target,
                        "check the directory and the network, then call saveTo again"));
            }
        }, IoThreads.POOL));
    }

    /**
     * Fills a temporary file beside {@code target} with {@code fill}, then moves it into place
     * at once: a failed or refused download never leaves a partial file at the target.
     */
    private CompletableFuture<Path> viaTempFile(Path target, BiFunction<Path, BooleanSupplier, CompletableFuture<?>> fill) {
        Path absolute;
        try {
            absolute = Downloads.prepareTarget(target);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return CompletableFuture.failedFuture(invalid("saveTo(" + target + "): " + e.getMessage()));
        }
        Path temp = Downloads.tempFileBeside(absolute);
        // The caller's future is not the chain's: one cancelled or timed out by the caller stops the
        // copy at its next buffer and keeps the target as it was (unless it comes in the instant between
        // the check and the move), and the temporary file is still deleted.
        CompletableFuture<Path> result = new CompletableFuture<>();
        Futures.call(() -> fill.apply(temp, result::isDone))
                .thenApply(filled -> {
                    if (result.isDone()) {
                        throw new java.util.concurrent.CancellationException("the caller gave up on the download first");
                    }
                    moveIntoPlace(temp, absolute);
                    return target;
                })
                .whenComplete((path, failure) -> {
                    if (failure != null) {
                        Quietly.delete(temp);
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(path);
                    }
                });
        return result;
    }

    private void moveIntoPlace(Path temp, Path target) {
        try {
            Downloads.moveIntoPlace(temp, target);
        } catch (java.io.UncheckedIOException e) {
            throw new S3AttributeException(S3AttributeException.Reason.OTHER, "Could not move the download of s3://" + bucket + "/"
                    + key + " (attribute '" + access.attribute() + "', table '" + access.table() + "') into " + target + " ("
                    + e.getCause() + "); check that the directory is writable and the file is not open elsewhere, then call "
                    + "saveTo again", bucket, key, access.attribute(), e.getCause());
        }
    }

    @Override
    public CompletableFuture<Path> saveTo(Path target, io.stowage.ProgressListener listener) {
        if (target == null || listener == null) {
            return CompletableFuture.failedFuture(invalid("saveTo(" + target + ", " + listener + "): pass the path to write the "
                    + "file to and a ProgressListener"));
        }
        // One pass: the stream counts the bytes for the listener and checks the recorded checksum
        // at its last byte, before the file is moved into place.
        return streamTo(target, new ProgressReporter(listener, size, "download of " + filename()));
    }

    @Override
    public CompletableFuture<InputStream> openStream(io.stowage.ProgressListener listener) {
        if (listener == null) {
            return CompletableFuture.failedFuture(invalid("openStream(null): pass a ProgressListener"));
        }
        ProgressReporter progress = new ProgressReporter(listener, size, "download of " + filename());
        return Futures.closedIfAbandoned(openVerified().thenApply(stream -> new java.io.FilterInputStream(
                ProgressInputStream.wrap(stream, progress)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    progress.completed(size);
                }
                return n;
            }

            @Override
            public int read() throws java.io.IOException {
                int c = super.read();
                if (c < 0) {
                    progress.completed(size);
                }
                return c;
            }
        }));
    }

    /**
     * What a failed stream reports: the Stowage exception it carries (a checksum mismatch), or
     * the store's failure under it mapped as any other call's (a lost connection stays
     * {@code CONNECTION}), or else {@code OTHER} with {@code fix}.
     */
    private S3AttributeException streamFailure(java.io.IOException e, String action, String fix) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof S3AttributeException) {
                return (S3AttributeException) c;
            }
            if (c instanceof io.stowage.spi.StoreException) {
                io.stowage.StowageException mapped = ErrorMapper.blob(c, action, access.table(), access.attribute(), bucket, key);
                if (mapped instanceof S3AttributeException) {
                    return (S3AttributeException) mapped;
                }
            }
        }
        return new S3AttributeException(S3AttributeException.Reason.OTHER, "Could not " + action + " s3://" + bucket + "/" + key
                + " (" + e.getMessage() + "); " + fix, bucket, key, access.attribute(), e);
    }

    @Override
    public CompletableFuture<URI> presignedUrl(Duration expiry) {
        if (access != null && access.customerEncrypted()) {
            return CompletableFuture.failedFuture(invalid("presignedUrl: s3://" + bucket + "/" + key + " is encrypted with a "
                    + "customer key (SSE-C), which a presigned URL would hand to whoever holds it; read it through Stowage "
                    + "(getBytes, openStream, saveTo) and serve the bytes yourself"));
        }
        String problem = S3Rules.presignExpiryProblem(expiry);
        if (problem != null) {
            return CompletableFuture.failedFuture(invalid("presignedUrl(" + expiry + "): " + problem));
        }
        GetBlobRequest request = access.read(bucket, key).versionId(versionId).build();
        return run("presign", s -> s.presignGet(request, expiry));
    }

    @Override
    public CompletableFuture<InputStream> openStream() {
        return Futures.closedIfAbandoned(openVerified());
    }

    private CompletableFuture<InputStream> openVerified() {
        return run("open a stream on", s -> s.getStream(checkedRead())).thenApply(this::verifying);
    }

    /** The stream, checked against the recorded checksum at its last byte when there is one this version checks. */
    InputStream verifying(InputStream stream) {
        return Crc32c.isChecked(checksum) ? new Verifying(stream) : stream;
    }

    private <R> CompletableFuture<R> run(String action, Function<io.stowage.spi.BlobStore, CompletableFuture<R>> op) {
        if (access == null) {
            return CompletableFuture.failedFuture(invalid(action + ": this S3Value is not bound to a blob store"));
        }
        return Futures.call(() -> op.apply(access.store()))
                .handle((r, t) -> {
                    if (t != null) {
                        throw new java.util.concurrent.CompletionException(
                                ErrorMapper.blob(t, action, access.table(), access.attribute(), bucket, key));
                    }
                    return r;
                });
    }

    @Override
    public CompletableFuture<byte[]> getBytes(long offset, long length) {
        S3AttributeException problem = rangeProblem("getBytes", offset, length);
        if (problem != null) {
            return CompletableFuture.failedFuture(problem);
        }
        if (length > Integer.MAX_VALUE - 8) {
            return CompletableFuture.failedFuture(invalid("getBytes(" + offset + ", " + length + ") on attribute '"
                    + access.attribute() + "': a range over 2 GiB does not fit in a byte array; use openStream(offset, length)"));
        }
        if (length == 0) {
            // Still checked: an empty range of a changed object fails as any other range would.
            return run("check", s -> s.head(checkedRead())).thenApply(info -> new byte[0]);
        }
        if (!access.store().capabilities().contains(BlobCapability.RANGE_READ)) {
            return openRange(offset, length).thenApplyAsync(in -> {
                try (InputStream part = in) {
                    return part.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.util.concurrent.CompletionException(streamFailure(e, "read a range of", "retry"));
                }
            }, IoThreads.POOL);
        }
        return run("download a range of", s -> s.getBytes(checkedRead(offset, length)));
    }

    @Override
    public CompletableFuture<InputStream> openStream(long offset, long length) {
        return Futures.closedIfAbandoned(openRange(offset, length));
    }

    private CompletableFuture<InputStream> openRange(long offset, long length) {
        S3AttributeException problem = rangeProblem("openStream", offset, length);
        if (problem != null) {
            return CompletableFuture.failedFuture(problem);
        }
        if (length == 0) {
            return run("check", s -> s.head(checkedRead())).thenApply(info -> InputStream.nullInputStream());
        }
        if (!access.store().capabilities().contains(BlobCapability.RANGE_READ)) {
            // A store without ranges streams the whole object; the bytes before the range are skipped, never kept,
            // on a thread of the API's own rather than the client library's.
            return run("open a stream on", s -> s.getStream(checkedRead())).thenApplyAsync(in -> {
                try {
                    in.skipNBytes(offset);
                } catch (java.io.IOException e) {
                    Quietly.close(in);
                    throw new java.util.concurrent.CompletionException(streamFailure(e, "reach offset " + offset + " of", "retry"));
                }
                return new Limited(in, length);
            }, IoThreads.POOL);
        }
        return run("open a stream on a range of", s -> s.getStream(checkedRead(offset, length)));
    }

    private GetBlobRequest checkedRead(long offset, long length) {
        return access.read(bucket, key).ifMatch(etag).versionId(versionId)
                .range(ByteRange.of(offset, offset + length - 1)).build();
    }

    /** Refuses, before any call, a range that does not lie within the object. */
    private S3AttributeException rangeProblem(String method, long offset, long length) {
        if (access == null) {
            return invalid(method + "(offset, length): this S3Value is not bound to a blob store");
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            return invalid(method + "(" + offset + ", " + length + ") on attribute '" + access.attribute() + "' of table '"
                    + access.table() + "': the range lies outside the object's " + size + " bytes; pass 0 <= offset, "
                    + "0 <= length and offset + length <= size()");
        }
        return null;
    }

    /** A stream that ends after {@code remaining} bytes, and closes the whole stream under it. */
    private static final class Limited extends java.io.FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws java.io.IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            } else {
                throw new java.io.EOFException("the object ended " + remaining + " bytes before the end of the range");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            } else if (n < 0) {
                throw new java.io.EOFException("the object ended " + remaining + " bytes before the end of the range");
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            // A reset would rewind the stream under it but not the count of the range.
            return false;
        }

        @Override
        public long skip(long n) throws java.io.IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws java.io.IOException {
            return (int) Math.min(in.available(), remaining);
        }
    }

    /** Refuses bytes whose checksum differs from the one the item recorded. */
    private void requireChecksum(String read, String action) {
        if (!checksum.equals(read)) {
            throw new java.util.concurrent.CompletionException(checksumMismatch(read, action));
        }
    }

    private S3AttributeException checksumMismatch(String read, String action) {
        return new S3AttributeException(S3AttributeException.Reason.CHECKSUM_MISMATCH, "Could not " + action + " s3://" + bucket
                + "/" + key + " (attribute '" + access.attribute() + "', table '" + access.table() + "'): the bytes read have "
                + "the checksum " + read + " but the item recorded " + checksum + " at save; they were corrupted at rest or "
                + "on the way. Nothing of the read was kept; retry, and if it persists restore the object from a backup or "
                + "a previous version", bucket, key, access.attribute(), null);
    }

    /** A download stream that checks the recorded checksum when it reaches its end. */
    private final class Verifying extends Crc32c.Counting {

        Verifying(InputStream in) {
            super(in, size);
        }

        @Override
        protected void end() throws java.io.IOException {
            String read = checksumSoFar();
            if (read != null && !checksum.equals(read)) {
                S3AttributeException mismatch = checksumMismatch(read, "read");
                throw new java.io.IOException(mismatch.getMessage(), mismatch);
            }
        }
    }

    private S3AttributeException invalid(String message) {
        return new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                message + " (s3://" + bucket + "/" + key + ")", bucket, key, access == null ? null : access.attribute(), null);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StoredS3Value)) {
            return false;
        }
        StoredS3Value v = (StoredS3Value) o;
        return bucket.equals(v.bucket) && key.equals(v.key) && size == v.size && Objects.equals(etag, v.etag)
                && Objects.equals(versionId, v.versionId) && Objects.equals(contentType, v.contentType)
                && metadata.equals(v.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, etag, versionId);
    }

    @Override
    public String toString() {
        return "S3Value(s3://" + bucket + "/" + key + ", " + size + " bytes, etag=" + etag + ", " + contentType
                + (versionId == null ? "" : ", version=" + versionId) + ")";
    }
}
