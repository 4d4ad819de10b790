package io.stowage;

import io.stowage.internal.AnnotationSchemaReader;
import io.stowage.internal.AttributeSpec;
import io.stowage.internal.AttributeSpec.Role;
import io.stowage.internal.Converter;
import io.stowage.internal.Converters;
import io.stowage.internal.DefaultModelSchema;
import io.stowage.internal.SchemaSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a model class maps onto an item: table, keys, version, attributes and S3
 * attributes. Read from annotations ({@link #of(Class)}) or built by hand for classes that
 * cannot be annotated ({@link #builder(Class, Supplier)}). Mistakes fail here, with a
 * {@link ModelException} naming the class and field. Only schemas made by these two
 * methods can be used: Stowage keeps the accessors and converters behind them.
 *
 * <pre>{@code
 * ModelSchema<Invoice> schema = ModelSchema.builder(Invoice.class, Invoice::new)
 *         .table("invoices")
 *         .partitionKey("pk", String.class, Invoice::getId, Invoice::setId)
 *         .attribute("total", BigDecimal.class, Invoice::getTotal, Invoice::setTotal)
 *         .s3Attribute("pdf", Invoice::getPdf, Invoice::setPdf, s3 -> s3.bucket("invoices").prefix("pdf/"))
 *         .build();
 * Table<Invoice> invoices = stowage.table(schema);
 * }</pre>
 */
public interface ModelSchema<T> {

    /** Reads the schema of an annotated class. */
    static <T> ModelSchema<T> of(Class<T> modelType) {
        return AnnotationSchemaReader.read(modelType);
    }

    /** Starts a schema for a class that cannot be annotated. */
    static <T> Builder<T> builder(Class<T> modelType, Supplier<T> factory) {
        return new Builder<>(modelType, factory);
    }

    Class<T> modelType();

    /** The table name, exactly as configured. */
    String tableName();

    /** A new, empty model instance. */
    T newInstance();

    /** Every mapped attribute, keys first as declared. */
    List<ModelAttribute> attributes();

    ModelAttribute partitionKey();

    Optional<ModelAttribute> sortKey();

    /** The {@code @Version} attribute, when the model has one. */
    Optional<ModelAttribute> version();

    List<ModelAttribute> s3Attributes();

    /** The same mapping in another table (a tenant's, a test's). */
    ModelSchema<T> withTable(String tableName);

    /**
     * Options of a plain attribute or key in {@link Builder}: what {@code @Default},
     * {@code @AutoGenerate} and {@code @Attribute(required = true)} say on an annotated
     * class, for classes that cannot carry annotations.
     *
     * <pre>{@code
     * ModelSchema.builder(Invoice.class, Invoice::new)
     *         .table("invoices")
     *         .partitionKey("pk", String.class, Invoice::getId, Invoice::setId)
     *         .attribute("status", String.class, Invoice::getStatus, Invoice::setStatus,
     *                 o -> o.defaultValue("draft"))
     *         .attribute("createdAt", Instant.class, Invoice::getCreatedAt, Invoice::setCreatedAt,
     *                 o -> o.autoGenerate(AutoGenerate.UTC_NOW))
     *         .build();
     * }</pre>
     */
    final class AttributeOptions {
        private String defaultValue;
        private String autoGenerate;
        private boolean required;

        private AttributeOptions() {
        }

        /** As {@code @Default}. */
        public AttributeOptions defaultValue(String text) {
            this.defaultValue = text;
            return this;
        }

        /** As {@code @AutoGenerate}: one of its constants. */
        public AttributeOptions autoGenerate(String strategy) {
            this.autoGenerate = strategy;
            return this;
        }

        /** As {@code @Attribute(required = true)}. */
        public AttributeOptions required(boolean required) {
            this.required = required;
            return this;
        }
    }

    /**
     * Options of an S3 attribute in {@link Builder}: as {@code @S3Attribute}. The bucket is
     * required ({@link Builder#build()} fails without one), because there is no default
     * bucket to fall back on.
     *
     * <pre>{@code
     * builder.s3Attribute("pdf", Invoice::getPdf, Invoice::setPdf,
     *         s3 -> s3.bucket("invoices").prefix("pdf/").region("eu-west-1").required(true));
     * }</pre>
     */
    final class S3Options {
        private String bucket;
        private String prefix = "";
        private String region;
        private boolean required;
        private io.stowage.annotations.Sse sse = io.stowage.annotations.Sse.NONE;
        private String kmsKeyId;

        private S3Options() {
        }

        /** Server-side encryption of the objects, as {@code @S3Attribute(sse = ...)}. */
        public S3Options sse(io.stowage.annotations.Sse sse) {
            this.sse = sse;
            return this;
        }

        /** The KMS key of {@code Sse.KMS}, as {@code @S3Attribute(kmsKeyId = ...)}. */
        public S3Options kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        public S3Options bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public S3Options prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public S3Options region(String region) {
            this.region = region;
            return this;
        }

        public S3Options required(boolean required) {
            this.required = required;
            return this;
        }
    }

    /**
     * Builder of a {@link ModelSchema} from accessors, for classes that cannot be annotated
     * (generated or third-party). {@link #build()} runs the same checks as
     * {@link ModelSchema#of(Class)}, so mistakes still fail before the first save.
     *
     * <pre>{@code
     * ModelSchema<Invoice> schema = ModelSchema.builder(Invoice.class, Invoice::new)
     *         .table("invoices")
     *         .partitionKey("customer", String.class, Invoice::getCustomer, Invoice::setCustomer)
     *         .sortKey("number", String.class, Invoice::getNumber, Invoice::setNumber)
     *         .build();
     * }</pre>
     */
    final class Builder<T> {
        private final Class<T> modelType;
        private final Supplier<T> factory;
        private String table;
        private final List<AttributeSpec<T>> attributes = new ArrayList<>();

        private Builder(Class<T> modelType, Supplier<T> factory) {
            this.modelType = SchemaSpecs.requireModel(modelType, factory);
            this.factory = factory;
        }

        /** The table name, used exactly as given. */
        public Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        public <V> Builder<T> partitionKey(String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter) {
            return add(Role.PARTITION_KEY, name, type, getter, setter, o -> { });
        }

        public <V> Builder<T> sortKey(String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter) {
            return add(Role.SORT_KEY, name, type, getter, setter, o -> { });
        }

        public <V> Builder<T> sortKey(String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter,
                                      Consumer<AttributeOptions> options) {
            return add(Role.SORT_KEY, name, type, getter, setter, options);
        }

        public <V> Builder<T> attribute(String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter) {
            return add(Role.ATTRIBUTE, name, type, getter, setter, o -> { });
        }

        public <V> Builder<T> attribute(String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter,
                                        Consumer<AttributeOptions> options) {
            return add(Role.ATTRIBUTE, name, type, getter, setter, options);
        }

        public Builder<T> s3Attribute(String name, Function<T, S3Value> getter, BiConsumer<T, S3Value> setter,
                                      Consumer<S3Options> options) {
            if (name == null || getter == null || setter == null || options == null) {
                throw new ModelException("ModelSchema.builder(" + modelType.getName() + "): S3 attribute '" + name
                        + "' needs a name, a getter, a setter and options naming its bucket (o -> o.bucket(\"my-bucket\"))");
            }
            S3Options o = new S3Options();
            options.accept(o);
            attributes.add(new AttributeSpec<>(name, name, S3Value.class, Role.S3, null, getter::apply,
                    (m, v) -> setter.accept(m, (S3Value) v), null, null, o.required,
                    new AttributeSpec.S3Placement(o.bucket, o.prefix, o.region, o.sse, o.kmsKeyId)));
            return this;
        }

        @SuppressWarnings("unchecked")
        private <V> Builder<T> add(Role role, String name, Class<V> type, Function<T, V> getter, BiConsumer<T, V> setter,
                                   Consumer<AttributeOptions> options) {
            if (name == null || type == null || getter == null || setter == null || options == null) {
                throw new ModelException("ModelSchema.builder(" + modelType.getName() + "): attribute '" + name
                        + "' needs a name, a type, a getter, a setter and (where given) options");
            }
            AttributeOptions o = new AttributeOptions();
            options.accept(o);
            Converter converter = Converters.forType(type, null);
            if (converter == null) {
                throw new ModelException("Model " + modelType.getName() + ", attribute '" + name + "': type "
                        + type.getName() + " is not supported; use one of " + Converters.SUPPORTED);
            }
            Object defaultValue = AnnotationSchemaReader.parseDefault(modelType, name, converter, o.defaultValue);
            attributes.add(new AttributeSpec<>(name, name, type, role, converter, getter::apply,
                    (m, v) -> setter.accept(m, (V) v), defaultValue, o.autoGenerate, o.required, null));
            return this;
        }

        /**
         * An optimistic-locking version attribute, as {@code @Version}: a {@code long} or
         * {@code Long} property that the save checks and increments.
         */
        public Builder<T> version(String name, Function<T, Long> getter, BiConsumer<T, Long> setter) {
            return add(Role.VERSION, name, Long.class, getter, setter, o -> { });
        }

        public ModelSchema<T> build() {
            return new DefaultModelSchema<>(new SchemaSpecs<>(modelType, factory, table, attributes));
        }
    }
}
