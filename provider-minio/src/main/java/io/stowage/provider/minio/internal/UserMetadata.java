package io.stowage.provider.minio.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.Headers;

/**
 * Carries user metadata through {@code x-amz-meta-*} headers, which only hold printable
 * ASCII (OkHttp refuses anything else): other values travel as RFC 2047 encoded words, as
 * S3 returns them and as the S3 provider sends them, so that the same object reads the
 * same through either provider. Keys come back without the prefix and lower-cased.
 *
 * <pre>{@code
 * Map<String, String> toSend = UserMetadata.encode(Map.of("title", "Übersicht"));
 * Map<String, String> back = UserMetadata.fromHeaders(response.headers());
 * }</pre>
 */
public final class UserMetadata {

    /** The header prefix of user metadata. */
    public static final String PREFIX = "x-amz-meta-";

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private UserMetadata() {
    }

    /** Header-safe values, keys unchanged; refuses keys that are not HTTP tokens or that start with x-amz-. */
    public static Map<String, String> encode(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            checkKey(key);
            if (e.getValue() == null) {
                throw new IllegalArgumentException("User metadata '" + key + "' has a null value");
            }
            out.put(key, encodeValue(e.getValue()));
        }
        return out;
    }

    /** The user metadata among response headers: prefix stripped, keys lower-cased, values decoded. */
    public static Map<String, String> fromHeaders(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return out;
        }
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX) && lower.length() > PREFIX.length()) {
                out.put(lower.substring(PREFIX.length()), decodeValue(headers.get(name)));
            }
        }
        return out;
    }

    static String encodeValue(String value) {
        if (isPlain(value)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    static String decodeValue(String value) {
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

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("User metadata keys must not be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("User metadata key '" + key
                        + "' has a character HTTP headers cannot carry; use letters, digits and -_.");
            }
        }
        // The MinIO client would take an x-amz-meta- key as already prefixed, and x-amz-* as a system header.
        if (key.toLowerCase(Locale.ROOT).startsWith("x-amz-")) {
            throw new IllegalArgumentException("User metadata key '" + key + "' must not start with x-amz-");
        }
    }
}
