package io.stowage.provider.minio.internal;

import io.stowage.spi.ServerSideEncryption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side encryption as the S3 headers the MinIO client sends as given: SSE-S3 and
 * SSE-KMS on uploads and copies, the SSE-C key on uploads, parts, reads, heads and the source
 * of a copy. Headers rather than the client's own {@code ServerSideEncryption} classes, so that
 * presigned uploads (signed by Stowage) and multipart uploads (made part by part here) carry
 * exactly the same ones. S3 and MinIO accept SSE-C and SSE-KMS over HTTPS only.
 *
 * <pre>{@code
 * args.extraHeaders(MinioEncryption.onUpload(request.encryption().orElse(null)));
 * }</pre>
 */
public final class MinioEncryption {

    private static final String SSE = "x-amz-server-side-encryption";
    private static final String CUSTOMER = SSE + "-customer-";
    private static final String COPY_SOURCE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-";

    private MinioEncryption() {
    }

    /** The headers of an upload (PutObject, CreateMultipartUpload, a copy's destination). */
    public static Map<String, String> onUpload(ServerSideEncryption sse) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sse == null) {
            return headers;
        }
        switch (sse.mode()) {
            case KMS:
                headers.put(SSE, "aws:kms");
                sse.kmsKeyId().ifPresent(k -> headers.put(SSE + "-aws-kms-key-id", k));
                break;
            case CUSTOMER:
                headers.putAll(customerKey(CUSTOMER, sse));
                break;
            case S3:
            default:
                headers.put(SSE, "AES256");
        }
        return headers;
    }

    /** The headers of a read, head or part upload: the SSE-C key only. */
    public static Map<String, String> onRead(ServerSideEncryption sse) {
        return sse != null && sse.mode() == ServerSideEncryption.Mode.CUSTOMER ? customerKey(CUSTOMER, sse) : Map.of();
    }

    /** The headers that open the source of a copy: its SSE-C key only. */
    public static Map<String, String> onCopySource(ServerSideEncryption sse) {
        return sse != null && sse.mode() == ServerSideEncryption.Mode.CUSTOMER ? customerKey(COPY_SOURCE_CUSTOMER, sse) : Map.of();
    }

    private static Map<String, String> customerKey(String prefix, ServerSideEncryption sse) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(prefix + "algorithm", "AES256");
        headers.put(prefix + "key", sse.customerKeyBase64());
        headers.put(prefix + "key-MD5", sse.customerKeyMd5Base64());
        return headers;
    }
}
