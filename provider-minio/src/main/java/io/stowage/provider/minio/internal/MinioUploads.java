package io.stowage.provider.minio.internal;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.messages.Part;
import io.stowage.s3support.AbstractS3BlobStore.UploadSpec;
import io.stowage.s3support.ExactLengthInputStream;
import io.stowage.s3support.ProgressInputStream;
import io.stowage.s3support.Quietly;
import io.stowage.s3support.S3Headers;
import io.stowage.s3support.S3PartSizes;
import io.stowage.s3support.S3Rules;
import io.stowage.s3support.S3UserMetadata;
import io.stowage.s3support.WriteAnswers;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * How the MinIO provider sends an upload. Below the multipart threshold (length known)
 * one PUT. Otherwise its own multipart upload, not the client's: the client sends parts
 * one after another and drops extra headers on CompleteMultipartUpload, so it could
 * neither upload in parallel nor claim a key. Here the parts are read from the source in
 * turn and up to {@value #PARTS_IN_FLIGHT} are sent at once (memory bounded by that many
 * parts plus the one being read); a create-only upload sends {@code If-None-Match: *} on
 * the PUT or the CompleteMultipartUpload; a failed upload is aborted, so no part is left
 * behind. A stream of unknown length is first read up to the threshold to tell the two
 * cases apart.
 *
 * <pre>{@code
 * BlobInfo info = new MinioUploads(clients).upload(spec, content).join();
 * }</pre>
 */
public final class MinioUploads {

    /** Parts sent at once per upload. */
    static final int PARTS_IN_FLIGHT = 4;

    private final MinioClients clients;

    public MinioUploads(MinioClients clients) {
        this.clients = clients;
    }

    /** Uploads checked content and describes what the store now holds. */
    public CompletableFuture<BlobInfo> upload(UploadSpec spec, BlobContent content) throws Exception {
        PagingMinioClient client = clients.forRegion(spec.id().region().orElse(null));
        long size = spec.size();
        // The MinIO client has no transfer events: the bytes are counted as the client reads them to send.
        InputStream in = ProgressInputStream.wrap(open(content), spec.request().progress().orElse(null));
        CompletableFuture<ObjectWriteResponse> sent;
        try {
            if (size >= 0 && size < spec.multipartThreshold() && content.kind() != BlobContent.Kind.STREAM) {
                sent = new ReplayablePut(client, spec, content, size).send(in, 1);
            } else if (size >= 0 && size < spec.multipartThreshold()) {
                sent = single(client, spec, in, size);
            } else {
                // Reading the source and waiting for the parts block, so all of it runs on the store's
                // pool, never on the thread that calls: that may be an OkHttp callback thread (a HEAD's
                // answer, say), and a join there waits for requests the dispatcher cannot start while
                // the callback holds its slot (maxConcurrency 1 deadlocked that way).
                sent = CompletableFuture.supplyAsync(() -> new Multipart(client, spec, in, size).run(), clients.io())
                        .thenCompose(started -> started);
            }
        } catch (Exception | Error e) {
            Quietly.close(in);
            throw e;
        }
        CompletableFuture<ObjectWriteResponse> done = sent.whenComplete((r, e) -> Quietly.close(in));
        boolean single = size >= 0 && size < spec.multipartThreshold();
        return done.thenCompose(resp -> describe(client, spec.request(), size, single, resp));
    }

    private static InputStream open(BlobContent content) throws IOException {
        switch (content.kind()) {
            case BYTES:
                return new ByteArrayInputStream(content.bytes());
            case PATH:
                return Files.newInputStream(content.path());
            case STREAM:
            default:
                InputStream stream = content.openStream();
                return content.length().isPresent() ? new ExactLengthInputStream(stream, content.length().get()) : stream;
        }
    }

    private static CompletableFuture<ObjectWriteResponse> single(PagingMinioClient client, UploadSpec spec,
                                                                 InputStream in, long size) throws Exception {
        BlobId id = spec.id();
        if (in instanceof ExactLengthInputStream && size == 0) {
            // An empty body is never read, so a stream longer than declared is caught here.
            ((ExactLengthInputStream) in).requireEmpty();
        }
        PutObjectArgs.Builder args = PutObjectArgs.builder()
                .bucket(id.bucket())
                .object(id.key())
                // Below S3's smallest part the client picks a single PUT itself and reads no more than the
                // object; a part size given there made it allocate a 5 MiB buffer for every small upload.
                .stream(in, size, size < S3PartSizes.MIN_PART_SIZE ? -1 : size)
                .contentType(spec.request().contentType())
                .userMetadata(spec.metadata());
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (spec.request().createOnly()) {
            headers.put("If-None-Match", "*");
        }
        // The server checks the whole body against it and refuses different bytes (BadDigest).
        spec.request().checksumCrc32c().ifPresent(crc -> headers.put("x-amz-checksum-crc32c", crc));
        headers.putAll(MinioEncryption.onUpload(spec.request().encryption().orElse(null)));
        if (!headers.isEmpty()) {
            args.extraHeaders(headers);
        }
        return client.putObject(args.build());
    }

