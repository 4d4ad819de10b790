package io.stowage.provider.minio.internal;

import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.S3Escaper;
import io.minio.http.Method;
import okhttp3.HttpUrl;

/**
 * A {@link MinioAsyncClient} that lists one page asynchronously and addresses every key
 * exactly. The public {@code listObjects} is a blocking iterator; the single-page
 * ListObjectsV2 call it is built on is asynchronous but protected, and the client offers
 * a copy constructor for exactly this kind of extension. The client also drops empty
 * path segments when it builds a URL, so that {@code a//b}, {@code /a} and {@code a/}
 * would silently become {@code a/b} and {@code a}: {@link #buildUrl} puts them back.
 *
 * <pre>{@code
 * PagingMinioClient client = new PagingMinioClient(MinioAsyncClient.builder()...build());
 * client.listPage("bucket", "us-east-1", "docs/", null, 1000).thenAccept(...);
 * }</pre>
 */
public final class PagingMinioClient extends MinioAsyncClient {

    public PagingMinioClient(MinioAsyncClient client) {
        super(client);
    }

    /**
     * One ListObjectsV2 page of keys under {@code prefix} (no delimiter), keys URL-encoded
     * on the wire so that any key survives XML, after {@code continuationToken} if given.
     */
    public CompletableFuture<ListObjectsV2Response> listPage(String bucket, String region, String prefix,
                                                             String continuationToken, int maxKeys) throws Exception {
        return listObjectsV2Async(bucket, region, null, "url", null, maxKeys, prefix, continuationToken,
                false, false, null, null);
    }

    /** The client's URL, with the empty segments of the key that its path encoding dropped put back. */
    @Override
    protected HttpUrl buildUrl(Method method, String bucketName, String objectName, String region,
                               Multimap<String, String> queryParamMap) throws NoSuchAlgorithmException {
        HttpUrl url = super.buildUrl(method, bucketName, objectName, region, queryParamMap);
        if (objectName == null || !(objectName.startsWith("/") || objectName.endsWith("/") || objectName.contains("//"))) {
            return url;
        }
        String collapsed = S3Escaper.encodePath(objectName);
        String path = url.encodedPath();
        if (!path.endsWith(collapsed)) {
            return url;
        }
        StringBuilder exact = new StringBuilder();
        String[] segments = objectName.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                exact.append('/');
            }
            exact.append(S3Escaper.encode(segments[i]));
        }
        // For a key with a leading slash, "/bucket/" + "/key" keeps both the separator and the key's own slash.
        String base = path.substring(0, path.length() - collapsed.length());
        return url.newBuilder().encodedPath(base + exact).build();
    }
}
