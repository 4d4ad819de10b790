package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.tck.net.FaultProxy;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a blob store sends for server-side encryption, read on the wire through a recording
 * {@link FaultProxy}: where the test server does not show the effect (it may store the
 * bytes in plain and echo the headers), the headers prove the request asked for it. Each
 * provider extends it with a store that reaches its server through the proxy.
 *
 * <pre>{@code
 * class S3EncryptionOnTheWireTest extends EncryptionOnTheWireTck {
 *     protected URI server() { return S3ProxyServer.shared().endpoint(); }
 *     protected BlobStore storeThrough(FaultProxy proxy) { return S3ProxyStores.store(proxy.settingsFor(...)); }
 *     protected String bucket() { ... }
 * }
 * }</pre>
 */
public abstract class EncryptionOnTheWireTck {

    private static final ServerSideEncryption CUSTOMER = ServerSideEncryption.customer(TckSupport.pattern(32, 91));

    /** The real server the proxy stands in front of. */
    protected abstract URI server();

    /** A store of the provider under test that reaches the server through {@code proxy}. */
    protected abstract BlobStore storeThrough(FaultProxy proxy);

    /** A bucket that exists on the server. */
    protected abstract String bucket();

    private String text(FaultProxy proxy) {
        return proxy.sentToServer().toLowerCase(Locale.ROOT);
    }

    @Test
    final void required_sseS3AndSseKmsAreAskedForOnUploadsAndCopies() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(server()).record(); BlobStore store = storeThrough(proxy)) {
            String prefix = "wire/" + UUID.randomUUID() + "/";
            store.put(PutBlobRequest.builder().id(BlobId.of(bucket(), prefix + "s3.txt")).encryption(ServerSideEncryption.s3())
                    .build(), BlobContent.fromBytes(new byte[] {1, 2, 3})).join();
            store.put(PutBlobRequest.builder().id(BlobId.of(bucket(), prefix + "kms.txt"))
                    .encryption(ServerSideEncryption.kms("alias/stowage-wire")).build(), BlobContent.fromBytes(new byte[] {4})).join();
            store.copy(CopyBlobRequest.builder().source(GetBlobRequest.of(BlobId.of(bucket(), prefix + "s3.txt")))
                    .destination(PutBlobRequest.builder().id(BlobId.of(bucket(), prefix + "copy.txt"))
                            .encryption(ServerSideEncryption.kms("alias/stowage-wire-copy")).build()).build()).join();

            String wire = text(proxy);
            assertThat(count(wire, "x-amz-server-side-encryption: aes256")).as("SSE-S3 on the PutObject").isGreaterThanOrEqualTo(1);
            assertThat(count(wire, "x-amz-server-side-encryption: aws:kms")).as("SSE-KMS on the PutObject and the copy")
                    .isGreaterThanOrEqualTo(2);
            assertThat(wire).as("the KMS key id").contains("x-amz-server-side-encryption-aws-kms-key-id: alias/stowage-wire");
            assertThat(wire).as("no customer key was sent").doesNotContain("customer-key");
        }
    }

    @Test
    final void required_theSseCKeyGoesWithEveryUploadPartReadHeadAndCopySource() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(server()).record(); BlobStore store = storeThrough(proxy)) {
            String prefix = "wire/" + UUID.randomUUID() + "/";
            BlobId small = BlobId.of(bucket(), prefix + "c.txt");
            BlobId large = BlobId.of(bucket(), prefix + "large.bin");
            int size = 12 * 1024 * 1024;
            store.put(PutBlobRequest.builder().id(small).encryption(CUSTOMER).build(), BlobContent.fromBytes(new byte[] {7})).join();
            store.put(PutBlobRequest.builder().id(large).encryption(CUSTOMER).build(),
                    BlobContent.fromBytes(TckSupport.pattern(size, 92))).join();
            store.head(GetBlobRequest.builder().id(small).encryption(CUSTOMER).build()).join();
            assertThat(store.getBytes(GetBlobRequest.builder().id(large).encryption(CUSTOMER).build()).join()).hasSize(size);
            store.copy(CopyBlobRequest.builder().source(GetBlobRequest.builder().id(small).encryption(CUSTOMER).build())
                    .destination(PutBlobRequest.builder().id(BlobId.of(bucket(), prefix + "copy.txt")).encryption(CUSTOMER).build())
                    .build()).join();

            String wire = text(proxy);
            String md5 = "x-amz-server-side-encryption-customer-key-md5: " + CUSTOMER.customerKeyMd5Base64().toLowerCase(Locale.ROOT);
            int requests = count(wire, " http/1.1\r\n");
            // Two puts (one in parts), a head, a get, a copy, and the heads the store makes after uploading.
            assertThat(count(wire, "x-amz-server-side-encryption-customer-algorithm: aes256")).as("SSE-C on %s requests", requests)
                    .isGreaterThanOrEqualTo(6);
            assertThat(count(wire, md5)).as("the key's MD5").isGreaterThanOrEqualTo(6);
            assertThat(wire).as("the copy's source key").contains("x-amz-copy-source-server-side-encryption-customer-key-md5: "
                    + CUSTOMER.customerKeyMd5Base64().toLowerCase(Locale.ROOT));
            Matcher parts = Pattern.compile("put [^\\r\\n]*partnumber=(\\d+)[^\\r\\n]*\\r\\n((?:[^\\r\\n]+\\r\\n)*)").matcher(wire);
            int seen = 0;
            while (parts.find()) {
                seen++;
                assertThat(parts.group(2)).as("the headers of part %s", parts.group(1)).contains(md5);
            }
            assertThat(seen).as("parts of the 12 MiB upload").isGreaterThanOrEqualTo(2);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
