package io.stowage.internal;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One mapped attribute of a model: its item name, role, converter, accessors and the
 * rules applied at save time (default, generated value, required, S3 placement).
 * Internal, not API: public only because {@code ModelSchema} in {@code io.stowage}
 * builds and returns it.
 *
 * <pre>{@code
 * Object id = schema.partitionKey().get(document);
 * }</pre>
 */
public final class AttributeSpec<T> {

    /**
     * What the attribute is in the item; public because {@code ModelSchema.Builder} in
     * {@code io.stowage} tags each attribute with it.
     *
     * <pre>{@code
     * boolean isFile = spec.role() == AttributeSpec.Role.S3;
     * }</pre>
     */
    public enum Role { PARTITION_KEY, SORT_KEY, VERSION, ATTRIBUTE, S3 }

    private final String name;
    private final String fieldName;
    private final Class<?> javaType;
    private final Role role;
    private final Converter converter;
    private final Function<T, Object> getter;
    private final BiConsumer<T, Object> setter;
    private final Object defaultValue;
    private final String autoGenerate;
    private final boolean required;
    private final S3Placement s3;

    public AttributeSpec(String name, String fieldName, Class<?> javaType, Role role, Converter converter,
                         Function<T, Object> getter, BiConsumer<T, Object> setter, Object defaultValue,
                         String autoGenerate, boolean required, S3Placement s3) {
        this.name = Objects.requireNonNull(name, "name");
        this.fieldName = fieldName == null ? name : fieldName;
        this.javaType = javaType;
        this.role = role;
        this.converter = converter;
        this.getter = Objects.requireNonNull(getter, "getter");
        this.setter = Objects.requireNonNull(setter, "setter");
        this.defaultValue = defaultValue;
        this.autoGenerate = autoGenerate;
        this.required = required;
        this.s3 = s3;
    }

    public String name() {
        return name;
    }

    public String fieldName() {
        return fieldName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public Role role() {
        return role;
    }

    public boolean isKey() {
        return role == Role.PARTITION_KEY || role == Role.SORT_KEY;
    }

    public Converter converter() {
        return converter;
    }

    public Object get(T model) {
        return getter.apply(model);
    }

    public void set(T model, Object value) {
        setter.accept(model, value);
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public String autoGenerate() {
        return autoGenerate;
    }

    public boolean required() {
        return required;
    }

    /** Bucket, prefix and region, for S3 attributes. */
    public S3Placement s3() {
        return s3;
    }

    @Override
    public String toString() {
        return name + (fieldName.equals(name) ? "" : " (field " + fieldName + ")") + ":" + role;
    }

    /**
     * Where an S3 attribute's files go; public because {@code ModelSchema.Builder} in
     * {@code io.stowage} creates it.
     *
     * <pre>{@code
     * new AttributeSpec.S3Placement("company-docs", "docs/", null);   // no region: the store's own
     * }</pre>
     */
    public static final class S3Placement {
        private final String bucket;
        private final String prefix;
        private final String region;
        private final io.stowage.annotations.Sse sse;
        private final String kmsKeyId;

        public S3Placement(String bucket, String prefix, String region) {
            this(bucket, prefix, region, io.stowage.annotations.Sse.NONE, null);
        }

        /** With server-side encryption; {@code kmsKeyId} only with {@code Sse.KMS}, empty or null for the default key. */
        public S3Placement(String bucket, String prefix, String region, io.stowage.annotations.Sse sse, String kmsKeyId) {
            this.bucket = bucket;
            this.prefix = prefix == null ? "" : prefix;
            this.region = region == null || region.isEmpty() ? null : region;
            this.sse = sse == null ? io.stowage.annotations.Sse.NONE : sse;
            this.kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId;
        }

        public io.stowage.annotations.Sse sse() {
            return sse;
        }

        public String kmsKeyId() {
            return kmsKeyId;
        }

        public String bucket() {
            return bucket;
        }

        public String prefix() {
            return prefix;
        }

        public String region() {
            return region;
        }
    }
}
