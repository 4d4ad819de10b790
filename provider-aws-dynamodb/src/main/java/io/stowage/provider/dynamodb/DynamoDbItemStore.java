package io.stowage.provider.dynamodb;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.stowage.provider.dynamodb.internal.AttributeValues;
import io.stowage.provider.dynamodb.internal.ClientFactory;
import io.stowage.provider.dynamodb.internal.ErrorMapper;
import io.stowage.provider.dynamodb.internal.Expressions;
import io.stowage.provider.dynamodb.internal.NoResendAfterAmbiguity;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemSize;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.SharedResources;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbAsyncWaiter;

/**
 * An {@link ItemStore} on Amazon DynamoDB (or a DynamoDB-compatible server such as
 * dynalite), through the AWS SDK v2 {@link DynamoDbAsyncClient}.
 *
 * <p>Every attribute name in an expression is a placeholder, so reserved words
 * ({@code name}, {@code size}, ...) are safe. Items over 400 KB are refused before they are
 * sent ({@link StoreErrorCode#ITEM_TOO_LARGE}). Every failure completes the returned future
 * with a {@link StoreException} carrying a code and the table; no method throws.
 *
 * <pre>{@code
 * try (DynamoDbItemStore store = DynamoDbItemStore.create(StoreSettings.builder().region("eu-west-1").build())) {
 *     store.createTable(TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S)).join();
 *     store.put(PutItemRequest.builder().table("documents").item(item).build()).join();
 * }
 * }</pre>
 *
 * <p>Against a server that does not check signatures, declare it so that capability-driven
 * tests skip with the reason:
 * <pre>{@code
 * DynamoDbItemStore store = DynamoDbItemStore.builder()
 *         .settings(settings)
 *         .withoutCapability(ItemCapability.CREDENTIALS_CHECKED, "dynalite does not verify signatures")
 *         .build();
 * }</pre>
 */
public final class DynamoDbItemStore implements ItemStore {

