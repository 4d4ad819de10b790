package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.s3support.S3Rules;
import io.stowage.S3Value;
import io.stowage.internal.AttributeSpec.Role;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobStore;
import io.stowage.spi.KeyType;
import io.stowage.spi.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts models to items and back, and builds item keys, for one schema.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * Map<String, AttributeValue> key = new ItemMapper<>(schema, blobStore).key("DOC#1", null, false);
 * }</pre>
 */
public final class ItemMapper<T> {

    private final SchemaSpecs<T> schema;
    private final BlobStore blobStore;
    private final io.stowage.spi.ServerSideEncryption customerKey;
    /** One per S3 attribute: every value loaded shares it. */
    private final Map<String, BlobAccess> accessByAttribute;

    public ItemMapper(SchemaSpecs<T> schema, BlobStore blobStore) {
        this(schema, blobStore, null);
    }

    /** With the SSE-C key that reads of {@code Sse.CUSTOMER} attributes send ({@code null}: none). */
    public ItemMapper(SchemaSpecs<T> schema, BlobStore blobStore, io.stowage.spi.ServerSideEncryption customerKey) {
        this.customerKey = customerKey;
        this.schema = schema;
        this.blobStore = blobStore;
        Map<String, BlobAccess> access = new java.util.HashMap<>();
        for (AttributeSpec<T> spec : schema.s3Attributes()) {
            access.put(spec.name(), newAccess(spec));
        }
        this.accessByAttribute = Map.copyOf(access);
    }

    public SchemaSpecs<T> schema() {
        return schema;
    }

    public String table() {
        return schema.tableName();
    }

    public TableDefinition tableDefinition() {
        AttributeSpec<T> pk = schema.partitionKey();
        return schema.sortKey()
                .map(sk -> TableDefinition.of(table(), pk.name(), pk.converter().keyType(), sk.name(), sk.converter().keyType()))
                .orElseGet(() -> TableDefinition.of(table(), pk.name(), pk.converter().keyType()));
    }

    /** DynamoDB's limit on a partition key value, in bytes (UTF-8 for strings). */
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    /** DynamoDB's limit on a sort key value, in bytes (UTF-8 for strings). */
    static final int MAX_SORT_KEY_BYTES = 1024;

