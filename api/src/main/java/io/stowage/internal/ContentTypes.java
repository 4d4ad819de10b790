package io.stowage.internal;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses a MIME type from a file name, for files saved without an explicit one.
 * Used by the S3 files of a save to guess a content type from the name.
 *
 * <pre>{@code
 * ContentTypes.guess("report.pdf");   // "application/pdf"
 * }</pre>
 */
public final class ContentTypes {

    /** What S3 assumes when nothing better is known. */
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("bin", DEFAULT));

    private ContentTypes() {
    }

    /** The MIME type for a file name; {@value #DEFAULT} when unknown. */
    public static String guess(String filename) {
        if (filename == null) {
            return DEFAULT;
        }
        int dot = filename.lastIndexOf('.');
        if (dot >= 0 && dot < filename.length() - 1) {
            String known = BY_EXTENSION.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String jdk = URLConnection.guessContentTypeFromName(filename);
        return jdk != null ? jdk : DEFAULT;
    }
}
