package io.stowage.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Types;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds a singleton {@link Stowage} and, for each model class you name, its
 * {@code Table<Model>}. Guice has no shutdown hook of its own: close the injected
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

    private final Supplier<Stowage> factory;
    private final List<Class<?>> models;

    private StowageModule(Supplier<Stowage> factory, List<Class<?>> models) {
        this.factory = factory;
        this.models = List.copyOf(models);
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
    Stowage stowage() {
        return factory.get();
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

        public StowageModule build() {
            StowageConfig cfg = config;
            Supplier<Stowage.Builder> custom = stowageBuilder;
            Supplier<Stowage> factory = () -> {
                Stowage.Builder b = custom != null ? custom.get() : Stowage.builder();
                return b.config(cfg != null ? cfg : StowageConfig.fromEnvironment()).build();
            };
            return new StowageModule(factory, models);
        }
    }
}