    /** The item key for key values given by the caller; the sort key's default fills a missing sort key. */
    public Map<String, AttributeValue> key(Object pk, Object sk, boolean skGiven) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(schema.partitionKey().name(), keyValue(schema.partitionKey(), pk));
        schema.sortKey().ifPresent(spec -> {
            Object value = skGiven ? sk : spec.defaultValue();
            if (!skGiven && value == null) {
                throw new ModelException("Table '" + table() + "' has the sort key '" + spec.name()
                        + "' and it has no @Default; pass the sort key: get(pk, sk)");
            }
            key.put(spec.name(), keyValue(spec, value));
        });
        if (skGiven && schema.sortKey().isEmpty()) {
            throw new ModelException("Table '" + table() + "' has no sort key; call the method with the partition key only");
        }
        return key;
    }

    /** Converts one key value, refusing nulls, empty strings and values of the wrong type. */
    public AttributeValue keyValue(AttributeSpec<T> spec, Object value) {
        String where = "Table '" + table() + "', key '" + spec.name() + "'";
        if (value == null) {
            throw new ModelException(where + ": the key value is null; set it before saving or reading");
        }
        Class<?> expected = boxed(spec.javaType());
        if (!expected.isInstance(value)) {
            throw new ModelException(where + ": expected a " + expected.getSimpleName() + ", got a "
                    + value.getClass().getSimpleName() + " (" + value + "); pass a " + expected.getSimpleName());
        }
        AttributeValue av;
        try {
            av = spec.converter().toAttribute(value);
        } catch (RuntimeException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        }
        if ((av.type() == AttributeValue.Type.S && av.s().isEmpty()) || (av.type() == AttributeValue.Type.B && av.b().length == 0)) {
            throw new ModelException(where + ": the key value is empty, and DynamoDB keys must not be empty; set a non-empty value");
        }
        boolean partition = spec.role() == Role.PARTITION_KEY;
        int limit = partition ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
        int bytes = av.type() == AttributeValue.Type.S ? S3Rules.utf8Length(av.s())
                : av.type() == AttributeValue.Type.B ? av.b().length : 0;
        if (bytes < 0) {
            throw new ModelException(where + ": the key value '" + ObjectKeys.printable(av.s()) + "' is not valid Unicode (an "
                    + "unpaired surrogate, which would be stored as '?', the key of another item); fix the key value");
        }
        if (bytes > limit) {
            throw new ModelException(where + ": the " + (partition ? "partition" : "sort") + " key is " + bytes
                    + " bytes, over DynamoDB's limit of " + limit + "; shorten the key value");
        }
        return av;
    }

    /** A key value as text, for object keys and back-links. */
    public String keyText(AttributeSpec<T> spec, Object value) {
        return spec.converter().keyText(value);
    }

    /**
     * The item's attributes other than its files, converted from {@code values} (attribute
     * name to Java value, defaults already applied); a save converts them once, to check the
     * item's size before it uploads and to write it after.
     */
    public Map<String, AttributeValue> convert(Map<String, Object> values) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (AttributeSpec<T> spec : schema.attributes()) {
            Object value = values.get(spec.name());
            if (value == null) {
                continue;
            }
            if (spec.isKey()) {
                item.put(spec.name(), keyValue(spec, value));
                continue;
            }
            AttributeValue av;
            try {
                av = spec.converter().toAttribute(value);
            } catch (RuntimeException e) {
                throw new ModelException("Table '" + table() + "', attribute '" + spec.name() + "': " + e.getMessage(), e);
            }
            if (av.type() == AttributeValue.Type.SS && av.ss().isEmpty()) {
                continue;
            }
            item.put(spec.name(), av);
        }
        return item;
    }

    /** The item: the {@linkplain #convert converted} attributes and the S3 attributes' encoded values, in the schema's order. */
    public Map<String, AttributeValue> toItem(Map<String, AttributeValue> converted, Map<String, AttributeValue> s3) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (AttributeSpec<T> spec : schema.attributes()) {
            AttributeValue value = spec.role() == Role.S3 ? s3.get(spec.name()) : converted.get(spec.name());
            if (value != null) {
                item.put(spec.name(), value);
            }
        }
        return item;
    }

    /** The owner of an S3 attribute's object in the item with these key attributes (a key or a whole item). */
    public ObjectOwner owner(Map<String, AttributeValue> keyOrItem, String attribute) {
        AttributeSpec<T> pk = schema.partitionKey();
        String pkText = keyText(pk, pk.converter().fromAttribute(keyOrItem.get(pk.name())));
        String skText = schema.sortKey()
                .map(sk -> keyText(sk, sk.converter().fromAttribute(keyOrItem.get(sk.name()))))
                .orElse(null);
        return new ObjectOwner(table(), pkText, skText, attribute);
    }

    /**
     * The item key an object's back-link names, or {@code null} when the text cannot be a key
     * of this table (a back-link written by another model that shares the table name).
     */
    public Map<String, AttributeValue> keyOf(ObjectOwner owner) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        AttributeValue pk = fromKeyText(schema.partitionKey(), owner.partitionKey());
        if (pk == null) {
            return null;
        }
        key.put(schema.partitionKey().name(), pk);
        if (schema.sortKey().isPresent() != owner.sortKey().isPresent()) {
            return null;
        }
        if (schema.sortKey().isPresent()) {
            AttributeValue sk = fromKeyText(schema.sortKey().get(), owner.sortKey().get());
            if (sk == null) {
                return null;
            }
            key.put(schema.sortKey().get().name(), sk);
        }
        return key;
    }

    private static AttributeValue fromKeyText(AttributeSpec<?> spec, String text) {
        try {
            switch (spec.converter().keyType()) {
                case S:
                    return AttributeValue.fromS(text);
                case N:
                    return AttributeValue.fromN(io.stowage.spi.NumberValues.canonical(text));
                default:
                    return AttributeValue.fromB(java.util.Base64.getUrlDecoder().decode(text));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A model from a stored item; S3 attributes become stored values bound to the blob store. */
    public T fromItem(Map<String, AttributeValue> item) {
        T model = schema.newInstance();
        for (AttributeSpec<T> spec : schema.attributes()) {
            AttributeValue av = item.get(spec.name());
            if (av == null || av.isNull()) {
                continue;
            }
            try {
                if (spec.role() == Role.S3) {
                    spec.set(model, S3ValueCodec.fromAttribute(av, access(spec), owner(item, spec.name())));
                } else {
                    spec.set(model, spec.converter().fromAttribute(av));
                }
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException | java.time.DateTimeException e) {
                throw new ModelException("Table '" + table() + "', attribute '" + spec.name() + "': the stored value " + av
                        + " does not fit field '" + spec.fieldName() + "' of " + schema.modelType().getSimpleName()
                        + ": " + e.getMessage(), e);
            }
        }
        return model;
    }

    /** The blob access an S3 attribute's values use. */
    public BlobAccess access(AttributeSpec<T> spec) {
        BlobAccess shared = accessByAttribute.get(spec.name());
        return shared != null ? shared : newAccess(spec);
    }

    private BlobAccess newAccess(AttributeSpec<T> spec) {
        return new BlobAccess(blobStore, table(), spec.name(), spec.s3().region(),
                spec.s3().sse() == io.stowage.annotations.Sse.CUSTOMER ? customerKey : null);
    }

    /** The S3 attribute value a model field holds, checked to be an S3Value. */
    public S3Value s3Value(AttributeSpec<T> spec, T model) {
        Object v = spec.get(model);
        return (S3Value) v;
    }

    /** The key type of a spec (for tests and messages). */
    public static KeyType keyType(AttributeSpec<?> spec) {
        return spec.converter().keyType();
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        return Boolean.class;
    }
}
