package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A server-side copy: the source object, pinned to the etag (and version) expected, and
 * the destination as an upload request, whose content type and user metadata replace the
 * source's. A source that no longer has the expected etag fails with
 * {@link StoreErrorCode#PRECONDITION_FAILED} and copies nothing. A copy cannot claim its
 * destination (S3-compatible servers ignore If-None-Match on CopyObject, and S3's own
 * multipart copy drops it), so copy to a key no one else uses.
 *
 * <pre>{@code
 * CopyBlobRequest copy = CopyBlobRequest.builder()
 *         .source(GetBlobRequest.builder().id(BlobId.of("docs", "a/report.pdf")).ifMatch(etag).build())
 *         .destination(PutBlobRequest.builder().id(BlobId.of("docs", "b/~3f9a2c/report.pdf")).build())
 *         .build();
 * }</pre>
 */
public final class CopyBlobRequest {

    private final GetBlobRequest source;
    private final PutBlobRequest destination;

    private CopyBlobRequest(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        if (destination.createOnly()) {
            throw new IllegalArgumentException("A copy cannot claim its destination " + destination.id()
                    + " (servers ignore If-None-Match on copies); copy to a key no one else uses");
        }
        if (source.range().isPresent()) {
            throw new IllegalArgumentException("A copy takes the whole source object; drop the range " + source.range().get());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The object to copy (its etag and version pin it). */
    public GetBlobRequest source() {
        return source;
    }

    /** Where to, with the content type and metadata the copy gets. */
    public PutBlobRequest destination() {
        return destination;
    }

    /** The etag the source must have. */
    public Optional<String> sourceIfMatch() {
        return source.ifMatch();
    }

    @Override
    public String toString() {
        return "CopyBlobRequest(" + source.id() + " -> " + destination.id() + ")";
    }

    /**
     * Builder of {@link CopyBlobRequest}; source and destination are required.
     *
     * <pre>{@code
     * CopyBlobRequest.builder().source(GetBlobRequest.of(from)).destination(PutBlobRequest.builder().id(to).build()).build();
     * }</pre>
     */
    public static final class Builder {
        private GetBlobRequest source;
        private PutBlobRequest destination;

        private Builder() {
        }

        public Builder source(GetBlobRequest source) {
            this.source = source;
            return this;
        }

        public Builder destination(PutBlobRequest destination) {
            this.destination = destination;
            return this;
        }

        public CopyBlobRequest build() {
            return new CopyBlobRequest(this);
        }
    }
}
