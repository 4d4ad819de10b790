package io.stowage.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Types;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageListener;
import io.stowage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Binds a singleton {@link Stowage} and, for each model class you name, its
 * {@code Table<Model>}. Every {@link StowageListener} in the injector's
 * {@code Set<StowageListener>} (a {@link Multibinder}, which other modules add to, or
 * {@link Builder#listener}) is registered, so that {@code stowage-micrometer}'s listeners
 * are bound like any other. Guice has no shutdown hook of its own: close the injected
 * {@code Stowage} when your application stops.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(StowageModule.builder()
 *         .config(StowageConfig.fromEnvironment())
 *         .table(Document.class)
 *         .build());
 * Table<Document> documents = injector.getInstance(Key.get(new TypeLiteral<Table<Document>>() { }));
 * }</pre>
 */
public final class StowageModule extends AbstractModule {

    private final Function<Set<StowageListener>, Stowage> factory;
    private final List<Class<?>> models;
    private final List<StowageListener> listeners;

    private StowageModule(Function<Set<StowageListener>, Stowage> factory, List<Class<?>> models, List<StowageListener> listeners) {
        this.factory = factory;
        this.models = List.copyOf(models);
        this.listeners = List.copyOf(listeners);
    }

    /** Providers from ServiceLoader, settings from the environment, as {@link Stowage#create()}. */
    public static StowageModule create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void configure() {
        Multibinder<StowageListener> bound = Multibinder.newSetBinder(binder(), StowageListener.class);
        for (StowageListener listener : listeners) {
            bound.addBinding().toInstance(listener);
        }
        for (Class<?> model : models) {
            bindTable(model);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> void bindTable(Class<T> model) {
        TypeLiteral<Table<T>> type = (TypeLiteral<Table<T>>) TypeLiteral.get(Types.newParameterizedType(Table.class, model));
        Provider<Stowage> stowage = getProvider(Stowage.class);
        bind(type).toProvider(() -> stowage.get().table(model)).in(Singleton.class);
    }

    @Provides
    @Singleton
    Stowage stowage(Set<StowageListener> bound) {
        return factory.apply(bound);
    }

    /**
     * Builder of {@link StowageModule}. The {@code Stowage} is made once, when Guice first
     * needs it. {@link #config(StowageConfig)} is applied last, over any config the
     * {@link #stowage(Supplier)} builder set, so settings belong there.
     *
     * <pre>{@code
     * StowageModule module = StowageModule.builder()
     *         .config(StowageConfig.defaults())
     *         .stowage(() -> Stowage.builder().blobStore(blobs).itemStore(items))
     *         .table(Document.class)
     *         .table(Invoice.class)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private StowageConfig config;
        private Supplier<Stowage.Builder> stowageBuilder;
        private final List<Class<?>> models = new ArrayList<>();
        private final List<StowageListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The configuration (default: {@link StowageConfig#fromEnvironment()}). */
        public Builder config(StowageConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** A fully custom Stowage builder (stores or providers by instance), called once. */
        public Builder stowage(Supplier<Stowage.Builder> builder) {
            this.stowageBuilder = Objects.requireNonNull(builder, "builder");
            return this;
        }

        /** Also binds {@code Table<model>}. */
        public Builder table(Class<?> model) {
            this.models.add(Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * Also registers {@code listener}, such as
         * {@code MicrometerStowageListener.create(meterRegistry)}; the same as adding it to the
         * {@code Set<StowageListener>} multibinder.
         */
        public Builder listener(StowageListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public StowageModule build() {
            StowageConfig cfg = config;
            Supplier<Stowage.Builder> custom = stowageBuilder;
            Function<Set<StowageListener>, Stowage> factory = bound -> {
                Stowage.Builder b = custom != null ? custom.get() : Stowage.builder();
                StowageConfig.Builder withListeners = (cfg != null ? cfg : StowageConfig.fromEnvironment()).toBuilder();
                bound.forEach(withListeners::listener);
                return b.config(withListeners.build()).build();
            };
            return new StowageModule(factory, models, listeners);
        }
    }
}
