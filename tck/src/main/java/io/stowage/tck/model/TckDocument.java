package io.stowage.tck.model;

import io.stowage.ModelSchema;
import io.stowage.S3Value;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.Sse;
import java.time.Instant;

/**
 * The seed's document model, described with {@link ModelSchema#builder} so that each test
 * class can use its own table and bucket.
 *
 * <pre>{@code
 * ModelSchema<TckDocument> schema = TckDocument.schema("tck-docs-1a2b", "stowage-tck-1a2b");
 * }</pre>
 */
public class TckDocument {
    public String pk;
    public String sk;
    public String name;
    public Instant uploadedAt;
    public S3Value content;
    public S3Value attachment;
    public Long version;

    /** With a sort key ({@code sk}, default {@code v1}); files under {@code docs/}. */
    public static ModelSchema<TckDocument> schema(String table, String bucket) {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(table)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .sortKey("sk", String.class, d -> d.sk, (d, v) -> d.sk = v, o -> o.defaultValue("v1"))
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .attribute("uploadedAt", Instant.class, d -> d.uploadedAt, (d, v) -> d.uploadedAt = v,
                        o -> o.autoGenerate(AutoGenerate.UTC_NOW))
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(bucket).prefix("docs/"))
                .s3Attribute("attachment", d -> d.attachment, (d, v) -> d.attachment = v,
                        s3 -> s3.bucket(bucket).prefix("docs/"))
                .build();
    }

    /** Without a sort key; files under {@code docs/}. */
    public static ModelSchema<TckDocument> flatSchema(String table, String bucket) {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(table)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(bucket).prefix("docs/"))
                .build();
    }

    /**
     * Without a sort key, {@code content} encrypted as {@code sse} says ({@code kmsKeyId} for
     * {@code Sse.KMS}); files under {@code encrypted/}.
     */
    public static ModelSchema<TckDocument> encryptedSchema(String table, String bucket, Sse sse, String kmsKeyId) {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(table)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v,
                        s3 -> s3.bucket(bucket).prefix("encrypted/").sse(sse).kmsKeyId(kmsKeyId))
                .build();
    }

    /** Without a sort key, with optimistic locking on {@code version}; files under {@code versioned/}. */
    public static ModelSchema<TckDocument> versionedSchema(String table, String bucket) {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(table)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .version("version", d -> d.version, (d, v) -> d.version = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v)
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v, s3 -> s3.bucket(bucket).prefix("versioned/"))
                .build();
    }

    /** With a required file and a required name. */
    public static ModelSchema<TckDocument> requiredSchema(String table, String bucket) {
        return ModelSchema.builder(TckDocument.class, TckDocument::new)
                .table(table)
                .partitionKey("pk", String.class, d -> d.pk, (d, v) -> d.pk = v)
                .attribute("name", String.class, d -> d.name, (d, v) -> d.name = v, o -> o.required(true))
                .s3Attribute("content", d -> d.content, (d, v) -> d.content = v,
                        s3 -> s3.bucket(bucket).prefix("required/").required(true))
                .build();
    }
}
