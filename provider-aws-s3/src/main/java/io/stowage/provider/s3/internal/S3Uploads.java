package io.stowage.provider.s3.internal;

import io.stowage.s3support.AbstractS3BlobStore.UploadSpec;
import io.stowage.s3support.ExactLengthInputStream;
import io.stowage.s3support.Quietly;
import io.stowage.s3support.S3PartSizes;
import io.stowage.s3support.S3Headers;
import io.stowage.s3support.S3Rules;
import io.stowage.s3support.WriteAnswers;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.PutBlobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * How the S3 provider sends an upload: one plain {@code PutObject} for a body of known
 * length below the multipart threshold (the multipart-enabled client and the transfer
 * manager would only hand it over to the same PUT, at a cost); otherwise the transfer
 * manager on a multipart-enabled client, in parts sent in parallel with memory bounded by
 * a few parts. An unknown length may turn out to reach the threshold, so it always takes
 * the transfer manager, which buffers up to the threshold before choosing. A create-only
 * upload sends {@code If-None-Match: *}, which the SDK's multipart client carries to
 * CompleteMultipartUpload.
 *
 * <pre>{@code
 * BlobInfo info = new S3Uploads(clients).upload(spec, content).join();
 * }</pre>
 */
public final class S3Uploads {

    private final S3Clients clients;

    public S3Uploads(S3Clients clients) {
        this.clients = clients;
    }

    /** Uploads checked content and describes what the store now holds. */
    public CompletableFuture<BlobInfo> upload(UploadSpec spec, BlobContent content) throws IOException {
        BlobId id = spec.id();
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(id.bucket())
                .key(id.key())
                .contentType(spec.request().contentType())
                .metadata(spec.metadata());
        if (spec.request().createOnly()) {
            put.ifNoneMatch("*");
        }
        S3Encryption.onUpload(put, spec.request().encryption().orElse(null));
        S3Clients.RegionClients rc = clients.forRegion(id.region().orElse(null));
        long size = spec.size();
        boolean single = size >= 0 && size < spec.multipartThreshold();
        if (single) {
            // S3 checks the whole body against it and refuses different bytes (BadDigest).
            spec.request().checksumCrc32c().ifPresent(put::checksumCRC32C);
        }
        Transport transport = single
                ? new SinglePut(rc.plain())
                : new TransferManagerUpload(rc.uploader(spec.multipartThreshold(), partSizeFor(size, spec.partSize())));
        CountingInputStream counted = content.kind() == BlobContent.Kind.STREAM
                ? new CountingInputStream(content.openStream()) : null;
        CompletableFuture<PutObjectResponse> uploaded = send(transport, put.build(), content, counted,
                spec.request().progress().orElse(null));
        return uploaded.thenCompose(resp -> describe(rc.plain(), spec.request(),
                counted != null ? counted.count() : size, resp));
    }

    /**
     * Part size for a known size: the configured one, grown in powers of two until the
     * object fits in 10,000 parts. Powers of two keep the number of distinct multipart
     * clients (one per part size) to a handful.
     */
    private static long partSizeFor(long size, long configured) {
        long needed = S3PartSizes.partSizeFor(size, configured);
        long part = configured;
        while (part < needed) {
            part *= 2;
        }
        return part;
    }

    /** How an upload's body reaches S3; the same content handling serves both ways. */
    private interface Transport {
        /** {@code progress}, when not {@code null}, is told the bytes sent so far. */
        CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body, LongConsumer progress);

        CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file, LongConsumer progress);
    }

    /** One PutObject on the plain client, for a body of known length below the multipart threshold. */
    private static final class SinglePut implements Transport {
        private final S3AsyncClient plain;

        SinglePut(S3AsyncClient plain) {
            this.plain = plain;
        }

        @Override
        public CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body, LongConsumer progress) {
            return plain.putObject(put, CountingRequestBody.wrap(body, progress));
        }

        @Override
        public CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file, LongConsumer progress) {
            return plain.putObject(put, CountingRequestBody.wrap(AsyncRequestBody.fromFile(file), progress));
        }
    }

    /** The transfer manager on a multipart-enabled client: in parts at or above the threshold. */
    private static final class TransferManagerUpload implements Transport {
        private final S3Clients.Uploader uploader;

        TransferManagerUpload(S3Clients.Uploader uploader) {
            this.uploader = uploader;
        }

        @Override
        public CompletableFuture<PutObjectResponse> send(PutObjectRequest put, AsyncRequestBody body, LongConsumer progress) {
            UploadRequest.Builder request = UploadRequest.builder().putObjectRequest(put).requestBody(body);
            if (progress != null) {
                request.addTransferListener(listener(progress));
            }
            return uploader.transferManager().upload(request.build()).completionFuture().thenApply(done -> done.response());
        }

        @Override
        public CompletableFuture<PutObjectResponse> sendFile(PutObjectRequest put, Path file, LongConsumer progress) {
            UploadFileRequest.Builder request = UploadFileRequest.builder().putObjectRequest(put).source(file);
            if (progress != null) {
                request.addTransferListener(listener(progress));
            }
            return uploader.transferManager().uploadFile(request.build()).completionFuture().thenApply(done -> done.response());
        }

        /** The transfer manager's own progress events, as bytes sent so far. */
        private static TransferListener listener(LongConsumer progress) {
            return new TransferListener() {
                @Override
                public void bytesTransferred(Context.BytesTransferred context) {
                    try {
                        progress.accept(context.progressSnapshot().transferredBytes());
                    } catch (RuntimeException ignored) {
                        // A progress report never breaks the transfer it reports.
                    }
                }
            };
        }
    }

    private CompletableFuture<PutObjectResponse> send(Transport transport, PutObjectRequest put,
                                                      BlobContent content, InputStream stream, LongConsumer progress) {
        switch (content.kind()) {
            case PATH:
                return transport.sendFile(put, content.path(), progress);
            case BYTES:
                // The array is not copied: BlobContent's contract keeps it unchanged until the upload ends.
                return transport.send(put, AsyncRequestBody.fromBytesUnsafe(content.bytes()), progress);
            case STREAM:
            default: {
                Long length = content.length().orElse(null);
                // Given a length, the SDK reads that many bytes and stops: held to it, a
                // longer or shorter stream fails the upload instead of storing a truncated object.
                ExactLengthInputStream exact = length == null ? null : new ExactLengthInputStream(stream, length);
                InputStream in = exact == null ? stream : exact;
                CompletableFuture<PutObjectResponse> f;
                try {
                    if (exact != null && length == 0) {
                        // An empty body is never read, so the byte that would make the stream
                        // longer than declared is looked for first; the read blocks, hence the pool.
                        f = CompletableFuture.runAsync(() -> requireEmpty(exact), clients.streamExecutor())
                                .thenCompose(v -> transport.send(put, streamBody(in, length), progress));
                    } else {
                        f = transport.send(put, streamBody(in, length), progress);
                    }
                } catch (RuntimeException e) {
                    Quietly.close(in);
                    throw e;
                }
                // The store owns the stream once handed over (BlobContent's contract).
                return f.whenComplete((r, e) -> Quietly.close(in));
            }
        }
    }

    private AsyncRequestBody streamBody(InputStream in, Long length) {
        return AsyncRequestBody.fromInputStream(b -> b
                .inputStream(in)
                .contentLength(length)
                .executor(clients.streamExecutor()));
    }

    private static void requireEmpty(ExactLengthInputStream exact) {
        try {
            exact.requireEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the store now holds, from the upload's answer: the etag and version id it
     * carries, the size sent, the content type and metadata sent (keys lower-cased, as S3
     * stores them), and as last-modified the answer's {@code Date}. S3's PUT and
     * CompleteMultipartUpload answers have no Last-Modified, but S3 dates an object with
     * the time it processed the write, to the second, which is what {@code Date} says
     * (for a multipart upload S3 may date the object when the upload began, earlier by
     * the upload's duration). A HEAD of that very version is sent only when the answer
     * lacks a usable {@code Date} or an etag, as an S3-compatible server's may. If that
     * HEAD fails (a PUT-only policy, say) the upload still succeeded, so the answer falls
     * back to what is known rather than failing a stored object.
     */
    private CompletableFuture<BlobInfo> describe(S3AsyncClient plain, PutBlobRequest request, long size,
                                                 PutObjectResponse resp) {
        BlobId id = request.id();
        String etag = BlobInfo.stripQuotes(resp.eTag());
        String versionId = resp.versionId();
        Instant written = responseDate(resp);
        if (written != null && etag != null) {
            return CompletableFuture.completedFuture(WriteAnswers.info(request, size, etag, versionId, written));
        }
        HeadObjectRequest.Builder head = HeadObjectRequest.builder().bucket(id.bucket()).key(id.key());
        S3Encryption.onHead(head, request.encryption().orElse(null));
        if (!S3Rules.isNullVersion(versionId)) {
            head.versionId(versionId);
        }
        return plain.headObject(head.build()).handle((h, e) -> {
            boolean same = e == null && (etag == null || etag.equals(BlobInfo.stripQuotes(h.eTag())));
            if (same) {
                return S3Responses.toInfo(id, h);
            }
            return WriteAnswers.info(request, size, etag, versionId,
                    written != null ? written : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        });
    }

    /** The HTTP answer's {@code Date}, or null. */
    private static Instant responseDate(SdkResponse response) {
        SdkHttpResponse http = response.sdkHttpResponse();
        return http == null ? null : http.firstMatchingHeader("Date").map(S3Headers::httpDate).orElse(null);
    }
}
