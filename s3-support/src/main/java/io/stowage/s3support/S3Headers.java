package io.stowage.s3support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Header values that S3 and Stowage write differently: etags (S3 quotes them, Stowage
 * does not), the object size behind a range read's {@code Content-Range}, and HTTP dates.
 *
 * <pre>{@code
 * String ifMatch = S3Headers.quoteEtag("9b2cf535f27731c974343645a3985328");
 * long size = S3Headers.objectSize("bytes 0-99/1234", 100);   // 1234
 * Instant at = S3Headers.httpDate("Mon, 07 Dec 2026 05:15:26 GMT");
 * }</pre>
 */
public final class S3Headers {

    private static volatile ParsedDate lastParsed;

    private S3Headers() {
    }

    /** The etag as S3 compares it in If-Match: quoted, unless it is {@code *}, quoted or weak already. */
    public static String quoteEtag(String etag) {
        if (etag.equals("*") || etag.startsWith("\"") || etag.startsWith("W/")) {
            return etag;
        }
        return "\"" + etag + "\"";
    }

    /**
     * The object's size: the total of {@code Content-Range: bytes a-b/TOTAL} for a range
     * read, else {@code contentLength} (the length of what was sent).
     */
    public static long objectSize(String contentRange, long contentLength) {
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0 && slash + 1 < contentRange.length() && contentRange.charAt(slash + 1) != '*') {
                try {
                    return Long.parseLong(contentRange.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    // Malformed header: fall back to the length of what was sent.
                }
            }
        }
        return contentLength;
    }

    /**
     * An HTTP date ({@code Date}, {@code Last-Modified}: IMF-fixdate, which RFC 9110 requires
     * of servers), or {@code null} when absent or not a date.
     */
    public static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // Answers within one second carry the same text, and the formatter's parse showed in
        // the profile of saves under load: the last date parsed is kept.
        ParsedDate last = lastParsed;
        if (last != null && last.text().equals(value)) {
            return last.instant();
        }
        try {
            Instant parsed = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
            lastParsed = new ParsedDate(value, parsed);
            return parsed;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A header's text and its instant, published together. */
    private record ParsedDate(String text, Instant instant) {
    }
}
