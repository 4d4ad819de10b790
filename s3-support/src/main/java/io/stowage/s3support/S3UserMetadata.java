package io.stowage.s3support;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries user metadata through HTTP headers ({@code x-amz-meta-*}), which only hold
 * printable ASCII: other values (unicode names, leading spaces, ...) travel as RFC 2047
 * encoded words, as S3 itself returns them, and are decoded on the way back, so that any
 * string round-trips exactly and an object reads the same through every S3 provider.
 * Keys must be HTTP tokens ({@link S3Rules#metadataProblem}); S3 lower-cases them.
 *
 * <pre>{@code
 * Map<String, String> headers = S3UserMetadata.encode(id, Map.of("title", "Übersicht"));
 * Map<String, String> back = S3UserMetadata.decode(headers);
 * }</pre>
 */
public final class S3UserMetadata {

    /** The header prefix of user metadata. */
    public static final String PREFIX = "x-amz-meta-";

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private S3UserMetadata() {
    }

    /**
     * Header-safe copies of the values, keys unchanged.
     *
     * @throws StoreException ({@code INVALID_INPUT}) when the metadata breaks {@link S3Rules#metadataProblem}
     */
    public static Map<String, String> encode(BlobId id, Map<String, String> metadata) {
        S3Rules.requireMetadata(id, metadata);
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((key, value) -> out.put(key, encodeValue(value)));
        return out;
    }

    /** The values as the user gave them; keys as the server returns them. */
    public static Map<String, String> decode(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k, decodeValue(v)));
        }
        return out;
    }

    /**
     * One header value as the user gave it: RFC 2047 encoded words decoded, anything else
     * (including what only looks like an encoded word) unchanged; {@code null} stays null.
     */
    public static String decodeValue(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (!trimmed.startsWith("=?") || !trimmed.endsWith("?=")) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(trimmed);
        StringBuilder sb = new StringBuilder();
        int end = 0;
        while (m.find()) {
            // Only whitespace may separate adjacent encoded words (RFC 2047, 6.2).
            if (!trimmed.substring(end, m.start()).isBlank()) {
                return value;
            }
            try {
                Charset charset = Charset.forName(m.group(1));
                byte[] bytes = "B".equalsIgnoreCase(m.group(2))
                        ? Base64.getDecoder().decode(m.group(3))
                        : decodeQ(m.group(3));
                sb.append(new String(bytes, charset));
            } catch (IllegalArgumentException e) {
                return value;
            }
            end = m.end();
        }
        return end == trimmed.length() ? sb.toString() : value;
    }

    /** One value as a header can carry it: unchanged when plain, else one RFC 2047 encoded word. */
    public static String encodeValue(String value) {
        if (isPlain(value)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static byte[] decodeQ(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** Printable ASCII without edge spaces (HTTP trims them), and nothing that would decode as an encoded word. */
    private static boolean isPlain(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return !value.trim().startsWith("=?");
    }
}
