package io.stowage.internal;

import io.stowage.s3support.S3Rules;
import io.stowage.ModelException;
import io.stowage.annotations.AutoGenerate;
import io.stowage.internal.AttributeSpec.Role;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a schema once, when it is made, so that mistakes surface at {@code stowage.table(...)}.
 * Called by {@link SchemaSpecs}, which every schema goes through.
 *
 * <pre>{@code
 * SchemaValidator.validate(Invoice.class, "invoices", attributes);   // ModelException if wrong
 * }</pre>
 */
public final class SchemaValidator {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private SchemaValidator() {
    }

    public static <T> void validate(Class<T> type, String table, List<AttributeSpec<T>> attributes) {
        String model = "Model " + type.getName();
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new ModelException(model + ": table name '" + table + "' is not valid; DynamoDB table names are 3 to 255 "
                    + "characters of letters, digits, '_', '-' and '.' (set @ModelConfig(table = ...))");
        }
        int pks = 0;
        int sks = 0;
        int versions = 0;
        Set<String> names = new HashSet<>();
        for (AttributeSpec<T> a : attributes) {
            String where = model + ", field '" + a.fieldName() + "'";
            if (!names.add(a.name())) {
                throw new ModelException(where + ": attribute name '" + a.name() + "' is used twice in table " + table
                        + "; rename one with @Attribute(name = ...)");
            }
            if (a.name().isEmpty()) {
                throw new ModelException(where + ": attribute name is empty; name it with @Attribute(name = ...) or leave the default");
            }
            if (a.role() == Role.PARTITION_KEY) {
                pks++;
            }
            if (a.role() == Role.SORT_KEY) {
                sks++;
            }
            if (a.isKey() && (a.converter() == null || a.converter().keyType() == null)) {
                throw new ModelException(where + ": a key must be a String, a number or a byte[], not "
                        + (a.javaType() == null ? "this type" : a.javaType().getSimpleName())
                        + " (table " + table + "); change the field's type");
            }
            if (a.role() == Role.S3) {
                checkS3(where, a);
            }
            if (a.role() == Role.VERSION) {
                versions++;
                if (a.javaType() != long.class && a.javaType() != Long.class) {
                    throw new ModelException(where + ": @Version needs a long or Long field, not "
                            + a.javaType().getSimpleName() + "; change the field to Long");
                }
            }
            if (a.autoGenerate() != null) {
                checkAutoGenerate(where, a);
            }
        }
        if (versions > 1) {
            throw new ModelException(model + " has " + versions + " @Version fields; at most one may have it, so remove the others");
        }
        if (pks == 0) {
            throw new ModelException(model + " has no partition key: annotate one field with @PartitionKey (table " + table + ")");
        }
        if (pks > 1) {
            throw new ModelException(model + " has " + pks + " partition keys; exactly one field may have @PartitionKey, so remove "
                    + "it from the others (a second key part goes in @SortKey)");
        }
        if (sks > 1) {
            throw new ModelException(model + " has " + sks + " sort keys; at most one field may have @SortKey, so remove it from "
                    + "the others");
        }
    }

    private static <T> void checkS3(String where, AttributeSpec<T> a) {
        if (a.s3() == null || a.s3().bucket() == null || a.s3().bucket().isBlank()) {
            throw new ModelException(where + ": @S3Attribute needs a bucket; name it, as in @S3Attribute(bucket = \"company-docs\")");
        }
        String problem = S3Rules.bucketNameProblem(a.s3().bucket());
        if (problem != null) {
            throw new ModelException(where + ": " + problem);
        }
        ObjectKeys.checkPrefix(a.s3().prefix(), where);
        if (a.s3().kmsKeyId() != null && a.s3().sse() != io.stowage.annotations.Sse.KMS) {
            throw new ModelException(where + ": kmsKeyId '" + a.s3().kmsKeyId() + "' is given without sse = Sse.KMS; set "
                    + "sse = Sse.KMS, or remove the key id");
        }
    }

    private static <T> void checkAutoGenerate(String where, AttributeSpec<T> a) {
        String strategy = a.autoGenerate();
        Class<?> t = a.javaType();
        boolean ok;
        switch (strategy) {
            case AutoGenerate.UTC_NOW:
                ok = t == Instant.class || t == String.class;
                break;
            case AutoGenerate.UUID:
                ok = t == String.class;
                break;
            case AutoGenerate.EPOCH_MILLIS:
                ok = t == Long.class || t == long.class;
                break;
            default:
                throw new ModelException(where + ": unknown @AutoGenerate strategy '" + strategy
                        + "'; use AutoGenerate.UTC_NOW, AutoGenerate.UUID or AutoGenerate.EPOCH_MILLIS");
        }
        if (!ok) {
            throw new ModelException(where + ": @AutoGenerate(" + strategy + ") does not fit a field of type "
                    + t.getSimpleName() + "; change the field's type or the strategy (UTC_NOW: Instant or String; UUID: String; "
                    + "EPOCH_MILLIS: long)");
        }
    }
}
