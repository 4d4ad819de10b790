package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.internal.AttributeSpec.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A model's mapping as the engine uses it: the attributes with their converters and
 * accessors, validated once. The public face of it is {@link io.stowage.ModelSchema}.
 *
 * <pre>{@code
 * SchemaSpecs<Document> specs = DefaultModelSchema.specsOf(ModelSchema.of(Document.class));
 * Object pk = specs.partitionKey().get(document);
 * }</pre>
 */
public final class SchemaSpecs<T> {

    private final Class<T> modelType;
    private final Supplier<T> factory;
    private final String tableName;
    private final List<AttributeSpec<T>> attributes;
    private final AttributeSpec<T> partitionKey;
    private final AttributeSpec<T> sortKey;
    private final List<AttributeSpec<T>> s3Attributes;
    private final AttributeSpec<T> version;

    /** Used by the annotation reader and the builder; validates everything. */
    public SchemaSpecs(Class<T> modelType, Supplier<T> factory, String tableName, List<AttributeSpec<T>> attributes) {
        this.modelType = requireModel(modelType, factory);
        this.factory = factory;
        this.tableName = tableName;
        this.attributes = List.copyOf(attributes);
        SchemaValidator.validate(modelType, tableName, this.attributes);
        this.partitionKey = find(Role.PARTITION_KEY);
        this.sortKey = find(Role.SORT_KEY);
        this.version = find(Role.VERSION);
        List<AttributeSpec<T>> s3 = new ArrayList<>();
        for (AttributeSpec<T> a : this.attributes) {
            if (a.role() == Role.S3) {
                s3.add(a);
            }
        }
        this.s3Attributes = Collections.unmodifiableList(s3);
    }

    private AttributeSpec<T> find(Role role) {
        for (AttributeSpec<T> a : attributes) {
            if (a.role() == role) {
                return a;
            }
        }
        return null;
    }

    public static <T> Class<T> requireModel(Class<T> modelType, Object factory) {
        if (modelType == null || factory == null) {
            throw new ModelException("ModelSchema of " + (modelType == null ? "no class" : modelType.getName())
                    + ": pass the model class and a no-argument constructor reference, as in "
                    + "ModelSchema.builder(Invoice.class, Invoice::new)");
        }
        return modelType;
    }

    public Class<T> modelType() {
        return modelType;
    }

    public String tableName() {
        return tableName;
    }

    /** A new, empty model instance. */
    public T newInstance() {
        try {
            return factory.get();
        } catch (RuntimeException e) {
            throw new ModelException("Cannot create an instance of " + modelType.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Every mapped attribute, keys first as declared. */
    public List<AttributeSpec<T>> attributes() {
        return attributes;
    }

    public AttributeSpec<T> partitionKey() {
        return partitionKey;
    }

    public Optional<AttributeSpec<T>> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    public List<AttributeSpec<T>> s3Attributes() {
        return s3Attributes;
    }

    /** The {@code @Version} attribute, when the model has one. */
    public Optional<AttributeSpec<T>> version() {
        return Optional.ofNullable(version);
    }

    /** The same mapping in another table. */
    public SchemaSpecs<T> withTable(String table) {
        return new SchemaSpecs<>(modelType, factory, table, attributes);
    }

    @Override
    public String toString() {
        return "ModelSchema(" + modelType.getSimpleName() + " -> " + tableName + ", " + attributes + ")";
    }
}
