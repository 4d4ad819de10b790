package io.stowage.provider.s3.internal;

import io.stowage.s3support.S3Headers;
import io.stowage.s3support.S3UserMetadata;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Between the SPI's values and the SDK's: a read request as a {@code GetObjectRequest},
 * and a HEAD or GET answer as a {@link BlobInfo} (quotes off the etag, metadata decoded,
 * the whole object's size behind a range read).
 *
 * <pre>{@code
 * BlobInfo info = S3Responses.toInfo(id, headObjectResponse);
 * }</pre>
 */
public final class S3Responses {

    private S3Responses() {
    }

    /** The GetObject of a read: If-Match quoted, version and range as asked. */
    public static GetObjectRequest getRequest(GetBlobRequest request) {
        BlobId id = request.id();
        GetObjectRequest.Builder b = GetObjectRequest.builder().bucket(id.bucket()).key(id.key());
        request.ifMatch().map(S3Headers::quoteEtag).ifPresent(b::ifMatch);
        request.versionId().ifPresent(b::versionId);
        request.range().ifPresent(r -> b.range(r.toHeader()));
        S3Encryption.onRead(b, request.encryption().orElse(null));
        return b.build();
    }

    public static BlobInfo toInfo(BlobId id, HeadObjectResponse h) {
        BlobInfo.Builder info = BlobInfo.builder()
                .id(id)
                .size(h.contentLength() == null ? 0 : h.contentLength())
                .etag(h.eTag())
                .contentType(h.contentType())
                .lastModified(h.lastModified())
                .versionId(h.versionId())
                .userMetadata(S3UserMetadata.decode(h.metadata()));
        return S3Encryption.reported(info, h.serverSideEncryptionAsString(), h.ssekmsKeyId(), h.sseCustomerAlgorithm()).build();
    }

    public static BlobInfo toInfo(BlobId id, GetObjectResponse r) {
        BlobInfo.Builder info = BlobInfo.builder()
                .id(id)
                .size(S3Headers.objectSize(r.contentRange(), r.contentLength() == null ? 0 : r.contentLength()))
                .etag(r.eTag())
                .contentType(r.contentType())
                .lastModified(r.lastModified())
                .versionId(r.versionId())
                .userMetadata(S3UserMetadata.decode(r.metadata()));
        return S3Encryption.reported(info, r.serverSideEncryptionAsString(), r.ssekmsKeyId(), r.sseCustomerAlgorithm()).build();
    }
}
