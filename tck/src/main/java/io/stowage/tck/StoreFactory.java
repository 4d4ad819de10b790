package io.stowage.tck;

import io.stowage.spi.StoreSettings;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the kit makes stores of the provider under test: a function from
 * {@link StoreSettings} to a store, and the settings that reach the backend the tests run
 * against (endpoint, region, credentials). The kit calls it with those settings for the
 * store under test, and with settings derived from them for the checks that need another
 * store: wrong credentials, an endpoint that never answers, a proxy, a throttling server,
 * a store to close. So a provider writes its factory once and every kit uses it.
 *
 * <pre>{@code
 * StoreFactory<BlobStore> stores = StoreFactory.of(MyBlobStore::create)
 *         .connectionSettings(StoreSettings.builder().endpoint(server.uri()).region("us-east-1")
 *                 .credentials(Credentials.basic("key", "secret")).build())
 *         .threadNamePrefixes("my-store-")
 *         .build();
 * }</pre>
 *
 * @param <S> the kind of store
 */
public final class StoreFactory<S extends AutoCloseable> {

    private final Function<StoreSettings, S> create;
    private final StoreSettings connectionSettings;
    private final boolean networked;
    private final List<String> threadNamePrefixes;

    private StoreFactory(Builder<S> b) {
        this.create = b.create;
        this.connectionSettings = b.connectionSettings;
        this.networked = b.networked;
        this.threadNamePrefixes = List.copyOf(b.threadNamePrefixes);
    }

    /** A factory of stores made by {@code create}. */
    public static <S extends AutoCloseable> Builder<S> of(Function<StoreSettings, S> create) {
        return new Builder<>(create);
    }

    /** A store from the given settings. */
    public S create(StoreSettings settings) {
        S store = create.apply(settings);
        if (store == null) {
            throw new AssertionError("the store factory returned null for " + settings);
        }
        return store;
    }

    /** A store of the backend under test. */
    public S create() {
        return create(connectionSettings);
    }

    /** The settings that reach the backend under test. */
    public StoreSettings connectionSettings() {
        return connectionSettings;
    }

    /**
     * Whether the store talks to its backend over the network, and so honours the
     * endpoint, proxy, retries and timeouts of its settings; the kit's network checks are
     * skipped, with that reason, for stores that do not.
     */
    public boolean networked() {
        return networked;
    }

    /** The name prefixes of the threads a store starts, for the check that {@code close()} ends them. */
    public List<String> threadNamePrefixes() {
        return threadNamePrefixes;
    }

    /**
     * Builder of {@link StoreFactory}.
     *
     * <pre>{@code
     * StoreFactory.of(settings -> InMemoryItemStore.create()).networked(false).build();
     * }</pre>
     *
     * @param <S> the kind of store
     */
    public static final class Builder<S extends AutoCloseable> {
        private final Function<StoreSettings, S> create;
        private StoreSettings connectionSettings = StoreSettings.defaults();
        private boolean networked = true;
        private List<String> threadNamePrefixes = List.of();

        private Builder(Function<StoreSettings, S> create) {
            this.create = Objects.requireNonNull(create, "create");
        }

        /** The settings that reach the backend under test; {@link StoreSettings#defaults()} unless set. */
        public Builder<S> connectionSettings(StoreSettings settings) {
            this.connectionSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Whether the store uses a network (true unless set); stores in memory say false. */
        public Builder<S> networked(boolean networked) {
            this.networked = networked;
            return this;
        }

        /** The name prefixes of the threads the store starts. */
        public Builder<S> threadNamePrefixes(String... prefixes) {
            this.threadNamePrefixes = List.of(prefixes);
            return this;
        }

        public StoreFactory<S> build() {
            return new StoreFactory<>(this);
        }
    }
}
