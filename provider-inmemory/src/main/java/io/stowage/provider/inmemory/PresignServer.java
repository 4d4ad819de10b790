package io.stowage.provider.inmemory;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.ByteRange;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves presigned URLs on 127.0.0.1 with the JDK's HTTP server, as S3 would: the
 * signature, method and expiry are checked first (403 otherwise), then the object is read
 * or written through the same {@link BlobRepository} rules as the store's own calls.
 *
 * <pre>{@code
 * PresignServer server = PresignServer.start(repository, signer, clock);
 * URI url = request.toUri(server.port(), signer.sign(request));
 * server.stop();
 * }</pre>
 */
final class PresignServer {

    private static final int THREADS = 4;
    private static final int CHUNK = 64 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final BlobRepository repository;
    private final PresignSigner signer;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;

    private PresignServer(BlobRepository repository, PresignSigner signer, Clock clock, HttpServer server,
                          ExecutorService executor) {
        this.repository = repository;
        this.signer = signer;
        this.clock = clock;
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free loopback port. */
    static PresignServer start(BlobRepository repository, PresignSigner signer, Clock clock) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "stowage-inmemory-presign-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PresignServer presign = new PresignServer(repository, signer, clock, server, executor);
        server.createContext("/", presign::handle);
        server.setExecutor(executor);
        server.start();
        return presign;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            PresignedRequest.Signed signed;
            try {
                signed = PresignedRequest.parse(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                sendError(exchange, 403, "AccessDenied", "Not a valid presigned URL of this store");
                return;
            }
            PresignedRequest request = signed.request();
            if (!signer.verify(request, signed.signature())) {
                sendError(exchange, 403, "SignatureDoesNotMatch", "The URL's signature does not match; it was altered");
                return;
            }
            if (!request.method().equals(exchange.getRequestMethod())) {
                sendError(exchange, 403, "SignatureDoesNotMatch", "This URL was signed for " + request.method()
                        + ", not " + exchange.getRequestMethod());
                return;
            }
            if (clock.instant().getEpochSecond() > request.expires()) {
                sendError(exchange, 403, "AccessDenied", "Request has expired; presign a new URL");
                return;
            }
            if ("GET".equals(request.method())) {
                serveGet(exchange, request);
            } else if ("PUT".equals(request.method())) {
                servePut(exchange, request);
            } else {
                sendError(exchange, 405, "MethodNotAllowed", "Only GET and PUT can be presigned");
            }
        } catch (StoreException e) {
            sendStoreError(exchange, e);
        } catch (IOException | RuntimeException e) {
            sendError(exchange, 500, "InternalError", "The in-memory store failed: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private void serveGet(HttpExchange exchange, PresignedRequest request) throws IOException {
        GetBlobRequest.Builder get = GetBlobRequest.builder().id(BlobId.of(request.bucket(), request.key()));
        get.versionId(request.params().get(PresignedRequest.VERSION));
        get.ifMatch(request.params().get(PresignedRequest.IF_MATCH));
        StoredObject object = repository.read(get.build());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", object.contentType());
        headers.set("ETag", "\"" + object.etag() + "\"");
        headers.set("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.set("Accept-Ranges", "bytes");
        if (object.versionId() != null) {
            headers.set("x-amz-version-id", object.versionId());
        }
        object.userMetadata().forEach((name, value) -> headers.set("x-amz-meta-" + name, headerValue(value)));
        long size = object.size();
        ByteSlice slice = ByteSlice.whole(size);
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        // Like S3, a Range header that is not a single well-formed range is ignored.
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            long first;
            long last;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
            if (first >= size || last < first) {
                headers.set("Content-Range", "bytes */" + size);
                sendError(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }
            slice = ByteSlice.of(BlobId.of(request.bucket(), request.key()), ByteRange.of(first, last), size);
            headers.set("Content-Range", "bytes " + first + "-" + slice.last() + "/" + size);
            status = 206;
        }
        // A length of -1 tells the JDK server "no body"; 0 would mean chunked.
        exchange.sendResponseHeaders(status, slice.length() == 0 ? -1 : slice.length());
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] content = object.content();
            for (int off = slice.offset(); off < slice.offset() + slice.length(); off += CHUNK) {
                out.write(content, off, Math.min(CHUNK, slice.offset() + slice.length() - off));
            }
        }
    }

    private void servePut(HttpExchange exchange, PresignedRequest request) throws IOException {
        String signedType = request.params().get(PresignedRequest.CONTENT_TYPE);
        String sentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (signedType != null && sentType != null && !signedType.equals(sentType)) {
            sendError(exchange, 403, "SignatureDoesNotMatch", "This URL was signed for Content-Type " + signedType
                    + "; send that type or none");
            return;
        }
        String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
        long length;
        try {
            length = contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            sendError(exchange, 400, "InvalidArgument", "Bad Content-Length");
            return;
        }
        // Like S3's If-None-Match and x-amz-checksum-crc32c, signed into the URL: only the first PUT
        // stores the object, and only with the bytes the checksum describes.
        PutBlobRequest put = PutBlobRequest.builder()
                .id(BlobId.of(request.bucket(), request.key()))
                .contentType(signedType != null ? signedType : sentType)
                .userMetadata(request.userMetadata())
                .createOnly(request.params().containsKey(PresignedRequest.IF_NONE_MATCH))
                .checksumCrc32c(request.params().get(PresignedRequest.CHECKSUM_CRC32C))
                .encryption(encryption(request))
                .build();
        BlobInfo info = repository.put(put, BlobContent.fromStream(exchange.getRequestBody(), length), true);
        exchange.getResponseHeaders().set("ETag", "\"" + info.etag() + "\"");
        info.versionId().ifPresent(v -> exchange.getResponseHeaders().set("x-amz-version-id", v));
        exchange.sendResponseHeaders(200, -1);
    }

    /** The encryption signed into the URL: SSE-S3 or SSE-KMS (SSE-C is never presigned). */
    private static ServerSideEncryption encryption(PresignedRequest request) {
        String mode = request.params().get(PresignedRequest.SSE);
        if (mode == null) {
            return null;
        }
        return ServerSideEncryption.Mode.KMS.name().equals(mode)
                ? ServerSideEncryption.kms(request.params().get(PresignedRequest.SSE_KMS_KEY)) : ServerSideEncryption.s3();
    }

    private static void sendStoreError(HttpExchange exchange, StoreException e) {
        switch (e.code()) {
            case BUCKET_NOT_FOUND:
                sendError(exchange, 404, "NoSuchBucket", "The bucket does not exist");
                break;
            case OBJECT_NOT_FOUND:
                sendError(exchange, 404, "NoSuchKey", "The object does not exist");
                break;
            case PRECONDITION_FAILED:
                sendError(exchange, 412, "PreconditionFailed", "The object's etag does not match If-Match, or it exists and "
                        + "this URL may only create it");
                break;
            case CHECKSUM_MISMATCH:
                sendError(exchange, 400, "BadDigest", "The CRC32C you specified did not match the bytes received");
                break;
            case INVALID_INPUT:
                sendError(exchange, 400, "InvalidArgument", e.getMessage());
                break;
            default:
                sendError(exchange, 500, "InternalError", e.getMessage());
        }
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + xml(message) + "</Message></Error>\n").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException ignored) {
            // The client went away or the headers were already sent; nothing more to tell it.
        }
    }

    /** Non-ASCII values go out RFC 2047-encoded, as S3 sends them, since HTTP headers are ASCII. */
    private static String headerValue(String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        return ascii ? value
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
