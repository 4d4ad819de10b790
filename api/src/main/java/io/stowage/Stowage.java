package io.stowage;

import io.stowage.internal.DefaultTable;
import io.stowage.internal.Engine;
import io.stowage.internal.ErrorMapper;
import io.stowage.internal.Futures;
import io.stowage.internal.ProviderSelector;
import io.stowage.internal.Telemetry;
import io.stowage.s3support.S3Rules;
import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
import io.stowage.spi.SharedResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: a blob store and an item store, and the tables of your models over
 * them. Thread-safe; close it to release the stores it created.
 *
 * <pre>{@code
 * try (Stowage stowage = Stowage.create()) {                  // ServiceLoader + environment
 *     Table<Document> documents = stowage.table(Document.class);
 *     documents.syncSave(doc);
 * }
 *
 * Stowage custom = Stowage.builder()
 *         .blobStoreProvider("s3")
 *         .itemStoreProvider("dynamodb")
 *         .config(StowageConfig.builder().settings(s -> s.region("eu-west-1")).build())
 *         .build();
 * }</pre>
 */
public final class Stowage implements AutoCloseable {

    private static final String BLOB_ARTIFACTS = "io.stowage:stowage-provider-aws-s3, io.stowage:stowage-provider-minio "
            + "or io.stowage:stowage-provider-inmemory";
    private static final String ITEM_ARTIFACTS = "io.stowage:stowage-provider-aws-dynamodb or io.stowage:stowage-provider-inmemory";

    /** How long {@link #close()} waits for deletions still running after their saves. */
    public static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

    private final Engine engine;
    private final StowageConfig config;
    private final List<AutoCloseable> owned;
    private final Map<Class<?>, Table<?>> tables = new ConcurrentHashMap<>();

    private Stowage(Engine engine, StowageConfig config, List<AutoCloseable> owned) {
        this.engine = engine;
        this.config = config;
        this.owned = owned;
    }

