package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers shared by this module's tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** The StoreException a future failed with; fails the test if it succeeded or failed otherwise. */
    static StoreException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(30, TimeUnit.SECONDS);
            return fail("Expected a failure, got " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StoreException.class);
            return (StoreException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            return fail("Future did not complete", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static BlobInfo put(BlobStore store, String bucket, String key, byte[] content) {
        return store.put(PutBlobRequest.builder().id(BlobId.of(bucket, key)).build(), BlobContent.fromBytes(content)).join();
    }

    /** S3's multipart etag (MD5 of the part MD5s, then -parts), computed without the production code. */
    static String multipartEtag(byte[] data, int partSize) throws Exception {
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        int parts = 0;
        for (int off = 0; off < data.length; off += partSize) {
            byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + partSize));
            digests.write(MessageDigest.getInstance("MD5").digest(part));
            parts++;
        }
        return md5Hex(digests.toByteArray()) + "-" + parts;
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return hex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
