package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.ModelSchema;
import io.stowage.S3Value;
import io.stowage.annotations.Attribute;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.Default;
import io.stowage.annotations.Ignore;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.annotations.SortKey;
import io.stowage.annotations.Version;
import io.stowage.internal.AttributeSpec.Role;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds a {@link ModelSchema} from a class's annotations and fields, for {@code ModelSchema.of}.
 *
 * <pre>{@code
 * ModelSchema<Document> schema = AnnotationSchemaReader.read(Document.class);
 * }</pre>
 */
public final class AnnotationSchemaReader {

    private AnnotationSchemaReader() {
    }

    public static <T> ModelSchema<T> read(Class<T> type) {
        if (type == null) {
            throw new ModelException("ModelSchema.of(null): pass a model class annotated with @ModelConfig");
        }
        ModelConfig config = type.getAnnotation(ModelConfig.class);
        if (config == null) {
            throw new ModelException("Class " + type.getName() + " has no @ModelConfig(table = ...); annotate it, "
                    + "or describe it with ModelSchema.builder(...)");
        }
        Supplier<T> factory = constructor(type);
        List<AttributeSpec<T>> attributes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<AttributeSpec<T>> own = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic() || f.isAnnotationPresent(Ignore.class)) {
                    continue;
                }
                own.add(attribute(type, f));
            }
            attributes.addAll(0, own);
        }
        return new DefaultModelSchema<>(new SchemaSpecs<>(type, factory, config.table(), attributes));
    }

    private static <T> Supplier<T> constructor(Class<T> type) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new ModelException("Model " + type.getName() + " is abstract; Stowage needs a concrete class");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new ModelException("Model " + type.getName() + " is an inner class; make it static so it has a no-arg constructor");
        }
        Constructor<T> ctor;
        try {
            ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ModelException("Model " + type.getName() + " has no no-arg constructor; add one (it may be private)", e);
        } catch (RuntimeException e) {
            throw new ModelException("Model " + type.getName() + ": cannot access its no-arg constructor: " + e.getMessage(), e);
        }
        return () -> {
            try {
                return ctor.newInstance();
            } catch (InvocationTargetException e) {
                throw new ModelException("Model " + type.getName() + ": its constructor threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new ModelException("Model " + type.getName() + ": cannot create an instance: " + e.getMessage(), e);
            }
        };
    }

    private static <T> AttributeSpec<T> attribute(Class<T> type, Field f) {
        String where = "Model " + type.getName() + ", field '" + f.getName() + "'";
        try {
            f.setAccessible(true);
        } catch (RuntimeException e) {
            throw new ModelException(where + ": cannot be accessed (" + e.getMessage() + "); open the package to io.stowage", e);
        }
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ModelException(where + ": is final, so Stowage cannot set it when loading; remove final or add @Ignore");
        }
        Attribute attr = f.getAnnotation(Attribute.class);
        String name = attr != null && !attr.name().isEmpty() ? attr.name() : f.getName();
        boolean required = attr != null && attr.required();
        boolean pk = f.isAnnotationPresent(PartitionKey.class);
        boolean sk = f.isAnnotationPresent(SortKey.class);
        boolean version = f.isAnnotationPresent(Version.class);
        S3Attribute s3 = f.getAnnotation(S3Attribute.class);
        if (pk && sk) {
            throw new ModelException(where + ": is both @PartitionKey and @SortKey; choose one");
        }
        if (version && (pk || sk)) {
            throw new ModelException(where + ": a key cannot be the @Version; put @Version on a long field of its own");
        }
        if (s3 != null || S3Value.class.isAssignableFrom(f.getType())) {
            if (pk || sk) {
                throw new ModelException(where + ": an S3 attribute cannot be a key; keys must be String, number or byte[]");
            }
            if (s3 == null) {
                throw new ModelException(where + ": an S3Value field needs @S3Attribute(bucket = ...)");
            }
            // Silently dropped, each would leave the user believing in a lock, a default or a generated value that is not there.
            for (Class<? extends java.lang.annotation.Annotation> other : List.of(Version.class, Default.class, AutoGenerate.class)) {
                if (f.isAnnotationPresent(other)) {
                    throw new ModelException(where + ": @" + other.getSimpleName() + " does not apply to an @S3Attribute; "
                            + (other == Version.class ? "put @Version on a long field of its own" : "remove it"));
                }
            }
            if (f.getType() != S3Value.class) {
                throw new ModelException(where + ": an @S3Attribute field must be declared as S3Value, not "
                        + f.getType().getSimpleName() + "; change its type to S3Value");
            }
            return new AttributeSpec<>(name, f.getName(), S3Value.class, Role.S3, null, m -> get(f, m), (m, v) -> set(f, m, v),
                    null, null, s3.required() || required, new AttributeSpec.S3Placement(s3.bucket(), s3.prefix(), s3.region(),
                    s3.sse(), s3.kmsKeyId()));
        }
        Converter converter = Converters.forType(f.getType(), f.getGenericType());
        if (converter == null) {
            throw new ModelException(where + ": type " + f.getGenericType().getTypeName() + " is not supported; use one of "
                    + Converters.SUPPORTED + ", or mark the field @Ignore or transient");
        }
        Default def = f.getAnnotation(Default.class);
        AutoGenerate auto = f.getAnnotation(AutoGenerate.class);
        Object defaultValue = parseDefault(type, f.getName(), converter, def == null ? null : def.value());
        Role role = pk ? Role.PARTITION_KEY : sk ? Role.SORT_KEY : version ? Role.VERSION : Role.ATTRIBUTE;
        return new AttributeSpec<>(name, f.getName(), f.getType(), role, converter, m -> get(f, m), (m, v) -> set(f, m, v),
                defaultValue, auto == null ? null : auto.value(), required, null);
    }

    /** Parses a {@code @Default} text to the field type, naming the field when it does not fit. */
    public static Object parseDefault(Class<?> type, String field, Converter converter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return converter.parse(text);
        } catch (RuntimeException e) {
            throw new ModelException("Model " + type.getName() + ", field '" + field + "': @Default(\"" + text
                    + "\") does not fit the field's type: " + e.getMessage(), e);
        }
    }

    private static Object get(Field f, Object model) {
        try {
            return f.get(model);
        } catch (IllegalAccessException e) {
            throw new ModelException("Cannot read field '" + f.getName() + "' of " + f.getDeclaringClass().getName(), e);
        }
    }

    private static void set(Field f, Object model, Object value) {
        try {
            if (value == null && f.getType().isPrimitive()) {
                return;
            }
            f.set(model, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new ModelException("Cannot set field '" + f.getName() + "' of " + f.getDeclaringClass().getName()
                    + " to a " + (value == null ? "null" : value.getClass().getSimpleName()) + ": " + e.getMessage(), e);
        }
    }
}
