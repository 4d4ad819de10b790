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
    private final ServerSideEncryption encryption;

    private GetBlobRequest(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.ifMatch = b.ifMatch;
        this.versionId = b.versionId;
        this.range = b.range;
        this.encryption = b.encryption;
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

    /**
     * The SSE-C key the object was stored with, which a read, head or copy of it must send;
     * empty for other objects (the store decrypts those itself).
     */
    public Optional<ServerSideEncryption> encryption() {
        return Optional.ofNullable(encryption);
    }

    public Builder toBuilder() {
        return builder().id(id).ifMatch(ifMatch).versionId(versionId).range(range).encryption(encryption);
    }

    @Override
    public String toString() {
        return "GetBlobRequest(" + id + (ifMatch == null ? "" : ", ifMatch=" + ifMatch)
                + (versionId == null ? "" : ", versionId=" + versionId) + (range == null ? "" : ", " + range)
                + (encryption == null ? "" : ", " + encryption) + ")";
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
        private ServerSideEncryption encryption;

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

        /** The SSE-C key of the object; only {@link ServerSideEncryption.Mode#CUSTOMER} is sent on a read. */
        public Builder encryption(ServerSideEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        public GetBlobRequest build() {
            return new GetBlobRequest(this);
        }
    }
}
