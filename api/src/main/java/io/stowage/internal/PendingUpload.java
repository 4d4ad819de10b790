package io.stowage.internal;

import io.stowage.S3File;
import io.stowage.spi.PutBlobRequest;

/** A file of a save that still has to be uploaded, with its validated destination. */
final class PendingUpload<T> {

    final AttributeSpec<T> spec;
    final S3File file;
    final PutBlobRequest request;

    PendingUpload(AttributeSpec<T> spec, S3File file, PutBlobRequest request) {
        this.spec = spec;
        this.file = file;
        this.request = request;
    }

    ObjectRef ref() {
        return new ObjectRef(request.id().bucket(), request.id().key(), null);
    }
}
