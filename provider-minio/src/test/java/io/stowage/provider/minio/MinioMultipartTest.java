package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.testbackends.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MinIO provider's own multipart upload: the parts of a large upload are on the wire
 * at once (what {@code MULTIPART_PARALLEL} declares), a create-only upload carries
 * {@code If-None-Match: *} to CompleteMultipartUpload so that a taken key is refused even in
 * parts, and a refused or failed upload leaves no multipart upload behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioMultipartTest {

    private static final int MIB = 1024 * 1024;

    private final PartWatch watch = new PartWatch();
    private final String bucket = S3ProxyServer.uniqueBucketName("minio-parts");
    private MinioBlobStore store;

    @BeforeAll
    void start() {
        store = MinioBlobStore.builder()
                .settings(S3ProxyServer.shared().settings())
                .capabilities(S3ProxyMinio.S3PROXY_CAPABILITIES)
                .environment(name -> null)
                .systemProperties(name -> null)
                .httpInterceptor(watch)
                .build();
        store.createBucket(bucket, null).join();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void partsOfALargeUploadAreSentInParallel() {
        assertThat(store.capabilities()).contains(BlobCapability.MULTIPART_PARALLEL);
        byte[] data = random(40 * MIB, 40);
        watch.parts.clear();
        BlobId id = BlobId.of(bucket, "parallel/file.bin");

        BlobInfo info = store.put(PutBlobRequest.builder().id(id).build(),
                BlobContent.fromStream(new ByteArrayInputStream(data), -1)).join();

        assertThat(info.etag()).endsWith("-5");
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(watch.parts).as("UploadPart requests").hasSize(5);
        assertThat(watch.most.get()).as("parts sent at one time").isGreaterThan(1);
        store.delete(DeleteBlobRequest.of(id)).join();
    }

    @Test
    void aCreateOnlyMultipartUploadToATakenKeyIsRefusedAndLeavesTheObject() {
        BlobId id = BlobId.of(bucket, "claimed/file.bin");
        byte[] first = random(12 * MIB, 1);
        store.put(PutBlobRequest.builder().id(id).createOnly(true).build(), BlobContent.fromBytes(first)).join();
        watch.completes.clear();

        Throwable thrown = catchThrowable(() -> store.put(PutBlobRequest.builder().id(id).createOnly(true).build(),
                BlobContent.fromBytes(random(12 * MIB, 2))).join());

        assertThat(thrown).hasCauseInstanceOf(StoreException.class);
        assertThat(((StoreException) thrown.getCause()).code()).isEqualTo(StoreErrorCode.PRECONDITION_FAILED);
        assertThat(watch.completes).as("If-None-Match of CompleteMultipartUpload").containsExactly("*");
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).as("the object already there").isEqualTo(first);
        assertThat(watch.aborts.get()).as("the refused upload was aborted").isEqualTo(1);
        store.delete(DeleteBlobRequest.of(id)).join();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Counts the parts on the wire, and what CompleteMultipartUpload and AbortMultipartUpload carry. */
    private static final class PartWatch implements Interceptor {
        final List<Integer> parts = new CopyOnWriteArrayList<>();
        final List<String> completes = new CopyOnWriteArrayList<>();
        final AtomicInteger aborts = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public Response intercept(Chain chain) throws java.io.IOException {
            Request request = chain.request();
            String partNumber = request.url().queryParameter("partNumber");
            String uploadId = request.url().queryParameter("uploadId");
            if (uploadId != null && "POST".equals(request.method())) {
                completes.add(String.valueOf(request.header("If-None-Match")));
            }
            if (uploadId != null && "DELETE".equals(request.method())) {
                aborts.incrementAndGet();
            }
            if (partNumber == null) {
                return chain.proceed(request);
            }
            parts.add(Integer.parseInt(partNumber));
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return chain.proceed(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
