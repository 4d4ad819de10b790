package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A read (or a presigned GET): which object, and the preconditions and range to apply.
 * {@code ifMatch} is an etag without quotes; a mismatch fails with
 * {@link StoreErrorCode#PRECONDITION_FAILED}.
 *
 * <pre>{@code
 * GetBlobRequest get = GetBlobRequest.builder()
 *         .id(BlobId.of("company-docs", key))
 *         .ifMatch("d41d8cd98f00b204e9800998ecf8427e")
 *         .range(ByteRange.of(0, 1023))
 *         .build();
 * }</pre>
 */
public final class GetBlobRequest {

    private final BlobId id;
    private final String ifMatch;
    private final String versionId;
    private final ByteRange range;

    private GetBlobRequest(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.ifMatch = b.ifMatch;
        this.versionId = b.versionId;
        this.range = b.range;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain read of the current version. */
    public static GetBlobRequest of(BlobId id) {
        return builder().id(id).build();
    }

    public BlobId id() {
        return id;
    }

    public Optional<String> ifMatch() {
        return Optional.ofNullable(ifMatch);
    }

    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    public Optional<ByteRange> range() {
        return Optional.ofNullable(range);
    }

    public Builder toBuilder() {
        return builder().id(id).ifMatch(ifMatch).versionId(versionId).range(range);
    }

    @Override
    public String toString() {
        return "GetBlobRequest(" + id + (ifMatch == null ? "" : ", ifMatch=" + ifMatch)
                + (versionId == null ? "" : ", versionId=" + versionId) + (range == null ? "" : ", " + range) + ")";
    }

    /**
     * Builder of {@link GetBlobRequest}. Only the id is required; pinning the version and
     * etag makes the read fail rather than return bytes of a newer upload.
     *
     * <pre>{@code
     * GetBlobRequest firstKb = GetBlobRequest.builder()
     *         .id(info.id())
     *         .versionId(info.versionId().orElse(null))
     *         .ifMatch(info.etag())
     *         .range(ByteRange.of(0, 1023))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private BlobId id;
        private String ifMatch;
        private String versionId;
        private ByteRange range;

        private Builder() {
        }

        public Builder id(BlobId id) {
            this.id = id;
            return this;
        }

        public Builder ifMatch(String etag) {
            this.ifMatch = etag;
            return this;
        }

        public Builder versionId(String versionId) {
            this.versionId = versionId;
            return this;
        }

        public Builder range(ByteRange range) {
            this.range = range;
            return this;
        }

        public GetBlobRequest build() {
            return new GetBlobRequest(this);
        }
    }
}
