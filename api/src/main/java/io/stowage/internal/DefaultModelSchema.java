package io.stowage.internal;

import io.stowage.ModelAttribute;
import io.stowage.ModelException;
import io.stowage.ModelSchema;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link ModelSchema} that {@code ModelSchema.of} and {@code ModelSchema.builder} make:
 * public views over the engine's {@link SchemaSpecs}.
 *
 * <pre>{@code
 * SchemaSpecs<Document> specs = DefaultModelSchema.specsOf(schema);
 * }</pre>
 */
public final class DefaultModelSchema<T> implements ModelSchema<T> {

    private final SchemaSpecs<T> specs;
    private final List<ModelAttribute> attributes;

    public DefaultModelSchema(SchemaSpecs<T> specs) {
        this.specs = specs;
        this.attributes = specs.attributes().stream().map(DefaultModelSchema::view).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The engine's mapping of a schema; only schemas Stowage made have one, since the
     * engine needs the converters and accessors a schema built elsewhere would not have.
     */
    public static <T> SchemaSpecs<T> specsOf(ModelSchema<T> schema) {
        if (schema instanceof DefaultModelSchema) {
            return ((DefaultModelSchema<T>) schema).specs;
        }
        throw new ModelException("The schema " + schema + " (" + schema.getClass().getName() + ") was not made by "
                + "Stowage; make schemas with ModelSchema.of(Model.class) or ModelSchema.builder(...)");
    }

    private static ModelAttribute view(AttributeSpec<?> spec) {
        AttributeSpec.S3Placement s3 = spec.s3();
        return new ModelAttribute(spec.name(), spec.fieldName(), spec.javaType(), ModelAttribute.Kind.valueOf(spec.role().name()),
                spec.required(), s3 == null ? null : s3.bucket(), s3 == null ? null : s3.prefix(),
                s3 == null ? null : s3.region());
    }

    @Override
    public Class<T> modelType() {
        return specs.modelType();
    }

    @Override
    public String tableName() {
        return specs.tableName();
    }

    @Override
    public T newInstance() {
        return specs.newInstance();
    }

    @Override
    public List<ModelAttribute> attributes() {
        return attributes;
    }

    @Override
    public ModelAttribute partitionKey() {
        return find(ModelAttribute.Kind.PARTITION_KEY).orElseThrow();
    }

    @Override
    public Optional<ModelAttribute> sortKey() {
        return find(ModelAttribute.Kind.SORT_KEY);
    }

    @Override
    public Optional<ModelAttribute> version() {
        return find(ModelAttribute.Kind.VERSION);
    }

    @Override
    public List<ModelAttribute> s3Attributes() {
        return attributes.stream().filter(a -> a.kind() == ModelAttribute.Kind.S3).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public ModelSchema<T> withTable(String table) {
        return new DefaultModelSchema<>(specs.withTable(table));
    }

    private Optional<ModelAttribute> find(ModelAttribute.Kind kind) {
        return attributes.stream().filter(a -> a.kind() == kind).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefaultModelSchema && ((DefaultModelSchema<?>) o).specs == specs;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(specs);
    }

    @Override
    public String toString() {
        return specs.toString();
    }
}
