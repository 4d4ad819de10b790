package io.stowage.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How a blob store encrypts an object at rest: with keys it manages (SSE-S3), with a KMS key
 * (SSE-KMS, the account's default key or a given one), or with a key the customer supplies
 * on every request (SSE-C, AES-256; the store keeps only its MD5). A customer key is a
 * secret: {@link #toString()} shows neither it nor its MD5, and it is never part of an
 * item.
 *
 * <pre>{@code
 * PutBlobRequest put = PutBlobRequest.builder().id(id).encryption(ServerSideEncryption.kms("alias/documents")).build();
 * GetBlobRequest get = GetBlobRequest.builder().id(id).encryption(ServerSideEncryption.customer(key)).build();
 * }</pre>
 */
public final class ServerSideEncryption {

    /** Who holds the key. */
    public enum Mode {
        /** Keys the store manages ({@code x-amz-server-side-encryption: AES256}). */
        S3,
        /** A KMS key ({@code aws:kms}), the default one unless a key id is given. */
        KMS,
        /** A key the customer sends with every request (SSE-C). */
        CUSTOMER
    }

    private static final ServerSideEncryption S3_MANAGED = new ServerSideEncryption(Mode.S3, null, null);

    private final Mode mode;
    private final String kmsKeyId;
    private final byte[] customerKey;

    private ServerSideEncryption(Mode mode, String kmsKeyId, byte[] customerKey) {
        this.mode = mode;
        this.kmsKeyId = kmsKeyId;
        this.customerKey = customerKey;
    }

    /** SSE-S3: keys the store manages. */
    public static ServerSideEncryption s3() {
        return S3_MANAGED;
    }

    /** SSE-KMS with {@code keyId} (an id, ARN or alias), or the account's default key when {@code null} or blank. */
    public static ServerSideEncryption kms(String keyId) {
        return new ServerSideEncryption(Mode.KMS, keyId == null || keyId.isBlank() ? null : keyId.trim(), null);
    }

    /** SSE-C with a 256-bit AES key (copied). */
    public static ServerSideEncryption customer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("An SSE-C key is 32 bytes (AES-256), was " + key.length
                    + "; generate one with KeyGenerator.getInstance(\"AES\") initialised to 256 bits");
        }
        return new ServerSideEncryption(Mode.CUSTOMER, null, key.clone());
    }

    public Mode mode() {
        return mode;
    }

    /** The KMS key of {@link Mode#KMS}; empty for the default key or another mode. */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /** The SSE-C key, base64, as the {@code x-amz-server-side-encryption-customer-key} header takes it. A secret. */
    public String customerKeyBase64() {
        requireCustomer();
        return Base64.getEncoder().encodeToString(customerKey);
    }

    /** The SSE-C key itself (a copy). A secret. */
    public byte[] customerKey() {
        requireCustomer();
        return customerKey.clone();
    }

    /** The base64 MD5 of the SSE-C key, as {@code x-amz-server-side-encryption-customer-key-MD5} takes it. */
    public String customerKeyMd5Base64() {
        requireCustomer();
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(customerKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }

    private void requireCustomer() {
        if (mode != Mode.CUSTOMER) {
            throw new IllegalStateException("Only SSE-C has a customer key; this is " + this);
        }
    }

    /** The capability a store must declare to honour this encryption. */
    public BlobCapability capability() {
        switch (mode) {
            case KMS:
                return BlobCapability.SSE_KMS;
            case CUSTOMER:
                return BlobCapability.SSE_C;
            case S3:
            default:
                return BlobCapability.SSE_S3;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServerSideEncryption)) {
            return false;
        }
        ServerSideEncryption other = (ServerSideEncryption) o;
        return mode == other.mode && Objects.equals(kmsKeyId, other.kmsKeyId) && Arrays.equals(customerKey, other.customerKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, kmsKeyId) * 31 + Arrays.hashCode(customerKey);
    }

    @Override
    public String toString() {
        switch (mode) {
            case KMS:
                return "SSE-KMS(" + (kmsKeyId == null ? "default key" : kmsKeyId) + ")";
            case CUSTOMER:
                return "SSE-C(key not shown)";
            case S3:
            default:
                return "SSE-S3";
        }
    }

    /** For messages: the name of the mode, {@code SSE-S3}, {@code SSE-KMS} or {@code SSE-C}. */
    public String modeName() {
        return mode == Mode.S3 ? "SSE-S3" : mode == Mode.KMS ? "SSE-KMS" : "SSE-C";
    }
}