    private final DynamoDbAsyncClient client;
    /** For puts and deletes; {@code null} with a handed-in client, whose writes carry the plugin instead. */
    private final DynamoDbAsyncClient writes;
    private final ClientFactory.Built owned;
    private final ScheduledExecutorService scheduler;
    private final DynamoDbAsyncWaiter waiter;
    private final ErrorMapper errors;
    private final Set<ItemCapability> capabilities;
    private final Map<ItemCapability, String> missingCapabilities;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbItemStore(Builder b) {
        StoreSettings settings = b.settings == null ? StoreSettings.defaults() : b.settings;
        if (b.client != null) {
            this.client = b.client;
            this.writes = null;
            this.owned = null;
        } else {
            this.owned = ClientFactory.build(settings, b.shared);
            this.client = owned.client();
            this.writes = owned.writes();
        }
        this.errors = new ErrorMapper(new HashSet<>(settings.secrets()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stowage-dynamodb-waiter");
            t.setDaemon(true);
            return t;
        });
        Duration timeout = b.tableReadyTimeout;
        this.waiter = DynamoDbAsyncWaiter.builder()
                .client(client)
                .scheduledExecutorService(scheduler)
                // The SDK's default polls every 20 s: far too slow for dynalite (50 ms) and
                // slower than DynamoDB needs (a few seconds) for an on-demand table.
                .overrideConfiguration(o -> o
                        .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(50), Duration.ofSeconds(5)))
                        .maxAttempts(Integer.MAX_VALUE)
                        .waitTimeout(timeout))
                .build();
        EnumSet<ItemCapability> caps = EnumSet.of(ItemCapability.CONSISTENT_READ, ItemCapability.CREDENTIALS_CHECKED);
        caps.removeAll(b.missing.keySet());
        this.capabilities = Collections.unmodifiableSet(caps);
        Map<ItemCapability, String> missing = new EnumMap<>(ItemCapability.class);
        missing.put(ItemCapability.TRANSACTIONS, "Stowage does not use DynamoDB transactions yet");
        missing.putAll(b.missing);
        this.missingCapabilities = Collections.unmodifiableMap(missing);
        this.description = "DynamoDbItemStore(region=" + client.serviceClientConfiguration().region()
                + (settings.endpoint().map(e -> ", endpoint=" + StoreSettings.redact(e)).orElse("")) + ")";
    }

    /** A store with a client built from the settings. */
    public static DynamoDbItemStore create(StoreSettings settings) {
        return builder().settings(Objects.requireNonNull(settings, "settings")).build();
    }

    /** Options beyond the settings: an existing client, capabilities the backend lacks. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<ItemCapability> capabilities() {
        return capabilities;
    }

    /** Why this store lacks a capability, for each one it lacks (tests show it when they skip). */
    public Map<ItemCapability, String> missingCapabilities() {
        return missingCapabilities;
    }

    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        String table = definition == null ? null : definition.tableName();
        return run("createTable", table, () -> {
            requireArgument(definition, "createTable needs a table definition, not null");
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (definition.sortKey().isPresent()) {
                request.attributeDefinitions(
                                attribute(definition.partitionKey(), definition.partitionKeyType()),
                                attribute(definition.sortKey().get(), definition.sortKeyType().orElseThrow()))
                        .keySchema(
                                key(definition.partitionKey(), KeyType.HASH),
                                key(definition.sortKey().get(), KeyType.RANGE));
            } else {
                request.attributeDefinitions(attribute(definition.partitionKey(), definition.partitionKeyType()))
                        .keySchema(key(definition.partitionKey(), KeyType.HASH));
            }
            return client.createTable(request.build())
                    .handle((response, failure) -> {
                        if (failure == null) {
                            return Boolean.TRUE;
                        }
                        if (ErrorMapper.unwrap(failure) instanceof ResourceInUseException) {
                            return Boolean.FALSE;
                        }
                        throw errors.map(failure, "createTable", table);
                    })
                    // An existing table may still be CREATING (made by someone else just now).
                    .thenCompose(created -> awaitActive(definition).thenApply(description -> {
                        if (!created) {
                            requireSameKeys(definition, description);
                        }
                        return created;
                    }));
        });
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        String table = request == null ? null : request.table();
        return run("put", table, () -> {
            requireArgument(request, "put needs a request, not null");
            long size = ItemSize.of(request.item());
            if (size > ItemSize.MAX_ITEM_BYTES) {
                throw new StoreException(StoreErrorCode.ITEM_TOO_LARGE, "put on table '" + table + "' refused: the item is "
                        + size + " bytes, over DynamoDB's item size limit of " + ItemSize.MAX_ITEM_BYTES + " bytes (400 KB)")
                        .withTable(table);
            }
            software.amazon.awssdk.services.dynamodb.model.PutItemRequest.Builder b =
                    software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder()
                            .tableName(table)
                            .item(AttributeValues.toSdk(request.item()))
                            .returnValues(ReturnValue.ALL_OLD);
            request.condition().ifPresent(c -> {
                Expressions x = new Expressions();
                b.conditionExpression(x.condition(c)).expressionAttributeNames(x.names()).expressionAttributeValues(x.values());
            });
            DynamoDbAsyncClient sender = writer(b);
            return sender.putItem(b.build())
                    .thenApply(r -> item(r.hasAttributes() ? r.attributes() : null));
        });
    }

    /**
     * The client for a put or a delete, which is never sent again after an attempt that may have
     * been applied (see {@link ItemStore#put} and {@link ItemStore#delete}): the store's own client for writes, or a handed-in
     * client with the rule added to {@code request}.
     */
    private DynamoDbAsyncClient writer(DynamoDbRequest.Builder request) {
        if (writes != null) {
            return writes;
        }
        request.overrideConfiguration(o -> o.addPlugin(NoResendAfterAmbiguity.PLUGIN));
        return client;
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        String table = request == null ? null : request.table();
        return run("get", table, () -> {
            requireArgument(request, "get needs a request, not null");
            return client.getItem(GetItemRequest.builder()
                            .tableName(table)
                            .key(AttributeValues.toSdk(request.key()))
                            .consistentRead(request.consistentRead())
                            .build())
                    .thenApply(r -> item(r.hasItem() ? r.item() : null));
        });
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        String table = request == null ? null : request.table();
        return run("delete", table, () -> {
            requireArgument(request, "delete needs a request, not null");
            DeleteItemRequest.Builder b = DeleteItemRequest.builder()
                    .tableName(table)
                    .key(AttributeValues.toSdk(request.key()))
                    .returnValues(ReturnValue.ALL_OLD);
            request.condition().ifPresent(c -> {
                Expressions x = new Expressions();
                b.conditionExpression(x.condition(c)).expressionAttributeNames(x.names()).expressionAttributeValues(x.values());
            });
            DynamoDbAsyncClient sender = writer(b);
            return sender.deleteItem(b.build())
                    .thenApply(r -> item(r.hasAttributes() ? r.attributes() : null));
        });
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        String table = request == null ? null : request.table();
        if (request != null && request.isScan()) {
            return run("scan", table, () -> {
                ScanRequest.Builder b = ScanRequest.builder()
                        .tableName(table)
                        .consistentRead(request.consistentRead());
                if (request.limit() > 0) {
                    b.limit(request.limit());
                }
                request.exclusiveStartKey().ifPresent(k -> b.exclusiveStartKey(AttributeValues.toSdk(k)));
                return client.scan(b.build()).thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null));
            });
        }
        return run("query", table, () -> {
            requireArgument(request, "query needs a request, not null");
            Expressions x = new Expressions();
            String keyCondition = x.keyCondition(request.partitionKeyName(), request.partitionKeyValue(),
                    request.sortKeyName().orElse(null), request.sortKeyCondition().orElse(null));
            software.amazon.awssdk.services.dynamodb.model.QueryRequest.Builder b =
                    software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                            .tableName(table)
                            .keyConditionExpression(keyCondition)
                            .expressionAttributeNames(x.names())
                            .expressionAttributeValues(x.values())
                            .scanIndexForward(request.scanIndexForward())
                            .consistentRead(request.consistentRead());
            if (request.limit() > 0) {
                b.limit(request.limit());
            }
            request.exclusiveStartKey().ifPresent(k -> b.exclusiveStartKey(AttributeValues.toSdk(k)));
            return client.query(b.build()).thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null));
        });
    }

    /** Closes the client (unless it was handed in) and the waiter. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            waiter.close();
        } finally {
            scheduler.shutdownNow();
            if (owned != null) {
                owned.close();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Runs a call so that nothing is thrown: a failure while building the request and a
     * failed response alike complete the returned future with a {@link StoreException}.
     */
    /** A null argument is the caller's mistake: INVALID_INPUT, never a NullPointerException. */
    private static void requireArgument(Object argument, String message) {
        if (argument == null) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "DynamoDB item store: " + message);
        }
    }

    private <T> CompletableFuture<T> run(String operation, String table, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed.get()) {
            result.completeExceptionally(new StoreException(StoreErrorCode.OTHER,
                    operation + " on table '" + table + "' refused: the store is closed").withTable(table));
            return result;
        }
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (Throwable t) {
            result.completeExceptionally(errors.map(t, operation, table));
            return result;
        }
        started.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(errors.map(failure, operation, table));
            }
        });
        return result;
    }

    private CompletableFuture<TableDescription> awaitActive(TableDefinition definition) {
        String table = definition.tableName();
        return waiter.waitUntilTableExists(r -> r.tableName(table))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = ErrorMapper.unwrap(failure);
                        if (cause instanceof SdkClientException && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("waiter")) {
                            throw new StoreException(StoreErrorCode.TIMEOUT, "createTable on table '" + table
                                    + "' failed: the table did not become ACTIVE in time (" + cause.getMessage() + ")", cause)
                                    .withTable(table);
                        }
                        throw errors.map(failure, "createTable", table);
                    }
                    Optional<Throwable> refused = response.matched().exception();
                    if (refused.isPresent()) {
                        throw errors.map(refused.get(), "createTable", table);
                    }
                    return response.matched().response().map(DescribeTableResponse::table).orElse(null);
                });
    }

    /** A table that already exists with other keys would fail every later call; say so now. */
    private static void requireSameKeys(TableDefinition wanted, TableDescription existing) {
        if (existing == null || !existing.hasKeySchema()) {
            return;
        }
        Map<String, String> types = existing.hasAttributeDefinitions()
                ? existing.attributeDefinitions().stream().collect(Collectors.toMap(
                        AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString, (a, b) -> a))
                : Map.of();
        String found = describeKeys(existing.keySchema(), types);
        StringBuilder expected = new StringBuilder(wanted.partitionKey() + ":" + wanted.partitionKeyType() + " HASH");
        wanted.sortKey().ifPresent(sk -> expected.append(", ").append(sk).append(':')
                .append(wanted.sortKeyType().orElseThrow()).append(" RANGE"));
        if (!found.equals(expected.toString())) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "createTable on table '" + wanted.tableName()
                    + "' failed: the table exists with key schema [" + found + "], not [" + expected + "]")
                    .withTable(wanted.tableName());
        }
    }

    private static String describeKeys(List<KeySchemaElement> keys, Map<String, String> types) {
        return keys.stream()
                .sorted((a, b) -> a.keyType() == KeyType.HASH ? -1 : b.keyType() == KeyType.HASH ? 1 : 0)
                .map(k -> k.attributeName() + ":" + types.getOrDefault(k.attributeName(), "?") + " " + k.keyTypeAsString())
                .collect(Collectors.joining(", "));
    }

    private static AttributeDefinition attribute(String name, io.stowage.spi.KeyType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(scalar(type)).build();
    }

    private static ScalarAttributeType scalar(io.stowage.spi.KeyType type) {
        switch (type) {
            case S:
                return ScalarAttributeType.S;
            case N:
                return ScalarAttributeType.N;
            case B:
                return ScalarAttributeType.B;
            default:
                throw new IllegalArgumentException("Unknown key type " + type);
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Optional<Map<String, AttributeValue>> item(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdkItem) {
        if (sdkItem == null || sdkItem.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AttributeValues.fromSdk(sdkItem));
    }

    private static ItemPage page(List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items,
                                 Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> lastKey) {
        List<Map<String, AttributeValue>> converted = items.stream()
                .map(AttributeValues::fromSdk)
                .collect(Collectors.toList());
        return ItemPage.of(converted, lastKey == null ? null : AttributeValues.fromSdk(lastKey));
    }

    /**
     * Builder of {@link DynamoDbItemStore}.
     *
     * <pre>{@code
     * DynamoDbItemStore store = DynamoDbItemStore.builder()
     *         .settings(settings)
     *         .tableReadyTimeout(Duration.ofMinutes(2))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private StoreSettings settings;
        private SharedResources shared;
        private DynamoDbAsyncClient client;
        private Duration tableReadyTimeout = Duration.ofMinutes(5);
        private final Map<ItemCapability, String> missing = new EnumMap<>(ItemCapability.class);

        private Builder() {
        }

        /**
         * Where the client's event loops come from when they are shared with other stores
         * (the S3 store of the same {@code Stowage}); by default the store has its own.
         */
        public Builder sharedResources(SharedResources shared) {
            this.shared = shared;
            return this;
        }

        /** The settings the client is built from (default: {@link StoreSettings#defaults()}). */
        public Builder settings(StoreSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * A client to use instead of building one from the settings; the store does not close
         * it. The settings then serve only to keep their secrets out of error messages.
         */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = client;
            return this;
        }

        /** How long {@code createTable} waits for the table to become ACTIVE (default 5 minutes). */
        public Builder tableReadyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("tableReadyTimeout must be positive, was " + timeout);
            }
            this.tableReadyTimeout = timeout;
            return this;
        }

        /**
         * Declares that the backend lacks a capability this store would otherwise claim, and
         * why (for example dynalite, which does not verify signatures).
         */
        public Builder withoutCapability(ItemCapability capability, String reason) {
            Objects.requireNonNull(capability, "capability");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a reason is required for lacking " + capability);
            }
            missing.put(capability, reason);
            return this;
        }

        /** Builds the store. */
        public DynamoDbItemStore build() {
            return new DynamoDbItemStore(this);
        }
    }
}
