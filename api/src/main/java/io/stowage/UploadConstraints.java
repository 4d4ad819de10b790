package io.stowage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a direct upload must satisfy to be committed: a maximum size, a content type other
 * than the one guessed from the file name, and the CRC32C of the bytes the client will send
 * (base64, as S3's {@code x-amz-checksum-crc32c}; where the store checks checksums, it
 * refuses other bytes already at the PUT). {@link Table#commitUpload} checks each of them
 * before it writes anything.
 *
 * <pre>{@code
 * UploadConstraints limits = UploadConstraints.builder().maxSize(20L << 20).contentType("application/pdf").build();
 * PresignedUpload upload = documents.syncPresignUpload(doc, "content", "scan.pdf", Duration.ofMinutes(10), limits);
 * }</pre>
 */
public final class UploadConstraints {

    private static final UploadConstraints NONE = builder().build();

    private final Long maxSize;
    private final String contentType;
    private final String crc32c;

    private UploadConstraints(Builder b) {
        this.maxSize = b.maxSize;
        this.contentType = b.contentType;
        this.crc32c = b.crc32c;
    }

    /** No limit on size, the content type guessed from the file name, no checksum. */
    public static UploadConstraints none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public OptionalLong maxSize() {
        return maxSize == null ? OptionalLong.empty() : OptionalLong.of(maxSize);
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The CRC32C of the bytes to upload, base64 of its four big-endian bytes. */
    public Optional<String> crc32c() {
        return Optional.ofNullable(crc32c);
    }

    @Override
    public String toString() {
        return "UploadConstraints(maxSize=" + maxSize + ", contentType=" + contentType + ", crc32c=" + crc32c + ")";
    }

    /**
     * Builder of {@link UploadConstraints}; values are checked by {@link Table#presignUpload},
     * which names the table and attribute in its message.
     *
     * <pre>{@code
     * UploadConstraints limits = UploadConstraints.builder().maxSize(1_000_000).build();
     * }</pre>
     */
    public static final class Builder {
        private Long maxSize;
        private String contentType;
        private String crc32c;

        private Builder() {
        }

        /** The most bytes a commit accepts. */
        public Builder maxSize(long bytes) {
            this.maxSize = bytes;
            return this;
        }

        /** The content type the client must send (default: guessed from the file name). */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** The CRC32C of the bytes, base64 (8 characters, as {@code x-amz-checksum-crc32c}). */
        public Builder crc32c(String crc32c) {
            this.crc32c = Objects.requireNonNull(crc32c, "crc32c");
            return this;
        }

        public UploadConstraints build() {
            return new UploadConstraints(this);
        }
    }
}
