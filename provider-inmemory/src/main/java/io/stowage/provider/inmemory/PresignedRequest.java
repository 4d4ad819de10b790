package io.stowage.provider.inmemory;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a presigned URL authorises: method, bucket, key, expiry (epoch seconds) and the
 * other signed {@code X-Stowage-*} parameters (version, If-Match, content type, user
 * metadata). Converts to and from the URL; {@link PresignSigner} signs it.
 *
 * <pre>{@code
 * PresignedRequest r = PresignedRequest.of("GET", "docs", "a/b.pdf", 1_700_000_000L, Map.of());
 * URI url = r.toUri(port, signer.sign(r));
 * }</pre>
 */
final class PresignedRequest {

    static final String PREFIX = "X-Stowage-";
    static final String METHOD = PREFIX + "Method";
    static final String EXPIRES = PREFIX + "Expires";
    static final String SIGNATURE = PREFIX + "Signature";
    static final String VERSION = PREFIX + "Version";
    static final String IF_MATCH = PREFIX + "If-Match";
    static final String CONTENT_TYPE = PREFIX + "Content-Type";
    static final String META = PREFIX + "Meta-";
    static final String IF_NONE_MATCH = PREFIX + "If-None-Match";
    static final String CHECKSUM_CRC32C = PREFIX + "Checksum-Crc32c";
    static final String SSE = PREFIX + "Sse";
    static final String SSE_KMS_KEY = PREFIX + "Sse-Kms-Key";

    private final String method;
    private final String bucket;
    private final String key;
    private final long expires;
    private final SortedMap<String, String> params;

    private PresignedRequest(String method, String bucket, String key, long expires, Map<String, String> params) {
        this.method = Objects.requireNonNull(method, "method");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.expires = expires;
        this.params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** {@code params} are the signed parameters other than method, expiry and signature. */
    static PresignedRequest of(String method, String bucket, String key, long expires, Map<String, String> params) {
        return new PresignedRequest(method, bucket, key, expires, params);
    }

    /**
     * Reads a request from a URL's raw path and query, returning it with its signature.
     *
     * @throws IllegalArgumentException when the URL is not one this store issues
     */
    static Signed parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/") || rawQuery == null) {
            throw new IllegalArgumentException("Not a presigned URL");
        }
        int slash = rawPath.indexOf('/', 1);
        if (slash < 0 || slash == rawPath.length() - 1) {
            throw new IllegalArgumentException("No bucket and key in the path");
        }
        String bucket = UrlCodec.decode(rawPath.substring(1, slash));
        String key = UrlCodec.decode(rawPath.substring(slash + 1));
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Query parameter without a value");
            }
            String name = UrlCodec.decode(pair.substring(0, eq));
            // Parameters outside our namespace are not signed and never read, so they are ignored.
            if (name.startsWith(PREFIX) && params.put(name, UrlCodec.decode(pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("Repeated parameter " + name);
            }
        }
        String method = params.remove(METHOD);
        String expires = params.remove(EXPIRES);
        String signature = params.remove(SIGNATURE);
        if (method == null || expires == null || signature == null) {
            throw new IllegalArgumentException("Missing method, expiry or signature");
        }
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad expiry", e);
        }
        return new Signed(new PresignedRequest(method, bucket, key, expiry, params), signature);
    }

    /** The URL on the loopback server listening on {@code port}. */
    URI toUri(int port, String signature) {
        StringBuilder query = new StringBuilder();
        query.append(METHOD).append('=').append(method);
        query.append('&').append(EXPIRES).append('=').append(expires);
        for (Map.Entry<String, String> e : params.entrySet()) {
            query.append('&').append(UrlCodec.encode(e.getKey())).append('=').append(UrlCodec.encode(e.getValue()));
        }
        query.append('&').append(SIGNATURE).append('=').append(signature);
        return URI.create("http://127.0.0.1:" + port + "/" + UrlCodec.encode(bucket) + "/" + UrlCodec.encodePath(key)
                + "?" + query);
    }

    String method() {
        return method;
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }

    long expires() {
        return expires;
    }

    /** The signed parameters other than method, expiry and signature, by name. */
    SortedMap<String, String> params() {
        return params;
    }

    /** The user metadata a presigned PUT stores, from its {@code X-Stowage-Meta-*} parameters. */
    Map<String, String> userMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith(META)) {
                metadata.put(name.substring(META.length()), value);
            }
        });
        return metadata;
    }

    /** A parsed request with the signature the URL carried. */
    static final class Signed {
        private final PresignedRequest request;
        private final String signature;

        Signed(PresignedRequest request, String signature) {
            this.request = request;
            this.signature = signature;
        }

        PresignedRequest request() {
            return request;
        }

        String signature() {
            return signature;
        }
    }
}
