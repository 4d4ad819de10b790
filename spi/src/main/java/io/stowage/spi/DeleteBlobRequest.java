package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A delete of one object: which one, optionally one version of it, and optionally only
 * if its etag is still the one expected ({@code If-Match}, where the store declares
 * {@link BlobCapability#CONDITIONAL_DELETE}). Deleting a missing object succeeds, as in S3;
 * a delete whose If-Match does not hold fails with {@link StoreErrorCode#PRECONDITION_FAILED}.
 *
 * <pre>{@code
 * DeleteBlobRequest delete = DeleteBlobRequest.builder()
 *         .id(BlobId.of("company-docs", "documents/DOC/1/v1/report.pdf"))
 *         .ifMatch("9b2cf535f27731c974343645a3985328")
 *         .build();
 * }</pre>
 */
public final class DeleteBlobRequest {

    private final BlobId id;
    private final String versionId;
    private final String ifMatch;

    private DeleteBlobRequest(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.versionId = b.versionId == null || b.versionId.isEmpty() ? null : b.versionId;
        this.ifMatch = b.ifMatch == null || b.ifMatch.isEmpty() ? null : BlobInfo.stripQuotes(b.ifMatch);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain delete of the current object (with versioning: a delete marker). */
    public static DeleteBlobRequest of(BlobId id) {
        return builder().id(id).build();
    }

    public BlobId id() {
        return id;
    }

    /** The version to remove; without one, a versioned bucket gets a delete marker. */
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /** The etag (without quotes) the object must still have for the delete to happen. */
    public Optional<String> ifMatch() {
        return Optional.ofNullable(ifMatch);
    }

    @Override
    public String toString() {
        return "DeleteBlobRequest(" + id + (versionId == null ? "" : ", versionId=" + versionId)
                + (ifMatch == null ? "" : ", ifMatch=" + ifMatch) + ")";
    }

    /**
     * Builder of {@link DeleteBlobRequest}; only the id is required.
     *
     * <pre>{@code
     * DeleteBlobRequest.builder().id(info.id()).versionId(info.versionId().orElse(null)).build();
     * }</pre>
     */
    public static final class Builder {
        private BlobId id;
        private String versionId;
        private String ifMatch;

        private Builder() {
        }

        public Builder id(BlobId id) {
            this.id = id;
            return this;
        }

        public Builder versionId(String versionId) {
            this.versionId = versionId;
            return this;
        }

        public Builder ifMatch(String etag) {
            this.ifMatch = etag;
            return this;
        }

        public DeleteBlobRequest build() {
            return new DeleteBlobRequest(this);
        }
    }
}
