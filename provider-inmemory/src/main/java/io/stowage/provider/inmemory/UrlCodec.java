package io.stowage.provider.inmemory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL path segments and query values, RFC 3986 style: everything but
 * the unreserved characters is encoded, so a key's {@code +}, {@code %}, {@code #},
 * spaces and unicode survive the trip. Unlike {@code URLDecoder}, {@code +} stays a plus.
 *
 * <pre>{@code
 * UrlCodec.encodePath("docs/DOC 1/a+b.pdf");   // "docs/DOC%201/a%2Bb.pdf"
 * UrlCodec.decode("a%2Bb");                     // "a+b"
 * }</pre>
 */
final class UrlCodec {

    private UrlCodec() {
    }

    /** Encodes each {@code /}-separated segment of an object key, keeping the slashes. */
    static String encodePath(String key) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            String segment = slash < 0 ? key.substring(start) : key.substring(start, slash);
            // "." and ".." would be removed by URL normalisation; encoded, they stay data.
            if (segment.equals(".") || segment.equals("..")) {
                sb.append(segment.replace(".", "%2E"));
            } else {
                sb.append(encode(segment));
            }
            if (slash < 0) {
                return sb.toString();
            }
            sb.append('/');
            start = slash + 1;
        }
    }

    /** Encodes one path segment or query value. */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes percent escapes (as UTF-8); throws {@link IllegalArgumentException} on malformed input. */
    static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("Truncated percent escape");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Bad percent escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = encoded.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Percent escapes are not UTF-8", e);
        }
    }
}
