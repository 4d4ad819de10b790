package io.stowage.spi;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A presigned upload: the URL a client PUTs the bytes to without credentials, and the
 * headers it must send with them (the signed ones, such as {@code Content-Type},
 * {@code x-amz-meta-*} and {@code If-None-Match}; never {@code Host}). The URL carries a
 * signature, so {@link #toString()} shows neither its query nor its user info.
 *
 * <pre>{@code
 * PresignedPut put = store.presignPut(request, Duration.ofMinutes(10)).join();
 * HttpRequest.Builder http = HttpRequest.newBuilder(put.uri()).PUT(BodyPublishers.ofFile(path));
 * put.headers().forEach(http::header);
 * }</pre>
 */
public final class PresignedPut {

    private final URI uri;
    private final Map<String, String> headers;

    private PresignedPut(URI uri, Map<String, String> headers) {
        this.uri = Objects.requireNonNull(uri, "uri");
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                sorted.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, name));
            }
        });
        this.headers = java.util.Collections.unmodifiableMap(sorted);
    }

    /** A URL and the headers a client must send with its PUT ({@code Host} is dropped: HTTP clients set it). */
    public static PresignedPut of(URI uri, Map<String, String> headers) {
        return new PresignedPut(uri, Objects.requireNonNull(headers, "headers"));
    }

    public URI uri() {
        return uri;
    }

    /** The headers to send, lower-case names, case-insensitive lookup. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresignedPut && uri.equals(((PresignedPut) o).uri) && headers.equals(((PresignedPut) o).headers);
    }

    @Override
    public int hashCode() {
        return uri.hashCode() * 31 + headers.hashCode();
    }

    @Override
    public String toString() {
        return "PresignedPut(" + withoutSignature(uri) + ", headers " + headers.keySet() + ")";
    }

    /** {@code scheme://host:port/path?…}: what can be logged of a presigned URL. */
    public static String withoutSignature(URI uri) {
        String text = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getRawPath();
        return uri.getRawQuery() == null ? text : text + "?…";
    }
}
