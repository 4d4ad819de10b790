package io.stowage.s3support;

import io.stowage.spi.BlobInfo;
import io.stowage.spi.PutBlobRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the store holds after a write, as the write's answer tells it: the etag and version
 * id it carries, the size sent, the content type and metadata sent (keys lower-cased, as S3
 * stores them), and as last-modified the answer's {@code Date}. A PUT answer has no
 * Last-Modified, but S3 dates an object with the time it processed the write, to the
 * second, which is what {@code Date} says (within a second or so on other servers). So no
 * HEAD is needed after a PUT whose answer has a date and an etag. A multipart object may be
 * dated when its upload began, and the answer names no encryption: callers that need
 * those exactly ask with a HEAD.
 *
 * <pre>{@code
 * Instant written = S3Headers.httpDate(dateHeader);
 * BlobInfo info = WriteAnswers.info(request, size, "9b2cf535f27731c974343645a3985328", null, written);
 * }</pre>
 */
public final class WriteAnswers {

    private WriteAnswers() {
    }

    /** The object {@code request} wrote, {@code size} bytes, as the answer describes it. */
    public static BlobInfo info(PutBlobRequest request, long size, String etag, String versionId, Instant lastModified) {
        Map<String, String> stored = new LinkedHashMap<>();
        request.userMetadata().forEach((k, v) -> stored.put(k.toLowerCase(Locale.ROOT), v));
        return BlobInfo.builder().id(request.id()).size(size).etag(etag).versionId(versionId)
                .contentType(request.contentType())
                .lastModified(lastModified)
                .userMetadata(stored)
                .build();
    }
}
