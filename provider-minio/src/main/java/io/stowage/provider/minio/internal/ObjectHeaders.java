package io.stowage.provider.minio.internal;

import java.time.Instant;

import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.s3support.S3Headers;
import okhttp3.Headers;

/**
 * Reads a {@link BlobInfo} from the headers of a HEAD or GET answer. Done here rather
 * than through the MinIO response classes so that HEAD and GET (whose response type has
 * no accessors but the headers) describe an object in exactly the same way.
 *
 * <pre>{@code
 * BlobInfo info = ObjectHeaders.toInfo(id, statResponse.headers());
 * }</pre>
 */
public final class ObjectHeaders {

    private ObjectHeaders() {
    }

    /** What the headers say of the object {@code id}. */
    public static BlobInfo toInfo(BlobId id, Headers headers) {
        BlobInfo.Builder info = BlobInfo.builder()
                .id(id)
                .size(size(headers))
                .etag(headers.get("ETag"))
                .contentType(headers.get("Content-Type"))
                .lastModified(lastModified(headers.get("Last-Modified")))
                .versionId(headers.get("x-amz-version-id"))
                .userMetadata(UserMetadata.fromHeaders(headers));
        String sse = headers.get("x-amz-server-side-encryption");
        if (headers.get("x-amz-server-side-encryption-customer-algorithm") != null) {
            info.encryption(ServerSideEncryption.Mode.CUSTOMER);
        } else if (sse != null && sse.startsWith("aws:kms")) {
            info.encryption(ServerSideEncryption.Mode.KMS).kmsKeyId(headers.get("x-amz-server-side-encryption-aws-kms-key-id"));
        } else if ("AES256".equals(sse)) {
            info.encryption(ServerSideEncryption.Mode.S3);
        }
        return info.build();
    }

    /** The object's size: from {@code Content-Range: bytes a-b/TOTAL} for a range read, else the length. */
    static long size(Headers headers) {
        return S3Headers.objectSize(headers.get("Content-Range"), contentLength(headers.get("Content-Length")));
    }

    private static long contentLength(String length) {
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Instant lastModified(String value) {
        return S3Headers.httpDate(value);
    }
}
