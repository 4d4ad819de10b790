package io.stowage.provider.inmemory;

import io.stowage.s3support.Downloads;
import io.stowage.s3support.Quietly;
import io.stowage.s3support.S3Rules;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BlobStore} in memory that behaves as S3 does: buckets must exist, S3's name,
 * key and metadata limits, S3's etags (multipart ones included), ranges, If-Match,
 * optional versioning with delete markers, and presigned GET and PUT URLs that really
 * work over HTTP on 127.0.0.1 (signed, expiring, tamper-checked).
 *
 * <p>Without versioning, a read, delete or presigned GET naming a version id other than
 * S3's {@code "null"} fails with {@link StoreErrorCode#UNSUPPORTED}, as the SPI asks for
 * undeclared capabilities. Presigned URLs ignore the request's byte range (send a
 * {@code Range} header instead) and last at most seven days, as S3's do.
 *
 * <pre>{@code
 * try (InMemoryBlobStore store = InMemoryBlobStore.builder().versioning(true).build()) {
 *     store.createBucket("company-docs", null).join();
 *     BlobInfo info = store.put(PutBlobRequest.builder().id(BlobId.of("company-docs", "a.txt")).build(),
 *             BlobContent.fromBytes("hello".getBytes(StandardCharsets.UTF_8))).join();
 *     URI url = store.presignGet(GetBlobRequest.of(info.id()), Duration.ofMinutes(5)).join();
 * }
 * }</pre>
 */
public final class InMemoryBlobStore implements BlobStore {

    /** Setting that turns versioning on ({@code "true"}) when the store is made from {@link StoreSettings}. */
    public static final String VERSIONING_PROPERTY = "stowage.inmemory.versioning";

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_IO_THREADS = 8;

    private final BlobRepository repository;
    private final Clock clock;
    private final PresignSigner signer = PresignSigner.withRandomSecret();
    private final ThreadPoolExecutor io;
    private final Set<BlobCapability> capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();
    private PresignServer server;

