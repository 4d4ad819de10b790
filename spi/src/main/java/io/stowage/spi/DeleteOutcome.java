package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one request of a {@link BlobStore#deleteAll batch delete}: deleted (or
 * already missing, as a single delete), or the failure a single delete of it would have
 * completed with, such as {@link StoreErrorCode#PRECONDITION_FAILED} for an object whose
 * etag no longer matched.
 *
 * <pre>{@code
 * for (DeleteOutcome outcome : store.deleteAll(requests).join()) {
 *     outcome.failure().ifPresent(e -> log.warn("kept {}: {}", outcome.request().id(), e.getMessage()));
 * }
 * }</pre>
 */
public final class DeleteOutcome {

    private final DeleteBlobRequest request;
    private final StoreException failure;

    private DeleteOutcome(DeleteBlobRequest request, StoreException failure) {
        this.request = Objects.requireNonNull(request, "request");
        this.failure = failure;
    }

    /** The request's object is gone. */
    public static DeleteOutcome deleted(DeleteBlobRequest request) {
        return new DeleteOutcome(request, null);
    }

    /** The request failed with {@code failure}; its object was not deleted by it. */
    public static DeleteOutcome failed(DeleteBlobRequest request, StoreException failure) {
        return new DeleteOutcome(request, Objects.requireNonNull(failure, "failure"));
    }

    /** The request this is the outcome of, as it was given. */
    public DeleteBlobRequest request() {
        return request;
    }

    /** Empty when the object is gone. */
    public Optional<StoreException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "DeleteOutcome(" + request.id() + (failure == null ? ", deleted" : ", " + failure.code()) + ")";
    }
}