    /** Providers from {@link java.util.ServiceLoader}, settings from {@link StowageConfig#fromEnvironment()}. */
    public static Stowage create() {
        return builder().config(StowageConfig.fromEnvironment()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table of an annotated model class (its schema is read once and cached). */
    @SuppressWarnings("unchecked")
    public <T> Table<T> table(Class<T> modelType) {
        if (modelType == null) {
            throw new ModelException("stowage.table(null): pass a model class annotated with @ModelConfig");
        }
        engine.ensureOpen("take the table of " + modelType.getSimpleName());
        return (Table<T>) tables.computeIfAbsent(modelType, k -> new DefaultTable<>(ModelSchema.of(modelType), engine));
    }

    /**
     * The table of a schema built with {@link ModelSchema#builder}. A new, light handle on
     * each call and never cached: schemas are compared by identity, and one derived per call
     * ({@code schema.withTable("docs-" + tenant)}) would otherwise stay in memory for good.
     */
    public <T> Table<T> table(ModelSchema<T> schema) {
        if (schema == null) {
            throw new ModelException("stowage.table((ModelSchema) null): pass a schema built with ModelSchema.builder");
        }
        engine.ensureOpen("take the table '" + schema.tableName() + "'");
        return new DefaultTable<>(schema, engine);
    }

    /** Creates the bucket if it does not exist (for development and tests); true if created. */
    public CompletableFuture<Boolean> createBucketIfMissing(String bucket) {
        return createBucketIfMissing(bucket, null);
    }

    /** Creates the bucket in a region if it does not exist; true if created. */
    public CompletableFuture<Boolean> createBucketIfMissing(String bucket, String region) {
        return Futures.call(() -> {
            engine.ensureOpen("create the bucket '" + bucket + "'");
            String problem = S3Rules.bucketNameProblem(bucket);
            if (problem != null) {
                throw new S3AttributeException(S3AttributeException.Reason.INVALID_INPUT,
                        "createBucketIfMissing: " + problem, bucket, null, null, null);
            }
            return engine.blobStore().bucketExists(bucket, region).thenCompose(exists -> exists
                    ? CompletableFuture.completedFuture(false)
                    : engine.blobStore().createBucket(bucket, region).thenApply(v -> true));
        }).handle((created, failure) -> {
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(
                        ErrorMapper.blob(failure, "create the bucket", null, null, bucket, ""));
            }
            return created;
        });
    }

    /** Blocking {@link #createBucketIfMissing(String)}. */
    public boolean syncCreateBucketIfMissing(String bucket) {
        return Futures.join(createBucketIfMissing(bucket));
    }

    /** Blocking {@link #createBucketIfMissing(String, String)}. */
    public boolean syncCreateBucketIfMissing(String bucket, String region) {
        return Futures.join(createBucketIfMissing(bucket, region));
    }

    /** The blob store in use (for tools and tests). */
    public BlobStore blobStore() {
        return engine.rawBlobStore();
    }

    /** The item store in use (for tools and tests). */
    public ItemStore itemStore() {
        return engine.rawItemStore();
    }

    /**
     * What this instance did so far, per store call and per operation: calls, failures,
     * bytes and time.
     *
     * <pre>{@code
     * System.out.println(stowage.stats().counter("op.save"));
     * }</pre>
     */
    public StowageStats stats() {
        return engine.telemetry().snapshot();
    }

    public StowageConfig config() {
        return config;
    }

    /**
     * Closes the stores this instance created; stores passed in as instances stay open. With
     * {@code cleanupInBackground}, deletions of replaced objects still running are waited for
     * first, up to {@link #CLOSE_WAIT} (any left then are the sweeper's).
     */
    @Override
    public void close() {
        engine.close(CLOSE_WAIT);
        StowageException failure = null;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new StowageException("Closing a store failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Stowage(blobStore=" + engine.rawBlobStore().getClass().getSimpleName() + ", itemStore="
                + engine.rawItemStore().getClass().getSimpleName() + ")";
    }

    /**
     * Builder of {@link Stowage}: providers by name, by instance, or stores by instance.
     * A store given as an instance wins over any provider, so tests can swap in fakes while
     * the rest of the configuration stays; Stowage leaves such stores open for their owner.
     *
     * <pre>{@code
     * try (InMemoryBlobStore blobs = InMemoryBlobStore.create();
     *      InMemoryItemStore items = InMemoryItemStore.create();
     *      Stowage stowage = Stowage.builder().blobStore(blobs).itemStore(items).build()) {
     *     stowage.syncCreateBucketIfMissing("company-docs");
     * }
     * }</pre>
     */
    public static final class Builder {
        private StowageConfig config;
        private String blobStoreName;
        private String itemStoreName;
        private BlobStoreProvider blobStoreProvider;
        private ItemStoreProvider itemStoreProvider;
        private BlobStore blobStore;
        private ItemStore itemStore;
        private ClassLoader classLoader;

        private Builder() {
        }

        public Builder config(StowageConfig config) {
            if (config == null) {
                throw new StowageException("Stowage.builder().config(null): pass StowageConfig.defaults() or StowageConfig.fromEnvironment()");
            }
            this.config = config;
            return this;
        }

        /** Selects the blob-store provider by name among those ServiceLoader finds. */
        public Builder blobStoreProvider(String name) {
            this.blobStoreName = name;
            return this;
        }

        /** Selects the item-store provider by name among those ServiceLoader finds. */
        public Builder itemStoreProvider(String name) {
            this.itemStoreName = name;
            return this;
        }

        public Builder blobStoreProvider(BlobStoreProvider provider) {
            this.blobStoreProvider = provider;
            return this;
        }

        public Builder itemStoreProvider(ItemStoreProvider provider) {
            this.itemStoreProvider = provider;
            return this;
        }

        /** Uses this blob store as it is (Stowage will not close it). */
        public Builder blobStore(BlobStore store) {
            this.blobStore = store;
            return this;
        }

        /** Uses this item store as it is (Stowage will not close it). */
        public Builder itemStore(ItemStore store) {
            this.itemStore = store;
            return this;
        }

        /** The class loader ServiceLoader searches (default: the thread's context loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        public Stowage build() {
            StowageConfig cfg = config != null ? config : StowageConfig.defaults();
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            List<AutoCloseable> owned = new ArrayList<>();
            BlobStore blobs = blobStore;
            ItemStore items = itemStore;
            // The two stores opened here may share resources (the AWS providers share their event loops).
            SharedResources shared = SharedResources.create();
            try {
                if (blobs == null) {
                    BlobStoreProvider p = blobStoreProvider != null ? blobStoreProvider
                            : ProviderSelector.select(BlobStoreProvider.class, BlobStoreProvider::name,
                            blobStoreName != null ? blobStoreName : cfg.blobStoreProvider().orElse(null),
                            "blob store", "stowage.blobstore", BLOB_ARTIFACTS, loader);
                    blobs = create(() -> p.create(cfg.blobStoreSettings(), shared), "blob store '" + p.name() + "'");
                    owned.add(blobs);
                }
                if (items == null) {
                    ItemStoreProvider p = itemStoreProvider != null ? itemStoreProvider
                            : ProviderSelector.select(ItemStoreProvider.class, ItemStoreProvider::name,
                            itemStoreName != null ? itemStoreName : cfg.itemStoreProvider().orElse(null),
                            "item store", "stowage.itemstore", ITEM_ARTIFACTS, loader);
                    items = create(() -> p.create(cfg.itemStoreSettings(), shared), "item store '" + p.name() + "'");
                    owned.add(items);
                }
            } catch (RuntimeException e) {
                for (AutoCloseable c : owned) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
            Engine engine = new Engine(blobs, items, cfg.keyLayout(), cfg.orphanListener(), cfg.consistentReads(), cfg.clock(),
                    new Telemetry(cfg.listeners()), cfg.sseCustomerKey().orElse(null), cfg.cleanupInBackground());
            return new Stowage(engine, cfg, owned);
        }

        private static <S> S create(java.util.function.Supplier<S> factory, String what) {
            try {
                return factory.get();
            } catch (StowageException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StowageException("Could not create the " + what + ": " + e.getMessage(), e);
            }
        }
    }
}