    private InMemoryBlobStore(Builder b) {
        StoreSettings settings = b.settings;
        boolean versioning = b.versioning != null ? b.versioning
                : settings.property(VERSIONING_PROPERTY).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
        this.clock = b.clock;
        this.repository = new BlobRepository(versioning, clock, settings.multipartThreshold(), settings.partSize());
        int threads = Math.min(settings.maxConcurrency(), MAX_IO_THREADS);
        AtomicInteger count = new AtomicInteger();
        this.io = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "stowage-inmemory-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Idle threads go away, so that a forgotten store does not pin threads.
        this.io.allowCoreThreadTimeOut(true);
        EnumSet<BlobCapability> caps = EnumSet.of(BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT,
                BlobCapability.PRESIGN_EXPIRY_ENFORCED, BlobCapability.PRESIGN_TAMPER_CHECKED,
                BlobCapability.MULTIPART_ETAG, BlobCapability.RANGE_READ, BlobCapability.IF_MATCH,
                BlobCapability.CREATE_ONLY, BlobCapability.CONDITIONAL_DELETE, BlobCapability.BATCH_DELETE,
                BlobCapability.COPY, BlobCapability.CHECKSUM_CRC32C, BlobCapability.SSE_S3, BlobCapability.SSE_KMS, BlobCapability.SSE_C);
        if (versioning) {
            caps.add(BlobCapability.VERSIONING);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    /** A store with default settings, without versioning, on the system clock. */
    public static InMemoryBlobStore create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<BlobCapability> capabilities() {
        return capabilities;
    }

    /** Whether each put makes a new version (see {@link #VERSIONING_PROPERTY}). */
    public boolean versioning() {
        return repository.versioning();
    }

    /** The region is ignored: the in-memory store has a single region. */
    @Override
    public CompletableFuture<Void> createBucket(String bucket, String region) {
        return Futures.now(() -> {
            ensureOpen();
            repository.createBucket(bucket);
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
        return Futures.now(() -> {
            ensureOpen();
            return repository.bucketExists(bucket);
        });
    }

    @Override
    public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
        return Futures.async(io, () -> {
            try {
                ensureOpen();
                return repository.put(request, content, false);
            } finally {
                // The store owns a stream once given it, also when it refuses the put before reading it.
                Quietly.close(content);
            }
        });
    }

    @Override
    public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
        return Futures.now(() -> {
            ensureOpen();
            return repository.read(request).info(request.id());
        });
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        return Futures.now(() -> {
            ensureOpen();
            StoredObject object = repository.read(request);
            ByteSlice slice = ByteSlice.of(request.id(), request.range().orElse(null), object.size());
            byte[] bytes = new byte[slice.length()];
            System.arraycopy(object.content(), slice.offset(), bytes, 0, slice.length());
            return bytes;
        });
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        return Futures.async(io, () -> {
            ensureOpen();
            if (target == null) {
                throw Failures.invalid("getToFile needs a target path");
            }
            StoredObject object = repository.read(request);
            ByteSlice slice = ByteSlice.of(request.id(), request.range().orElse(null), object.size());
            writeAtomically(request.id(), object.content(), slice, target.toAbsolutePath());
            return object.info(request.id());
        });
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        return Futures.now(() -> {
            ensureOpen();
            StoredObject object = repository.read(request);
            ByteSlice slice = ByteSlice.of(request.id(), request.range().orElse(null), object.size());
            // The stored array is never modified, so the stream can read it without a copy.
            return new ByteArrayInputStream(object.content(), slice.offset(), slice.length());
        });
    }

    @Override
    public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
        return Futures.now(() -> {
            ensureOpen();
            if (request == null) {
                throw Failures.invalid("presignGet needs a request");
            }
            BlobId id = request.id();
            S3Rules.requireBucketName(id.bucket());
            S3Rules.requireKey(id);
            request.versionId().ifPresent(v -> repository.requireNullVersion(id, v));
            Map<String, String> params = new LinkedHashMap<>();
            request.versionId().ifPresent(v -> params.put(PresignedRequest.VERSION, v));
            request.ifMatch().ifPresent(e -> params.put(PresignedRequest.IF_MATCH, BlobInfo.stripQuotes(e)));
            return sign(PresignedRequest.of("GET", id.bucket(), id.key(), expiresAt(id, expiry), params));
        });
    }

    @Override
    public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
        return Futures.now(() -> {
            ensureOpen();
            if (request == null) {
                throw Failures.invalid("presignPut needs a request");
            }
            BlobId id = request.id();
            S3Rules.requireBucketName(id.bucket());
            S3Rules.requireKey(id);
            S3Rules.requireMetadata(id, request.userMetadata());
            Map<String, String> params = new LinkedHashMap<>();
            params.put(PresignedRequest.CONTENT_TYPE, request.contentType());
            request.userMetadata().forEach((k, v) -> params.put(PresignedRequest.META + k.toLowerCase(Locale.ROOT), v));
            if (request.createOnly()) {
                params.put(PresignedRequest.IF_NONE_MATCH, "*");
            }
            request.checksumCrc32c().ifPresent(c -> params.put(PresignedRequest.CHECKSUM_CRC32C, c));
            request.encryption().ifPresent(sse -> {
                if (sse.mode() == ServerSideEncryption.Mode.CUSTOMER) {
                    throw Failures.invalid("A presigned PUT cannot carry an SSE-C key without handing it to the client");
                }
                params.put(PresignedRequest.SSE, sse.mode().name());
                sse.kmsKeyId().ifPresent(k -> params.put(PresignedRequest.SSE_KMS_KEY, k));
            });
            URI url = sign(PresignedRequest.of("PUT", id.bucket(), id.key(), expiresAt(id, expiry), params));
            // Everything is signed into the URL; the content type is the one header a client should send.
            return PresignedPut.of(url, Map.of("Content-Type", request.contentType()));
        });
    }

    @Override
    public CompletableFuture<Void> delete(DeleteBlobRequest request) {
        return Futures.now(() -> {
            ensureOpen();
            repository.delete(request);
            return null;
        });
    }

