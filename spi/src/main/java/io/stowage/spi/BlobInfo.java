package io.stowage.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows of an object: size, etag (without quotes), content type,
 * last-modified, version id and user metadata.
 *
 * <pre>{@code
 * BlobInfo info = blobStore.head(GetBlobRequest.of(BlobId.of("company-docs", key))).join();
 * long size = info.size();
 * }</pre>
 */
public final class BlobInfo {

    private final BlobId id;
    private final long size;
    private final String etag;
    private final String contentType;
    private final Instant lastModified;
    private final String versionId;
    private final Map<String, String> userMetadata;
    private final ServerSideEncryption.Mode encryption;
    private final String kmsKeyId;

    private BlobInfo(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.size = b.size;
        this.etag = stripQuotes(b.etag);
        this.contentType = b.contentType;
        this.lastModified = b.lastModified;
        this.versionId = b.versionId == null || b.versionId.isEmpty() || "null".equals(b.versionId) ? null : b.versionId;
        this.userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.userMetadata));
        this.encryption = b.encryption;
        this.kmsKeyId = b.kmsKeyId;
    }

    /** Removes the quotes S3 puts around etags. */
    public static String stripQuotes(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    public static Builder builder() {
        return new Builder();
    }

    public BlobId id() {
        return id;
    }

    public long size() {
        return size;
    }

    public String etag() {
        return etag;
    }

    public String contentType() {
        return contentType;
    }

    public Instant lastModified() {
        return lastModified;
    }

    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    /** How the store says it encrypted the object, where it says so (S3 does on HEAD and GET). */
    public Optional<ServerSideEncryption.Mode> encryption() {
        return Optional.ofNullable(encryption);
    }

    /** The KMS key of an SSE-KMS object, where the store reports it. */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    @Override
    public String toString() {
        return "BlobInfo(" + id + ", size=" + size + ", etag=" + etag + ", contentType=" + contentType
                + ", lastModified=" + lastModified + (versionId == null ? "" : ", versionId=" + versionId)
                + (encryption == null ? "" : ", encryption=" + encryption) + ")";
    }

    /**
     * Builder of {@link BlobInfo}, for providers turning a response into one. Building
     * strips the quotes around an etag and drops S3's {@code "null"} version id, so that
     * every provider reports the same values.
     *
     * <pre>{@code
     * BlobInfo info = BlobInfo.builder()
     *         .id(BlobId.of("company-docs", "docs/a.pdf"))
     *         .size(1024)
     *         .etag("\"9b2cf535f27731c974343645a3985328\"")   // stored as 9b2c...5328
     *         .contentType("application/pdf")
     *         .lastModified(Instant.now())
     *         .versionId("null")                               // stored as no version
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private BlobId id;
        private long size;
        private String etag;
        private String contentType;
        private Instant lastModified;
        private String versionId;
        private final Map<String, String> userMetadata = new LinkedHashMap<>();
        private ServerSideEncryption.Mode encryption;
        private String kmsKeyId;

        private Builder() {
        }

        public Builder id(BlobId id) {
            this.id = id;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder lastModified(Instant lastModified) {
            this.lastModified = lastModified;
            return this;
        }

        public Builder versionId(String versionId) {
            this.versionId = versionId;
            return this;
        }

        public Builder userMetadata(Map<String, String> userMetadata) {
            this.userMetadata.putAll(userMetadata);
            return this;
        }

        public Builder encryption(ServerSideEncryption.Mode encryption) {
            this.encryption = encryption;
            return this;
        }

        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        public BlobInfo build() {
            return new BlobInfo(this);
        }
    }
}
