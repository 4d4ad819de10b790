package io.stowage.provider.s3.internal;

import io.stowage.spi.BlobInfo;
import io.stowage.spi.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Server-side encryption on the S3 requests that need it: SSE-S3 and SSE-KMS on uploads and
 * copies; the SSE-C key on uploads, reads, heads and on both sides of a copy. The one place
 * that maps {@link ServerSideEncryption} to the SDK's fields, and S3's answer back.
 *
 * <pre>{@code
 * S3Encryption.onUpload(put, request.encryption().orElse(null));
 * }</pre>
 */
public final class S3Encryption {

    private static final String AES256 = "AES256";

    private S3Encryption() {
    }

    /** On a PutObject (and so on the multipart upload the transfer manager makes of it). */
    public static void onUpload(PutObjectRequest.Builder put, ServerSideEncryption sse) {
        if (sse == null) {
            return;
        }
        switch (sse.mode()) {
            case KMS:
                put.serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AWS_KMS);
                sse.kmsKeyId().ifPresent(put::ssekmsKeyId);
                break;
            case CUSTOMER:
                put.sseCustomerAlgorithm(AES256).sseCustomerKey(sse.customerKeyBase64()).sseCustomerKeyMD5(sse.customerKeyMd5Base64());
                break;
            case S3:
            default:
                put.serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256);
        }
    }

    /** On a GetObject: only an SSE-C key is sent. */
    public static void onRead(GetObjectRequest.Builder get, ServerSideEncryption sse) {
        if (isCustomer(sse)) {
            get.sseCustomerAlgorithm(AES256).sseCustomerKey(sse.customerKeyBase64()).sseCustomerKeyMD5(sse.customerKeyMd5Base64());
        }
    }

    /** On a HeadObject: only an SSE-C key is sent. */
    public static void onHead(HeadObjectRequest.Builder head, ServerSideEncryption sse) {
        if (isCustomer(sse)) {
            head.sseCustomerAlgorithm(AES256).sseCustomerKey(sse.customerKeyBase64()).sseCustomerKeyMD5(sse.customerKeyMd5Base64());
        }
    }

    /** On a CopyObject: the source's SSE-C key, and the destination's encryption. */
    public static void onCopy(CopyObjectRequest.Builder copy, ServerSideEncryption source, ServerSideEncryption destination) {
        if (isCustomer(source)) {
            copy.copySourceSSECustomerAlgorithm(AES256).copySourceSSECustomerKey(source.customerKeyBase64())
                    .copySourceSSECustomerKeyMD5(source.customerKeyMd5Base64());
        }
        if (destination == null) {
            return;
        }
        switch (destination.mode()) {
            case KMS:
                copy.serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AWS_KMS);
                destination.kmsKeyId().ifPresent(copy::ssekmsKeyId);
                break;
            case CUSTOMER:
                copy.sseCustomerAlgorithm(AES256).sseCustomerKey(destination.customerKeyBase64())
                        .sseCustomerKeyMD5(destination.customerKeyMd5Base64());
                break;
            case S3:
            default:
                copy.serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256);
        }
    }

    /** S3's answer ({@code x-amz-server-side-encryption}, {@code ...-customer-algorithm}) on an info. */
    static BlobInfo.Builder reported(BlobInfo.Builder info, String serverSideEncryption, String kmsKeyId, String customerAlgorithm) {
        if (customerAlgorithm != null) {
            return info.encryption(ServerSideEncryption.Mode.CUSTOMER);
        }
        if ("aws:kms".equals(serverSideEncryption) || "aws:kms:dsse".equals(serverSideEncryption)) {
            return info.encryption(ServerSideEncryption.Mode.KMS).kmsKeyId(kmsKeyId);
        }
        return AES256.equals(serverSideEncryption) ? info.encryption(ServerSideEncryption.Mode.S3) : info;
    }

    private static boolean isCustomer(ServerSideEncryption sse) {
        return sse != null && sse.mode() == ServerSideEncryption.Mode.CUSTOMER;
    }
}