    /**
     * One PUT of bytes that can be read again (an array, a file): asked to (429, 5xx), it is
     * sent again by the store's retry rules, which {@link RetryInterceptor} cannot do for a
     * request with a body. After an attempt that may have been applied (answered 500, 502 or
     * 504), no failure is definite: a create-only PUT may then be refused (412) by its own
     * object, and the engine reports the key for the sweeper instead of forgetting it.
     */
    private final class ReplayablePut {
        private final PagingMinioClient client;
        private final UploadSpec spec;
        private final BlobContent content;
        private final long size;
        private final long start = System.nanoTime();
        private boolean mayHaveApplied;

        ReplayablePut(PagingMinioClient client, UploadSpec spec, BlobContent content, long size) {
            this.client = client;
            this.spec = spec;
            this.content = content;
            this.size = size;
        }

        /** Sends attempt {@code attempt} with {@code in}, which the first attempt's caller closes. */
        CompletableFuture<ObjectWriteResponse> send(InputStream in, int attempt) {
            CompletableFuture<ObjectWriteResponse> sent;
            try {
                sent = single(client, spec, in, size);
            } catch (Exception e) {
                sent = CompletableFuture.failedFuture(e);
            }
            return sent.exceptionallyCompose(failure -> {
                int status = clients.errors().httpStatus(failure);
                long pause = RetryInterceptor.pauseMillis(attempt);
                if (RetryInterceptor.askedToRetry(status) && clients.retries().mayRetry(attempt, start, pause)) {
                    mayHaveApplied |= !io.stowage.spi.IoFailures.isRefusalStatus(status);
                    return later(pause).thenCompose(v -> {
                        InputStream again;
                        try {
                            again = open(content);
                        } catch (IOException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                        // Without the progress count: the listener has seen these bytes already.
                        return send(again, attempt + 1).whenComplete((r, e) -> Quietly.close(again));
                    });
                }
                // Whatever the last answer, an earlier attempt may have stored the object: not definite.
                return CompletableFuture.failedFuture(mayHaveApplied ? ambiguous(failure) : failure);
            });
        }

        /**
         * Completes on the store's pool after {@code pauseMillis}; fails, rather than never
         * completing, when the store was closed meanwhile (its pool refuses the task).
         */
        private CompletableFuture<Void> later(long pauseMillis) {
            CompletableFuture<Void> due = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(pauseMillis, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    clients.io().execute(() -> due.complete(null));
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    due.completeExceptionally(StoreException.builder(StoreErrorCode.INVALID_INPUT, "The MinIO blob store was "
                            + "closed while an upload waited to be sent again; create a new one").bucket(spec.id().bucket())
                            .key(spec.id().key()).afterAnAmbiguousAttempt(mayHaveApplied).build());
                }
            });
            return due;
        }

