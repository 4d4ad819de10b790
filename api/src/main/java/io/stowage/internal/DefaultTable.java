package io.stowage.internal;

import io.stowage.ModelSchema;
import io.stowage.OperationEvent;
import io.stowage.PresignedUpload;
import io.stowage.Query;
import io.stowage.SweepOptions;
import io.stowage.SweepReport;
import io.stowage.Table;
import io.stowage.UploadConstraints;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import java.time.Duration;
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

    private final ModelSchema<T> schema;
    private final ItemMapper<T> mapper;
    private final Engine engine;

    public DefaultTable(ModelSchema<T> schema, Engine engine) {
        this.schema = schema;
        this.mapper = new ItemMapper<>(DefaultModelSchema.specsOf(schema), engine.blobStore(), engine.customerKey());
        this.engine = engine;
    }

    @Override
    public ModelSchema<T> schema() {
        return schema;
    }

    @Override
    public CompletableFuture<Boolean> createTableIfMissing() {
        return Futures.call(() -> {
            engine.ensureOpen("create the table '" + name() + "'");
            return engine.itemStore().createTable(mapper.tableDefinition());
        })
                .exceptionally(t -> {
                    throw new java.util.concurrent.CompletionException(ErrorMapper.item(t, "create the table", name()));
                });
    }

    @Override
    public CompletableFuture<Void> save(T model) {
        return engine.run(OperationEvent.Kind.SAVE, name(), op -> {
            op.ensureOpen("save into table '" + name() + "'");
            return new SaveOperation<>(mapper, op, model).run();
        });
    }

    @Override
    public CompletableFuture<Optional<T>> get(Object partitionKey) {
        return engine.run(OperationEvent.Kind.GET, name(), op -> read(op, mapper.key(partitionKey, null, false)));
    }

    @Override
    public CompletableFuture<Optional<T>> get(Object partitionKey, Object sortKey) {
        return engine.run(OperationEvent.Kind.GET, name(), op -> read(op, mapper.key(partitionKey, sortKey, true)));
    }

    private CompletableFuture<Optional<T>> read(Engine op, Map<String, AttributeValue> key) {
        op.ensureOpen("read from table '" + name() + "'");
        ItemKeyRequest request = ItemKeyRequest.builder().table(name()).key(key).consistentRead(op.consistentReads()).build();
        return Futures.call(() -> op.itemStore().get(request))
                .handle((item, failure) -> {
                    if (failure != null) {
                        throw new java.util.concurrent.CompletionException(ErrorMapper.item(failure, "read the item " + key, name()));
                    }
                    return item.map(mapper::fromItem);
                });
    }

    @Override
    public CompletableFuture<Optional<T>> delete(T model) {
        return engine.run(OperationEvent.Kind.DELETE, name(), op -> {
            op.ensureOpen("delete from table '" + name() + "'");
            if (model == null) {
                throw new io.stowage.ModelException("delete(null) on table '" + name() + "': pass the model to delete");
            }
            Object pk = mapper.schema().partitionKey().get(model);
            Optional<Object> sk = mapper.schema().sortKey().map(s -> s.get(model));
            Map<String, AttributeValue> key = sk.isPresent() && sk.get() != null
                    ? mapper.key(pk, sk.get(), true) : mapper.key(pk, null, false);
            return DeleteOperation.run(mapper, op, key, versionCondition(model));
        });
    }

    /**
     * A versioned model is deleted only if the stored item still has the version it was loaded
     * with; one never saved (version null or 0) deletes nothing that exists.
     */
    private ItemCondition versionCondition(T model) {
        return mapper.schema().version().map(spec -> {
            Object version = spec.get(model);
            long v = version == null ? 0 : ((Number) version).longValue();
            return v == 0 ? ItemCondition.attributeNotExists(mapper.schema().partitionKey().name())
                    : ItemCondition.equalTo(spec.name(), AttributeValue.fromN(Long.toString(v)));
        }).orElse(null);
    }

    @Override
    public CompletableFuture<Optional<T>> deleteByKey(Object partitionKey) {
        return engine.run(OperationEvent.Kind.DELETE, name(), op -> {
            op.ensureOpen("delete from table '" + name() + "'");
            return DeleteOperation.run(mapper, op, mapper.key(partitionKey, null, false), null);
        });
    }

    @Override
    public CompletableFuture<Optional<T>> deleteByKey(Object partitionKey, Object sortKey) {
        return engine.run(OperationEvent.Kind.DELETE, name(), op -> {
            op.ensureOpen("delete from table '" + name() + "'");
            return DeleteOperation.run(mapper, op, mapper.key(partitionKey, sortKey, true), null);
        });
    }

    @Override
    public Query<T> query(Object partitionKey) {
        return DefaultQuery.of(mapper, engine, partitionKey);
    }

    @Override
    public CompletableFuture<SweepReport> sweepOrphans(SweepOptions options) {
        return engine.run(OperationEvent.Kind.SWEEP, name(), op -> {
            op.ensureOpen("sweep table '" + name() + "'");
            return SweepOperation.run(mapper, op, options);
        });
    }

    @Override
    public CompletableFuture<PresignedUpload> presignUpload(T model, String attribute, String filename, Duration expiry,
                                                            UploadConstraints constraints) {
        return engine.run(OperationEvent.Kind.PRESIGN_UPLOAD, name(), op -> {
            op.ensureOpen("presign an upload into table '" + name() + "'");
            return DirectUploads.presign(mapper, op, model, attribute, filename, expiry, constraints);
        });
    }

    @Override
    public CompletableFuture<Void> commitUpload(T model, PresignedUpload upload) {
        return engine.run(OperationEvent.Kind.COMMIT_UPLOAD, name(), op -> {
            op.ensureOpen("commit an upload into table '" + name() + "'");
            return DirectUploads.commit(mapper, op, model, upload);
        });
    }

    @Override
    public String toString() {
        return "Table(" + name() + ", " + mapper.schema().modelType().getSimpleName() + ")";
    }
}
