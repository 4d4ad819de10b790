package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.PresignedUpload;
import io.stowage.S3AttributeException;
import io.stowage.S3AttributeException.Reason;
import io.stowage.UploadConstraints;
import io.stowage.s3support.S3Rules;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Uploads a client makes itself, through a presigned PUT, and their commit. The upload goes
 * to a fresh derived key under the item's folder, never to a key an item may point at, with
 * the back-link to its item signed into the URL; so an upload never committed is an orphan
 * like any other, and the sweeper reclaims it. The commit checks what was stored (there, the
 * item's own upload at a key presignUpload made, within the size limit, of the content type
 * and, where given, the CRC32C), and saves the item with the object as one of its uploads: the
 * same order and conditions as a save. A commit never deletes an object: a refused or failed
 * one leaves the upload to the sweeper.
 *
 * <pre>{@code
 * PresignedUpload upload = DirectUploads.presign(mapper, engine, doc, "content", "scan.pdf", Duration.ofMinutes(5), none).join();
 * }</pre>
 */
final class DirectUploads {

    private DirectUploads() {
    }

    static <T> CompletableFuture<PresignedUpload> presign(ItemMapper<T> mapper, Engine engine, T model, String attribute,
                                                          String filename, Duration expiry, UploadConstraints constraints) {
        return Futures.call(() -> {
            String table = mapper.table();
            if (model == null) {
                throw new ModelException("presignUpload(null, ...) on table '" + table + "': pass the model whose file the "
                        + "client will upload");
            }
            AttributeSpec<T> spec = s3Attribute(mapper, attribute, "presignUpload");
            String where = "Table '" + table + "', attribute '" + spec.name() + "'";
            if (constraints == null) {
                throw new ModelException(where + ": presignUpload(..., null): pass UploadConstraints.none() for no constraints");
            }
            String expiryProblem = S3Rules.presignExpiryProblem(expiry);
            if (expiryProblem != null) {
                throw new ModelException(where + ": presignUpload expiry " + expiry + ": " + expiryProblem);
            }
            ObjectKeys.checkFilename(filename, where);
            String contentType = constraints.contentType().orElse(ContentTypes.guess(filename));
            checkConstraints(constraints, contentType, where);
            String bucket = spec.s3().bucket();
            if (!engine.blobStore().capabilities().contains(BlobCapability.PRESIGN_PUT)) {
                throw new S3AttributeException(Reason.INVALID_INPUT, where + ": the blob store (" + engine.rawBlobStore()
                        + ") cannot presign uploads; save the file through save(...) with S3File.of(...) instead",
                        bucket, null, spec.name(), null);
            }
            if (spec.s3().sse() == io.stowage.annotations.Sse.CUSTOMER) {
                throw new S3AttributeException(Reason.INVALID_INPUT, where + " is encrypted with a customer key (SSE-C), which "
                        + "a presigned upload would hand to the client; save the file through save(...) instead",
                        bucket, null, spec.name(), null);
            }
            PutBlobRequest seed = SavePlan.directUpload(mapper, engine, model, spec, filename, contentType);
            String key = engine.keyLayout().derivedKey(seed.id().key(), ObjectKeys.token());
            ObjectKeys.checkKey(key, where);
            PutBlobRequest.Builder put = seed.toBuilder().id(BlobId.of(bucket, key, spec.s3().region()))
                    // Only the first PUT stores the object, where the store can sign that condition.
                    .createOnly(engine.blobStore().capabilities().contains(BlobCapability.CREATE_ONLY));
            if (engine.blobStore().capabilities().contains(BlobCapability.CHECKSUM_CRC32C)) {
                constraints.crc32c().ifPresent(put::checksumCrc32c);
            }
            java.time.Instant expiresAt = engine.clock().instant().plus(expiry);
            return Futures.call(() -> engine.blobStore().presignPut(put.build(), expiry))
                    .handle((presigned, failure) -> {
                        if (failure != null) {
                            throw new CompletionException(ErrorMapper.blob(failure, "presign an upload to", table, spec.name(),
                                    bucket, key));
                        }
                        return new PresignedUpload(presigned.uri(), presigned.headers(), table, spec.name(), bucket, key,
                                filename, contentType, expiresAt, constraints);
                    });
        });
    }

