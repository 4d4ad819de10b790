package io.stowage.tck.decorators;

import java.util.Objects;

/**
 * One call a {@link FaultyBlobStore} or {@link FaultyItemStore} received: its kind, its
 * ordinal among the calls of that kind (from 1), what it was about ({@code bucket/key} or
 * the table) and what the decorator did with it.
 *
 * <pre>{@code
 * assertThat(faulty.calls()).extracting(RecordedCall::op)
 *         .containsExactly(BlobOp.PUT, BlobOp.PUT, BlobOp.DELETE);
 * }</pre>
 *
 * @param <O> {@link BlobOp} or {@link ItemOp}
 * @param op the kind of call
 * @param ordinal 1 for the first call of this kind, 2 for the second, ...
 * @param target {@code bucket/key}, {@code bucket/prefix*} or the table name
 * @param outcome forwarded, failed or hung
 */
public record RecordedCall<O extends Enum<O>>(O op, long ordinal, String target, Outcome outcome) {

    /**
     * What the decorator did with a call, so that a test can tell the calls the wrapped
     * store really served from those the decorator answered itself.
     *
     * <pre>{@code
     * long served = faulty.calls().stream()
     *         .filter(c -> c.outcome() == RecordedCall.Outcome.FORWARDED)
     *         .count();
     * }</pre>
     */
    public enum Outcome {
        /** Passed to the wrapped store. */
        FORWARDED,
        /** Failed by an injected fault; the wrapped store never saw it. */
        FAILED,
        /** Given a future that does not complete until the decorator is closed. */
        HUNG
    }

    public RecordedCall {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(outcome, "outcome");
    }
}
