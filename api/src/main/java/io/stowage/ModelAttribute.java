package io.stowage;

import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of a {@link ModelSchema}, as a reader of the schema sees it: its item
 * name, the field it comes from, its Java type, what it is, and for S3 attributes where
 * the files go.
 *
 * <pre>{@code
 * for (ModelAttribute a : ModelSchema.of(Document.class).attributes()) {
 *     System.out.println(a.name() + " (" + a.kind() + "): " + a.type().getSimpleName());
 * }
 * }</pre>
 */
public final class ModelAttribute {

    /**
     * What the attribute is in the item.
     *
     * <pre>{@code
     * boolean file = attribute.kind() == ModelAttribute.Kind.S3;
     * }</pre>
     */
    public enum Kind { PARTITION_KEY, SORT_KEY, VERSION, ATTRIBUTE, S3 }

    private final String name;
    private final String fieldName;
    private final Class<?> type;
    private final Kind kind;
    private final boolean required;
    private final String bucket;
    private final String prefix;
    private final String region;

    /** Made by the schema; S3 attributes name a bucket, prefix and, optionally, a region. */
    public ModelAttribute(String name, String fieldName, Class<?> type, Kind kind, boolean required, String bucket,
                          String prefix, String region) {
        this.name = Objects.requireNonNull(name, "name");
        this.fieldName = fieldName == null ? name : fieldName;
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.required = required;
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
    }

    /** The attribute's name in the item. */
    public String name() {
        return name;
    }

    /** The model field (or property) it comes from. */
    public String fieldName() {
        return fieldName;
    }

    public Class<?> type() {
        return type;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a save refuses the model when the value is missing. */
    public boolean required() {
        return required;
    }

    /** The bucket of an S3 attribute. */
    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    /** The key prefix of an S3 attribute ({@code ""} for none). */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    /** The region of an S3 attribute's bucket, when it differs from the store's. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    @Override
    public String toString() {
        return name + (fieldName.equals(name) ? "" : " (field " + fieldName + ")") + ":" + kind
                + (bucket == null ? "" : " s3://" + bucket + "/" + prefix);
    }
}
