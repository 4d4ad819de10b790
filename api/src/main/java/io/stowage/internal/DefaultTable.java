package io.stowage.internal;

import io.stowage.ModelSchema;
import io.stowage.Query;
import io.stowage.Table;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Table} of one schema over one engine. Internal, not API: public only
 * because {@code Stowage.table} in {@code io.stowage} creates it.
 *
 * <pre>{@code
 * Table<Document> documents = new DefaultTable<>(ModelSchema.of(Document.class), engine);
 * }</pre>
 */
public final class DefaultTable<T> implements Table<T> {

    private final ItemMapper<T> mapper;
    private final Engine engine;

    public DefaultTable(ModelSchema<T> schema, Engine engine) {
        this.mapper = new ItemMapper<>(schema, engine.blobStore());
        this.engine = engine;
    }

    @Override
    public ModelSchema<T> schema() {
        return mapper.schema();
    }

    @Override
    public CompletableFuture<Boolean> createTableIfMissing() {
        return Futures.call(() -> engine.itemStore().createTable(mapper.tableDefinition()))
                .exceptionally(t -> {
                    throw new java.util.concurrent.CompletionException(ErrorMapper.item(t, "create the table", name()));
                });
    }

    @Override
    public CompletableFuture<Void> save(T model) {
        return new SaveOperation<>(mapper, engine, model).run();
    }

    @Override
    public CompletableFuture<Optional<T>> get(Object partitionKey) {
        return Futures.call(() -> read(mapper.key(partitionKey, null, false)));
    }

    @Override
    public CompletableFuture<Optional<T>> get(Object partitionKey, Object sortKey) {
        return Futures.call(() -> read(mapper.key(partitionKey, sortKey, true)));
    }

    private CompletableFuture<Optional<T>> read(Map<String, AttributeValue> key) {
        ItemKeyRequest request = ItemKeyRequest.builder().table(name()).key(key).consistentRead(engine.consistentReads()).build();
        return Futures.call(() -> engine.itemStore().get(request))
                .handle((item, failure) -> {
                    if (failure != null) {
                        throw new java.util.concurrent.CompletionException(ErrorMapper.item(failure, "read the item " + key, name()));
                    }
                    return item.map(mapper::fromItem);
                });
    }

    @Override
    public CompletableFuture<Optional<T>> delete(T model) {
        return Futures.call(() -> {
            if (model == null) {
                throw new io.stowage.ModelException("delete(null) on table '" + name() + "': pass the model to delete");
            }
            Object pk = mapper.schema().partitionKey().get(model);
            Optional<Object> sk = mapper.schema().sortKey().map(s -> s.get(model));
            Map<String, AttributeValue> key = sk.isPresent() && sk.get() != null
                    ? mapper.key(pk, sk.get(), true) : mapper.key(pk, null, false);
            return DeleteOperation.run(mapper, engine, key);
        });
    }

    @Override
    public CompletableFuture<Optional<T>> deleteByKey(Object partitionKey) {
        return Futures.call(() -> DeleteOperation.run(mapper, engine, mapper.key(partitionKey, null, false)));
    }

    @Override
    public CompletableFuture<Optional<T>> deleteByKey(Object partitionKey, Object sortKey) {
        return Futures.call(() -> DeleteOperation.run(mapper, engine, mapper.key(partitionKey, sortKey, true)));
    }

    @Override
    public Query<T> query(Object partitionKey) {
        return DefaultQuery.of(mapper, engine, partitionKey);
    }

    @Override
    public boolean syncCreateTableIfMissing() {
        return Futures.join(createTableIfMissing());
    }

    @Override
    public void syncSave(T model) {
        Futures.join(save(model));
    }

    @Override
    public Optional<T> syncGet(Object partitionKey) {
        return Futures.join(get(partitionKey));
    }

    @Override
    public Optional<T> syncGet(Object partitionKey, Object sortKey) {
        return Futures.join(get(partitionKey, sortKey));
    }

    @Override
    public Optional<T> syncDelete(T model) {
        return Futures.join(delete(model));
    }

    @Override
    public Optional<T> syncDeleteByKey(Object partitionKey) {
        return Futures.join(deleteByKey(partitionKey));
    }

    @Override
    public Optional<T> syncDeleteByKey(Object partitionKey, Object sortKey) {
        return Futures.join(deleteByKey(partitionKey, sortKey));
    }

    @Override
    public String toString() {
        return "Table(" + name() + ", " + mapper.schema().modelType().getSimpleName() + ")";
    }
}