    /** Checks every request before deleting any, then deletes each, as one DeleteObjects request would. */
    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
        return Futures.now(() -> {
            ensureOpen();
            if (requests == null) {
                throw Failures.invalid("deleteAll needs a list of requests");
            }
            requests.forEach(repository::checkDelete);
            List<DeleteOutcome> outcomes = new ArrayList<>(requests.size());
            for (DeleteBlobRequest request : requests) {
                try {
                    repository.delete(request);
                    outcomes.add(DeleteOutcome.deleted(request));
                } catch (StoreException e) {
                    outcomes.add(DeleteOutcome.failed(request, e));
                } catch (RuntimeException e) {
                    // Others are deleted already: this one fails alone, as it would on S3.
                    outcomes.add(DeleteOutcome.failed(request, new StoreException(StoreErrorCode.OTHER,
                            "delete of key '" + request.id().key() + "' in bucket '" + request.id().bucket() + "' failed: " + e, e)));
                }
            }
            return List.copyOf(outcomes);
        });
    }

    @Override
    public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
        return Futures.now(() -> {
            ensureOpen();
            if (request == null) {
                throw Failures.invalid("list needs a request");
            }
            return repository.list(request.bucket(), request.prefix(), request.continuationToken().orElse(null),
                    request.maxKeys());
        });
    }

    @Override
    public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
        return Futures.async(io, () -> {
            ensureOpen();
            return repository.copy(request);
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (server != null) {
                server.stop();
                server = null;
            }
        }
        io.shutdownNow();
    }

    @Override
    public String toString() {
        return "InMemoryBlobStore(versioning=" + repository.versioning() + (closed.get() ? ", closed" : "") + ")";
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw Failures.closed("blob");
        }
    }

    private long expiresAt(BlobId id, Duration expiry) {
        // SigV4's bounds, so that code tested here is not refused by S3.
        S3Rules.requirePresignExpiry(id, expiry);
        return clock.instant().plus(expiry).getEpochSecond();
    }

    private URI sign(PresignedRequest request) {
        return request.toUri(server().port(), signer.sign(request));
    }

    private synchronized PresignServer server() {
        ensureOpen();
        if (server == null) {
            try {
                server = PresignServer.start(repository, signer, clock);
            } catch (IOException e) {
                throw new StoreException(StoreErrorCode.OTHER,
                        "Could not start the presign server on 127.0.0.1: " + e.getMessage(), e);
            }
        }
        return server;
    }

    private static void writeAtomically(BlobId id, byte[] content, ByteSlice slice, Path target) {
        Path temp = null;
        try {
            // As S3's and MinIO's downloads do: a missing directory is created, a directory in the way refused.
            try {
                Downloads.prepareTarget(target);
            } catch (IllegalArgumentException e) {
                throw new StoreException(StoreErrorCode.INVALID_INPUT, e.getMessage()).withBucket(id.bucket()).withKey(id.key());
            }
            // Beside the target, so that the final move is a rename on the same file system.
            temp = Files.createTempFile(target.getParent(), ".stowage-", ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                for (int off = slice.offset(); off < slice.offset() + slice.length(); off += CHUNK) {
                    out.write(content, off, Math.min(CHUNK, slice.offset() + slice.length() - off));
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new StoreException(StoreErrorCode.OTHER, "Could not write '" + id.key() + "' of bucket '"
                    + id.bucket() + "' to " + target + ": " + e + "; check the directory exists and is writable", e)
                    .withBucket(id.bucket()).withKey(id.key());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the download already failed and that is what the caller hears about.
                }
            }
        }
    }

    /**
     * Builder of {@link InMemoryBlobStore}. Tests pass their own clock so that presigned
     * URL expiry and last-modified times can be checked without sleeping.
     *
     * <pre>{@code
     * InMemoryBlobStore store = InMemoryBlobStore.builder()
     *         .settings(StoreSettings.builder().multipartThreshold(5L * 1024 * 1024).build())
     *         .versioning(true)
     *         .clock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private StoreSettings settings = StoreSettings.defaults();
        private Boolean versioning;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Multipart threshold, part size, concurrency and {@link #VERSIONING_PROPERTY} come from here. */
        public Builder settings(StoreSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Turns versioning on or off, whatever the settings say. */
        public Builder versioning(boolean versioning) {
            this.versioning = versioning;
            return this;
        }

        /** The clock for last-modified times and presigned URL expiry; tests pass their own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public InMemoryBlobStore build() {
            return new InMemoryBlobStore(this);
        }
    }
}
