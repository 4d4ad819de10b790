package io.stowage.s3support;

/**
 * Header values that S3 and Stowage write differently: etags (S3 quotes them, Stowage
 * does not) and the object size behind a range read's {@code Content-Range}.
 *
 * <pre>{@code
 * String ifMatch = S3Headers.quoteEtag("9b2cf535f27731c974343645a3985328");
 * long size = S3Headers.objectSize("bytes 0-99/1234", 100);   // 1234
 * }</pre>
 */
public final class S3Headers {

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
}
