package io.stowage.spring;

import io.stowage.ModelAttribute;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.spi.StoreException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code stowage} health: UP when every table of the application's {@code Table<T>} beans
 * answers a one-item read and every bucket their file attributes use exists; DOWN naming
 * each one that does not, with the store's error code (never a secret: Stowage's messages
 * carry none). Each check gives up after {@value #TIMEOUT_SECONDS} seconds.
 *
 * <pre>{@code
 * GET /actuator/health/stowage
 * {"status":"UP","details":{"table documents":"reachable","bucket company-docs":"exists"}}
 * }</pre>
 */
public final class StowageHealthIndicator implements HealthIndicator {

    static final long TIMEOUT_SECONDS = 10;

    private final Stowage stowage;
    private final ObjectProvider<Table<?>> tables;

    /** Checks the tables {@code tables} provides when asked, over {@code stowage}'s stores. */
    public StowageHealthIndicator(Stowage stowage, ObjectProvider<Table<?>> tables) {
        this.stowage = stowage;
        this.tables = tables;
    }

    @Override
    public Health health() {
        Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
        tables.orderedStream().forEach(table -> {
            String name = table.schema().tableName();
            checks.computeIfAbsent("table " + name, k -> stowage.itemStore().scan(name, null, 1).thenApply(page -> "reachable"));
            for (ModelAttribute attribute : table.schema().s3Attributes()) {
                attribute.bucket().ifPresent(bucket -> checks.computeIfAbsent("bucket " + bucket, k ->
                        stowage.blobStore().bucketExists(bucket, attribute.region().orElse(null))
                                .thenApply(exists -> exists ? "exists" : "missing")));
            }
        });
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, CompletableFuture<String>> check : checks.entrySet()) {
            String result = outcome(check.getValue());
            details.put(check.getKey(), result);
            up &= result.equals("reachable") || result.equals("exists");
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static String outcome(CompletableFuture<String> check) {
        try {
            return check.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof StoreException) {
                return ((StoreException) cause).code().name() + ": " + cause.getMessage();
            }
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return "TIMEOUT: no answer within " + Duration.ofSeconds(TIMEOUT_SECONDS).toSeconds() + " s";
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    @Override
    public String toString() {
        return "StowageHealthIndicator(" + stowage + ")";
    }
}
