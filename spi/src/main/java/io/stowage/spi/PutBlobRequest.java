package io.stowage.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * An upload: where to, content type, user metadata and, optionally, a multipart policy
 * that overrides the store's.
 *
 * <pre>{@code
 * PutBlobRequest put = PutBlobRequest.builder()
 *         .id(BlobId.of("company-docs", "documents/DOC/1/v1/report.pdf"))
 *         .contentType("application/pdf")
 *         .userMetadata(Map.of("department", "finance"))
 *         .build();
 * }</pre>
 */
public final class PutBlobRequest {

    private final BlobId id;
    private final String contentType;
    private final Map<String, String> userMetadata;
    private final Long multipartThreshold;
    private final Long partSize;
    private final boolean createOnly;
    private final String checksumCrc32c;
    private final LongConsumer progress;
    private final ServerSideEncryption encryption;

    private PutBlobRequest(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.contentType = b.contentType == null ? "application/octet-stream" : b.contentType;
        this.userMetadata = b.userMetadata;
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        this.createOnly = b.createOnly;
        this.checksumCrc32c = b.checksumCrc32c;
        this.progress = b.progress;
        this.encryption = b.encryption;
    }

    public static Builder builder() {
        return new Builder();
    }

    public BlobId id() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    /** User metadata ({@code x-amz-meta-*}), keys as given. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    /** A multipart threshold that overrides the store's, if set. */
    public Optional<Long> multipartThreshold() {
        return Optional.ofNullable(multipartThreshold);
    }

    /** A part size that overrides the store's, if set. */
    public Optional<Long> partSize() {
        return Optional.ofNullable(partSize);
    }

    /**
     * Whether the upload may only create the object ({@code If-None-Match: *}): when the key
     * is taken it fails with {@link StoreErrorCode#PRECONDITION_FAILED} and stores nothing.
     * Honoured by stores that declare {@link BlobCapability#CREATE_ONLY}; others refuse
     * such a request with {@link StoreErrorCode#UNSUPPORTED} rather than overwrite.
     */
    public boolean createOnly() {
        return createOnly;
    }

    /**
     * The CRC32C of the whole content, base64 of its four big-endian bytes (S3's
     * {@code x-amz-checksum-crc32c}), when the caller knows it before sending. Stores that
     * declare {@link BlobCapability#CHECKSUM_CRC32C} send it so that the server refuses
     * different bytes; others ignore it.
     */
    public Optional<String> checksumCrc32c() {
        return Optional.ofNullable(checksumCrc32c);
    }

    /**
     * Told the bytes sent so far as the upload proceeds (from the client library's own
     * transfer events where it has them); a count may start again when a part or request is
     * retried. Called on the store's threads: it must not block, and what it throws is ignored.
     */
    public Optional<LongConsumer> progress() {
        return Optional.ofNullable(progress);
    }

    /** How the store encrypts the object at rest; empty for the bucket's default. */
    public Optional<ServerSideEncryption> encryption() {
        return Optional.ofNullable(encryption);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = builder().id(id).contentType(contentType).multipartThreshold(multipartThreshold)
                .partSize(partSize).createOnly(createOnly).checksumCrc32c(checksumCrc32c)
                .progress(progress).encryption(encryption);
        // Immutable, so shared until the builder adds to it (see build()).
        b.userMetadata = userMetadata;
        b.sharedMetadata = true;
        return b;
    }

    @Override
    public String toString() {
        return "PutBlobRequest(" + id + ", contentType=" + contentType + ", metadataKeys=" + userMetadata.keySet()
                + (createOnly ? ", createOnly" : "") + (checksumCrc32c == null ? "" : ", crc32c=" + checksumCrc32c)
                + (encryption == null ? "" : ", " + encryption) + ")";
    }

    /**
     * Builder of {@link PutBlobRequest}. Only the id is required; the content type
     * defaults to {@code application/octet-stream}. The multipart settings exist per
     * request because one large file may want bigger parts than the store's default.
     *
     * <pre>{@code
     * PutBlobRequest put = PutBlobRequest.builder()
     *         .id(BlobId.of("company-docs", "videos/intro.mp4"))
     *         .contentType("video/mp4")
     *         .partSize(64L * 1024 * 1024)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private BlobId id;
        private String contentType;
        private Map<String, String> userMetadata = new LinkedHashMap<>();
        /** Whether {@code userMetadata} is a built request's immutable map, which the builder copies before it adds to it. */
        private boolean sharedMetadata;
        private Long multipartThreshold;
        private Long partSize;
        private boolean createOnly;
        private String checksumCrc32c;
        private LongConsumer progress;
        private ServerSideEncryption encryption;

        private Builder() {
        }

        public Builder id(BlobId id) {
            this.id = id;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder userMetadata(Map<String, String> userMetadata) {
            if (sharedMetadata) {
                this.userMetadata = new LinkedHashMap<>(this.userMetadata);
                sharedMetadata = false;
            }
            this.userMetadata.putAll(userMetadata);
            return this;
        }

        public Builder multipartThreshold(Long multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
            return this;
        }

        public Builder partSize(Long partSize) {
            this.partSize = partSize;
            return this;
        }

        /** Claims the key: the upload fails instead of replacing an object already there. */
        public Builder createOnly(boolean createOnly) {
            this.createOnly = createOnly;
            return this;
        }

        /** The content's CRC32C, base64 of its four big-endian bytes; {@code null} for none. */
        public Builder checksumCrc32c(String checksumCrc32c) {
            this.checksumCrc32c = checksumCrc32c;
            return this;
        }

        /** Told the bytes sent so far; {@code null} for none. */
        public Builder progress(LongConsumer progress) {
            this.progress = progress;
            return this;
        }

        /** How the store encrypts the object; {@code null} for the bucket's default. */
        public Builder encryption(ServerSideEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        public PutBlobRequest build() {
            // The request takes the map as it is; a save builds three requests per file, and
            // copying their metadata each time was a tenth of what a save allocated.
            if (!sharedMetadata) {
                userMetadata = Collections.unmodifiableMap(userMetadata);
                sharedMetadata = true;
            }
            return new PutBlobRequest(this);
        }
    }
}