    static <T> CompletableFuture<Void> commit(ItemMapper<T> mapper, Engine engine, T model, PresignedUpload upload) {
        return Futures.call(() -> {
            String table = mapper.table();
            if (model == null || upload == null) {
                throw new ModelException("commitUpload(" + (model == null ? "null" : "model") + ", " + (upload == null ? "null"
                        : "upload") + ") on table '" + table + "': pass the model and the PresignedUpload presignUpload returned");
            }
            if (!upload.table().equals(table)) {
                throw new ModelException("commitUpload on table '" + table + "': the upload was presigned for table '"
                        + upload.table() + "'; use that table's Table to commit it");
            }
            AttributeSpec<T> spec = s3Attribute(mapper, upload.attribute(), "commitUpload");
            String where = "Table '" + table + "', attribute '" + spec.name() + "'";
            if (!upload.bucket().equals(spec.s3().bucket())) {
                throw new ModelException(where + ": the upload names bucket '" + upload.bucket() + "', but the attribute's "
                        + "bucket is '" + spec.s3().bucket() + "'; pass the upload presignUpload returned, unchanged");
            }
            ObjectKeys.checkKey(upload.key(), where);
            PutBlobRequest seed = SavePlan.directUpload(mapper, engine, model, spec, upload.filename(), upload.contentType());
            if (!ObjectKeys.isDerivedFrom(engine.keyLayout(), seed.id().key(), upload.key())) {
                // Only a fresh key presignUpload could have made: never the item's current object or an older one.
                throw new ModelException(where + ": '" + ObjectKeys.printable(upload.key()) + "' is not a key presignUpload "
                        + "makes for this item's file '" + ObjectKeys.printable(upload.filename()) + "'; pass the upload "
                        + "presignUpload returned, unchanged");
            }
            ObjectOwner owner = ObjectOwner.fromMetadata(seed.userMetadata()).orElseThrow();
            BlobId id = mapper.access(spec).id(upload.bucket(), upload.key());
            return Futures.call(() -> engine.blobStore().head(GetBlobRequest.of(id)))
                    .handle((info, failure) -> {
                        if (failure == null) {
                            return info;
                        }
                        if (ErrorMapper.hasCode(failure, StoreErrorCode.OBJECT_NOT_FOUND)) {
                            throw new CompletionException(new S3AttributeException(Reason.OBJECT_NOT_FOUND, where + ": nothing "
                                    + "was uploaded to s3://" + upload.bucket() + "/" + upload.key() + "; PUT the bytes to the "
                                    + "upload's URL with its headers before committing (presign a new upload if the URL "
                                    + "expired); nothing was written", upload.bucket(), upload.key(), spec.name(),
                                    Futures.unwrap(failure)));
                        }
                        throw new CompletionException(ErrorMapper.blob(failure, "check the upload at", table, spec.name(),
                                upload.bucket(), upload.key()));
                    })
                    .thenCompose(info -> check(engine, spec, where, upload, owner, info, seed))
                    .thenCompose(checksum -> {
                        BlobInfo info = checksum.info;
                        PutBlobRequest at = PutBlobRequest.builder().id(id).contentType(upload.contentType())
                                .userMetadata(info.userMetadata()).build();
                        PendingUpload<T> done = PendingUpload.ofUploaded(spec, owner, info, at, checksum.recorded, seed.id().key());
                        return new SaveOperation<>(mapper, engine, model, Map.of(spec.name(), done)).run();
                    });
        });
    }

    /** What the commit checked: the stored object and its recorded CRC32C ({@code null} when none was given). */
    private static final class Checked {
        final BlobInfo info;
        final String recorded;

        Checked(BlobInfo info, String recorded) {
            this.info = info;
            this.recorded = recorded;
        }
    }

