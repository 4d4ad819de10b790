package io.stowage.tck.decorators;

import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fault rules and the call log shared by the fault-injecting decorators.
 *
 * <pre>{@code
 * FaultPlan.Builder<BlobOp> rules = new FaultPlan.Builder<>(BlobOp.class);
 * rules.fail(BlobOp.PUT, 2, StoreErrorCode.TIMEOUT);   // the second upload fails
 * FaultPlan<BlobOp> plan = rules.build();
 * }</pre>
 */
final class FaultPlan<O extends Enum<O>> {

    private enum Action { FAIL, HANG }

    /** {@code nth == 0} means every call. Exactly one of {@code code} and {@code error} is set for FAIL. */
    private record Rule<O>(O op, long nth, Action action, StoreErrorCode code, Throwable error) {
        boolean matches(O called, long ordinal) {
            return op == called && (nth == 0 || nth == ordinal);
        }
    }

    private final List<Rule<O>> rules;
    private final OpCounter<O> counter;
    private final List<RecordedCall<O>> calls = new CopyOnWriteArrayList<>();
    private final Set<CompletableFuture<?>> hanging = ConcurrentHashMap.newKeySet();

    private FaultPlan(Class<O> type, List<Rule<O>> rules) {
        this.rules = List.copyOf(rules);
        this.counter = new OpCounter<>(type);
    }

    /**
     * Applies the first rule that matches this call, or forwards it.
     *
     * @param enrich adds the bucket/key or table to an injected {@link StoreException}
     */
    <T> CompletableFuture<T> call(O op, String target, Function<StoreException, StoreException> enrich,
                                  Supplier<CompletableFuture<T>> forward) {
        long ordinal = counter.increment(op);
        Rule<O> rule = rules.stream().filter(r -> r.matches(op, ordinal)).findFirst().orElse(null);
        if (rule == null) {
            calls.add(new RecordedCall<>(op, ordinal, target, RecordedCall.Outcome.FORWARDED));
            return forward.get();
        }
        if (rule.action() == Action.HANG) {
            calls.add(new RecordedCall<>(op, ordinal, target, RecordedCall.Outcome.HUNG));
            CompletableFuture<T> never = new CompletableFuture<>();
            hanging.add(never);
            return never;
        }
        calls.add(new RecordedCall<>(op, ordinal, target, RecordedCall.Outcome.FAILED));
        Throwable error = rule.error() != null ? rule.error()
                : enrich.apply(new StoreException(rule.code(),
                        "Injected fault on call #" + ordinal + " of " + op + " (" + target + ")"));
        return CompletableFuture.failedFuture(error);
    }

    List<RecordedCall<O>> calls() {
        return List.copyOf(calls);
    }

    long count(O op) {
        return counter.count(op);
    }

    int hangingCount() {
        return (int) hanging.stream().filter(f -> !f.isDone()).count();
    }

    /** Releases hung callers, so that a test that forgot its own timeout does not block forever. */
    void releaseHanging() {
        for (CompletableFuture<?> f : hanging) {
            f.completeExceptionally(new StoreException(StoreErrorCode.OTHER, "Store closed while the call hung"));
        }
        hanging.clear();
    }

    /** Collects rules in the order they are given; the first matching rule wins. */
    static final class Builder<O extends Enum<O>> {
        private final Class<O> type;
        private final List<Rule<O>> rules = new ArrayList<>();

        Builder(Class<O> type) {
            this.type = type;
        }

        void fail(O op, long nth, StoreErrorCode code) {
            rules.add(new Rule<>(checkOp(op), checkNth(nth), Action.FAIL, Objects.requireNonNull(code, "code"), null));
        }

        void fail(O op, long nth, Throwable error) {
            rules.add(new Rule<>(checkOp(op), checkNth(nth), Action.FAIL, null, Objects.requireNonNull(error, "error")));
        }

        void hang(O op, long nth) {
            rules.add(new Rule<>(checkOp(op), checkNth(nth), Action.HANG, null, null));
        }

        private O checkOp(O op) {
            return Objects.requireNonNull(op, "op");
        }

        private static long checkNth(long nth) {
            if (nth < 0) {
                throw new IllegalArgumentException("n must be >= 1 (the first call is 1), was " + nth);
            }
            return nth;
        }

        FaultPlan<O> build() {
            return new FaultPlan<>(type, rules);
        }
    }
}