        private StoreException ambiguous(Throwable failure) {
            StoreException mapped = clients.errors().map(failure, "putObject", spec.id().bucket(), spec.id().key());
            return StoreException.builder(mapped.code(), mapped.getMessage()).cause(mapped.getCause())
                    .bucket(spec.id().bucket()).key(spec.id().key()).afterAnAmbiguousAttempt(true).build();
        }
    }

    /** One multipart upload, from CreateMultipartUpload to Complete (or Abort). */
    private final class Multipart {
        private final PagingMinioClient client;
        private final UploadSpec spec;
        private final InputStream in;
        private final long size;
        private final Semaphore inFlight = new Semaphore(PARTS_IN_FLIGHT);
        private final List<Part> parts = new ArrayList<>();
        private final List<CompletableFuture<Void>> sends = new ArrayList<>();
        private volatile Throwable failure;

        Multipart(PagingMinioClient client, UploadSpec spec, InputStream in, long size) {
            this.client = client;
            this.spec = spec;
            this.in = in;
            this.size = size;
        }

        CompletableFuture<ObjectWriteResponse> run() {
            long partSize = Math.min(S3PartSizes.partSizeFor(size, spec.partSize()), S3PartSizes.MAX_PART_SIZE);
            byte[] head;
            try {
                head = size >= 0 ? null : in.readNBytes((int) Math.min(spec.multipartThreshold(), Integer.MAX_VALUE - 8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (head != null && head.length < spec.multipartThreshold()) {
                // A stream of unknown length that ended below the threshold: one PUT.
                try {
                    return single(client, spec, new ByteArrayInputStream(head), head.length);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }
            BlobId id = spec.id();
            String region = id.region().orElse(null);
            Multimap<String, String> headers = HashMultimap.create();
            headers.put("Content-Type", spec.request().contentType());
            spec.metadata().forEach((k, v) -> headers.put(S3UserMetadata.PREFIX + k, v));
            MinioEncryption.onUpload(spec.request().encryption().orElse(null)).forEach(headers::put);
            String uploadId;
            try {
                uploadId = client.createMultipartUploadAsync(id.bucket(), region, id.key(), headers, null).join()
                        .result().uploadId();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            try {
                sendParts(uploadId, region, head == null ? in : new java.io.SequenceInputStream(
                        new ByteArrayInputStream(head), in), partSize);
                Part[] sorted = parts.stream().sorted(Comparator.comparingInt(Part::partNumber)).toArray(Part[]::new);
                Multimap<String, String> complete = HashMultimap.create();
                if (spec.request().createOnly()) {
                    complete.put("If-None-Match", "*");
                }
                // As S3 asks of an upload begun with SSE-C: the key again on the completion.
                MinioEncryption.onRead(spec.request().encryption().orElse(null)).forEach(complete::put);
                return client.completeMultipartUploadAsync(id.bucket(), region, id.key(), uploadId, sorted, complete, null)
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                abort(uploadId, region);
                            }
                        });
            } catch (Exception | Error e) {
                abort(uploadId, region);
                throw e instanceof CompletionException ? (CompletionException) e : new CompletionException(e);
            }
        }

        private void sendParts(String uploadId, String region, InputStream source, long partSize) throws Exception {
            BlobId id = spec.id();
            // SSE-C: each part carries the key too.
            Multimap<String, String> partHeaders = HashMultimap.create();
            MinioEncryption.onRead(spec.request().encryption().orElse(null)).forEach(partHeaders::put);
            int number = 0;
            while (failure == null) {
                byte[] part = source.readNBytes((int) partSize);
                if (part.length == 0 && number > 0) {
                    break;
                }
                int partNumber = ++number;
                inFlight.acquire();
                if (failure != null) {
                    inFlight.release();
                    break;
                }
                CompletableFuture<Void> send = client.uploadPartAsync(id.bucket(), region, id.key(), part, part.length,
                        uploadId, partNumber, partHeaders, null).handle((resp, e) -> {
                            inFlight.release();
                            if (e != null) {
                                failure = e;
                            } else {
                                synchronized (parts) {
                                    parts.add(new Part(partNumber, resp.etag()));
                                }
                            }
                            return null;
                        });
                sends.add(send);
                if (part.length < partSize) {
                    break;
                }
            }
            CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).join();
            if (failure != null) {
                throw new CompletionException(failure);
            }
        }

        private void abort(String uploadId, String region) {
            BlobId id = spec.id();
            try {
                client.abortMultipartUploadAsync(id.bucket(), region, id.key(), uploadId, null, null)
                        .exceptionally(e -> null);
            } catch (Exception e) {
                // Best effort: the upload failed, and that is what the caller hears about.
            }
        }
    }

    /**
     * A single PUT of known size, unencrypted, is described by its answer (see
     * {@link WriteAnswers}): etag, version and {@code Date}. Otherwise a HEAD of that version
     * fills in what the answer lacks: the size of a stream of unknown length or of a file that
     * changed while its parts were read, the date S3 gives a multipart object, the encryption
     * the store applied. If the HEAD fails (a PUT-only policy, say) the upload still
     * succeeded, so the answer falls back to what is known rather than failing a stored object.
     */
    private static CompletableFuture<BlobInfo> describe(PagingMinioClient client, PutBlobRequest request, long size,
                                                        boolean single, ObjectWriteResponse resp) {
        BlobId id = request.id();
        String etag = BlobInfo.stripQuotes(resp.etag());
        String versionId = resp.versionId();
        Instant written = S3Headers.httpDate(resp.headers() == null ? null : resp.headers().get("Date"));
        if (single && size >= 0 && etag != null && written != null && request.encryption().isEmpty()) {
            // The answer says it all (see WriteAnswers): no HEAD after every upload.
            return CompletableFuture.completedFuture(WriteAnswers.info(request, size, etag, versionId, written));
        }
        StatObjectArgs.Builder stat = StatObjectArgs.builder().bucket(id.bucket()).object(id.key())
                .extraHeaders(MinioEncryption.onRead(request.encryption().orElse(null)));
        if (!S3Rules.isNullVersion(versionId)) {
            stat.versionId(versionId);
        }
        CompletableFuture<BlobInfo> described;
        try {
            described = client.statObject(stat.build()).thenApply(h -> ObjectHeaders.toInfo(id, h.headers()));
        } catch (Exception e) {
            described = CompletableFuture.failedFuture(e);
        }
        return described.handle((head, e) -> {
            boolean same = e == null && (etag == null || etag.equals(head.etag()));
            if (same || (size < 0 && e == null)) {
                // Overwritten in between with the size unknown: the current object is the best answer.
                return head;
            }
            return WriteAnswers.info(request, Math.max(size, 0), etag, versionId,
                    written != null ? written : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        });
    }
}