    /**
     * The object is this item's upload (its back-link was signed into the URL), within the
     * limits, encrypted as the attribute asks where the store says so. A refused upload is
     * left where it is: no item points at it, so the sweeper reclaims it after its grace
     * period, and nothing a client sends can make a commit delete an object.
     */
    private static CompletableFuture<Checked> check(Engine engine, AttributeSpec<?> spec, String where, PresignedUpload upload,
                                                    ObjectOwner owner, BlobInfo info, PutBlobRequest seed) {
        String object = "s3://" + upload.bucket() + "/" + upload.key();
        if (!ObjectOwner.fromMetadata(info.userMetadata()).map(owner::equals).orElse(false)) {
            return CompletableFuture.failedFuture(new S3AttributeException(Reason.INVALID_INPUT, where + ": " + object + " was not "
                    + "uploaded through a URL Stowage presigned for this item (its back-link names another item or none); pass "
                    + "the model the upload was presigned for; nothing was written", upload.bucket(), upload.key(),
                    spec.name(), null));
        }
        io.stowage.spi.ServerSideEncryption.Mode asked = seed.encryption().map(io.stowage.spi.ServerSideEncryption::mode)
                .orElse(null);
        if (asked != null && info.encryption().isPresent() && info.encryption().get() != asked) {
            return refuse(new S3AttributeException(Reason.INVALID_INPUT, where + ": " + object + " is stored with "
                    + info.encryption().get() + ", not the " + asked + " the attribute asks for; nothing was written: make the "
                    + "client send every header of the upload", upload.bucket(), upload.key(), spec.name(), null));
        }
        if (upload.maxSize().isPresent() && info.size() > upload.maxSize().getAsLong()) {
            return refuse(new S3AttributeException(Reason.INVALID_INPUT, where + ": " + object + " is " + info.size()
                    + " bytes, over the upload's maxSize of " + upload.maxSize().getAsLong() + "; nothing was written (the "
                    + "sweeper reclaims the object): use a new presigned upload for a smaller file", upload.bucket(), upload.key(),
                    spec.name(), null));
        }
        if (!upload.contentType().equals(info.contentType())) {
            return refuse(new S3AttributeException(Reason.INVALID_INPUT, where + ": " + object + " was stored as '"
                    + info.contentType() + "', but the upload was presigned for '" + upload.contentType() + "'; nothing was "
                    + "written (the sweeper reclaims the object): make the client send every header of the upload, Content-Type "
                    + "included",
                    upload.bucket(), upload.key(), spec.name(), null));
        }
        if (upload.crc32c().isEmpty()) {
            return CompletableFuture.completedFuture(new Checked(info, null));
        }
        String expected = Crc32c.PREFIX + upload.crc32c().get();
        GetBlobRequest read = GetBlobRequest.builder().id(info.id()).ifMatch(info.etag()).build();
        return Futures.call(() -> engine.blobStore().getStream(read))
                .thenApplyAsync(stream -> crc32c(stream, object), IoThreads.POOL)
                .thenCompose(actual -> actual.equals(expected) ? CompletableFuture.completedFuture(new Checked(info, actual))
                        : refuse(new S3AttributeException(Reason.CHECKSUM_MISMATCH, where + ": the bytes of "
                        + object + " have CRC32C " + Crc32c.base64(actual) + ", not the " + upload.crc32c().get()
                        + " the upload was presigned for; nothing was written (the sweeper reclaims the object): put the file again "
                        + "through a new upload",
                        upload.bucket(), upload.key(), spec.name(), null)));
    }

    private static String crc32c(InputStream stream, String object) {
        try (Crc32c.Counting counting = Crc32c.counting(stream)) {
            counting.transferTo(java.io.OutputStream.nullOutputStream());
            return counting.checksum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Reading " + object + " to check its CRC32C failed", e);
        }
    }

    private static <R> CompletableFuture<R> refuse(S3AttributeException refusal) {
        return CompletableFuture.failedFuture(refusal);
    }

    private static void checkConstraints(UploadConstraints constraints, String contentType, String where) {
        String problem = S3Rules.contentTypeProblem(contentType);
        if (problem != null) {
            throw new ModelException(where + ": " + problem);
        }
        if (constraints.maxSize().isPresent() && constraints.maxSize().getAsLong() <= 0) {
            throw new ModelException(where + ": UploadConstraints.maxSize(" + constraints.maxSize().getAsLong() + ") must be "
                    + "positive; pass a positive size, or leave it unset for no limit");
        }
        if (constraints.crc32c().isPresent()) {
            String crc = constraints.crc32c().get();
            boolean valid;
            try {
                valid = crc.length() == 8 && Base64.getDecoder().decode(crc).length == 4;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            if (!valid) {
                throw new ModelException(where + ": UploadConstraints.crc32c('" + ObjectKeys.printable(crc) + "') is not a "
                        + "CRC32C in base64; pass the 8 characters of the four big-endian bytes, as x-amz-checksum-crc32c");
            }
        }
    }

    private static <T> AttributeSpec<T> s3Attribute(ItemMapper<T> mapper, String attribute, String method) {
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            if (spec.name().equals(attribute)) {
                return spec;
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        mapper.schema().s3Attributes().forEach(s -> names.add(s.name()));
        throw new ModelException(method + " on table '" + mapper.table() + "': '" + (attribute == null ? "null"
                : ObjectKeys.printable(attribute)) + "' is not an @S3Attribute of " + mapper.schema().modelType().getSimpleName()
                + "; use one of " + names);
    }
}
