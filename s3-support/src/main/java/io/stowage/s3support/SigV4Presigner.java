package io.stowage.s3support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3's query-string signature (AWS Signature Version 4) for a path-style URL, signing the
 * headers it is given as well as {@code host}: what a client library that signs only the
 * host (the MinIO client) lacks for presigned uploads whose content type, metadata and
 * {@code If-None-Match} the client must not change. The payload is {@code UNSIGNED-PAYLOAD},
 * as in every presigned URL.
 *
 * <pre>{@code
 * URI url = SigV4Presigner.presign("PUT", URI.create("http://127.0.0.1:9000"), "us-east-1", keys, "docs", "a/b.pdf",
 *         Map.of("content-type", "application/pdf"), Duration.ofMinutes(5), Instant.now());
 * }</pre>
 */
public final class SigV4Presigner {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** The access key, secret key and optional session token to sign with. */
    public static final class Keys {
        private final String accessKey;
        private final String secretKey;
        private final String sessionToken;

        public Keys(String accessKey, String secretKey, String sessionToken) {
            this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            this.sessionToken = sessionToken;
        }

        @Override
        public String toString() {
            return "Keys(" + accessKey + ", secret not shown)";
        }
    }

    private SigV4Presigner() {
    }

    /**
     * A URL that performs {@code method} on {@code bucket/key} at {@code endpoint} until
     * {@code expiry} has passed after {@code now}; the client must send {@code headers}
     * exactly (names are case-insensitive).
     */
    public static URI presign(String method, URI endpoint, String region, Keys keys, String bucket, String key,
                              Map<String, String> headers, Duration expiry, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String scope = DATE.format(now) + "/" + region + "/s3/aws4_request";
        String host = endpoint.getHost() + (endpoint.getPort() < 0 || isDefaultPort(endpoint) ? "" : ":" + endpoint.getPort());
        Map<String, String> signed = new TreeMap<>();
        // SigV4's canonical form of a value: trimmed, inner runs of spaces made one (the server does the same).
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim().replaceAll(" +", " ")));
        signed.put("host", host);
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String path = basePath + "/" + encode(bucket, true) + "/" + encode(key, false);

        Map<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", ALGORITHM);
        query.put("X-Amz-Credential", keys.accessKey + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(expiry.getSeconds()));
        if (keys.sessionToken != null) {
            query.put("X-Amz-Security-Token", keys.sessionToken);
        }
        query.put("X-Amz-SignedHeaders", String.join(";", signed.keySet()));
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((name, value) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&")
                .append(encode(name, true)).append('=').append(encode(value, true)));
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));

        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + String.join(";", signed.keySet()) + "\nUNSIGNED-PAYLOAD";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + keys.secretKey).getBytes(StandardCharsets.UTF_8), DATE.format(now)),
                region), "s3"), "aws4_request");
        String signature = hex(hmac(signingKey, stringToSign));
        return URI.create(endpoint.getScheme() + "://" + host + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature);
    }

    private static boolean isDefaultPort(URI endpoint) {
        return ("http".equals(endpoint.getScheme()) && endpoint.getPort() == 80)
                || ("https".equals(endpoint.getScheme()) && endpoint.getPort() == 443);
    }

    /** RFC 3986 encoding as SigV4 wants it; {@code /} kept in keys, encoded elsewhere. */
    static String encode(String text, boolean slash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '~' || (c == '/' && !slash)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
