package io.stowage.provider.minio.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.stowage.s3support.S3UserMetadata;
import okhttp3.Headers;

/**
 * Reads user metadata from the MinIO client's OkHttp response headers: the
 * {@code x-amz-meta-*} ones, prefix stripped, keys lower-cased, values decoded as
 * {@link S3UserMetadata} does for every S3 provider, so that the same object reads the
 * same through either provider. Encoding for uploads is {@link S3UserMetadata#encode}.
 *
 * <pre>{@code
 * Map<String, String> back = UserMetadata.fromHeaders(response.headers());
 * }</pre>
 */
public final class UserMetadata {

    private UserMetadata() {
    }

    /** The user metadata among response headers: prefix stripped, keys lower-cased, values decoded. */
    public static Map<String, String> fromHeaders(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return out;
        }
        String prefix = S3UserMetadata.PREFIX;
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                out.put(lower.substring(prefix.length()), S3UserMetadata.decodeValue(headers.get(name)));
            }
        }
        return out;
    }
}
