package io.stowage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A direct upload a client (a browser, a mobile app) makes without credentials: PUT the bytes
 * to {@link #uri()} with every one of {@link #headers()} before {@link #expiresAt()}; then
 * the application calls {@link Table#commitUpload}, which checks what was stored and saves
 * the item. The object key is a fresh one under the item's folder (the layout's derived key),
 * so an upload can never replace an object an item points at, and the object carries the
 * back-link to its item, so an upload never committed is an orphan the sweeper reclaims.
 * {@link #toString()} never shows the URL's signature.
 *
 * <pre>{@code
 * PresignedUpload upload = documents.syncPresignUpload(doc, "content", "scan.pdf", Duration.ofMinutes(10));
 * // hand upload.uri(), upload.method() and upload.headers() to the browser; once it has PUT the bytes:
 * documents.syncCommitUpload(doc, upload);
 * }</pre>
 */
public final class PresignedUpload {

    private final URI uri;
    private final Map<String, String> headers;
    private final String table;
    private final String attribute;
    private final String bucket;
    private final String key;
    private final String filename;
    private final String contentType;
    private final Instant expiresAt;
    private final UploadConstraints constraints;

    /** An upload as {@link Table#presignUpload} made it, or as an application stored and read it back. */
    public PresignedUpload(URI uri, Map<String, String> headers, String table, String attribute, String bucket, String key,
                           String filename, String contentType, Instant expiresAt, UploadConstraints constraints) {
        this.uri = Objects.requireNonNull(uri, "uri");
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(Objects.requireNonNull(headers, "headers"));
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.table = Objects.requireNonNull(table, "table");
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
    }

    /** Where to send the bytes. */
    public URI uri() {
        return uri;
    }

    /** Always {@code PUT}. */
    public String method() {
        return "PUT";
    }

    /** The headers the client must send with its PUT, such as {@code Content-Type} and {@code x-amz-meta-*}. */
    public Map<String, String> headers() {
        return headers;
    }

    public String table() {
        return table;
    }

    public String attribute() {
        return attribute;
    }

    public String bucket() {
        return bucket;
    }

    /** The object key the bytes go to. */
    public String key() {
        return key;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    /** After this instant the URL is refused (403); the commit may still come later. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public UploadConstraints constraints() {
        return constraints;
    }

    /** The most bytes the commit accepts. */
    public OptionalLong maxSize() {
        return constraints.maxSize();
    }

    /** The CRC32C the commit checks the stored bytes against. */
    public Optional<String> crc32c() {
        return constraints.crc32c();
    }

    @Override
    public String toString() {
        return "PresignedUpload(PUT " + io.stowage.spi.PresignedPut.withoutSignature(uri) + " for " + table + "." + attribute
                + ", s3://" + bucket + "/" + key + ", " + contentType + ", expires " + expiresAt + ")";
    }
}
