package io.stowage.tck.model;

import io.stowage.S3Value;
import io.stowage.annotations.Attribute;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.annotations.SortKey;
import io.stowage.annotations.Version;
import java.util.List;

/**
 * Annotated models that no schema may accept, one mistake each, for the bad-input catalogue
 * ({@code BadInputTck}). Each is refused when its schema is read, before any store is called.
 *
 * <pre>{@code
 * ModelSchema.of(BadModels.PrefixEscapesUpward.class);   // ModelException: the prefix has a '..' segment
 * }</pre>
 */
public final class BadModels {

    private BadModels() {
    }

    /** No {@code @PartitionKey}. */
    @ModelConfig(table = "bad-models")
    public static class NoPartitionKey {
        public String name;
    }

    /** Two {@code @PartitionKey} fields. */
    @ModelConfig(table = "bad-models")
    public static class TwoPartitionKeys {
        @PartitionKey
        public String a;
        @PartitionKey
        public String b;
    }

    /** Two {@code @SortKey} fields. */
    @ModelConfig(table = "bad-models")
    public static class TwoSortKeys {
        @PartitionKey
        public String pk;
        @SortKey
        public String a;
        @SortKey
        public String b;
    }

    /** A partition key of a type DynamoDB keys cannot have. */
    @ModelConfig(table = "bad-models")
    public static class ListPartitionKey {
        @PartitionKey
        public List<String> pk;
    }

    /** {@code @S3Attribute} on a field that cannot hold a file. */
    @ModelConfig(table = "bad-models")
    public static class S3AttributeOnString {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs")
        public String content;
    }

    /** A bucket name with capitals and an underscore. */
    @ModelConfig(table = "bad-models")
    public static class BucketWithCapitals {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "Company_Docs")
        public S3Value content;
    }

    /** A bucket name of two characters. */
    @ModelConfig(table = "bad-models")
    public static class BucketTooShort {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "ab")
        public S3Value content;
    }

    /** A bucket name that looks like an IP address. */
    @ModelConfig(table = "bad-models")
    public static class BucketLikeAnIpAddress {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "192.168.1.1")
        public S3Value content;
    }

    /** An empty bucket name. */
    @ModelConfig(table = "bad-models")
    public static class EmptyBucket {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "")
        public S3Value content;
    }

    /** A prefix that climbs out of its folder. */
    @ModelConfig(table = "bad-models")
    public static class PrefixEscapesUpward {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "../x/")
        public S3Value content;
    }

    /** An absolute prefix. */
    @ModelConfig(table = "bad-models")
    public static class AbsolutePrefix {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "/abs/")
        public S3Value content;
    }

    /** A prefix with a line break. */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithNewline {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "a\nb/")
        public S3Value content;
    }

    /** A prefix with a {@code .} segment. */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithDotSegment {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "x/./")
        public S3Value content;
    }

    /** A prefix with an empty segment. */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithEmptySegment {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "a//b/")
        public S3Value content;
    }

    /** A prefix with a segment that starts with '~', as the keys uploads move to do. */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithTildeSegment {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "files/~")
        public S3Value content;
    }

    /** A prefix with a right-to-left override. */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithBidiOverride {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "docs\u202e/")
        public S3Value content;
    }

    /** A prefix with a C1 control (NEL). */
    @ModelConfig(table = "bad-models")
    public static class PrefixWithC1Control {
        @PartitionKey
        public String pk;
        @S3Attribute(bucket = "company-docs", prefix = "docs\u0085/")
        public S3Value content;
    }

    /** {@code @Version} on a String. */
    @ModelConfig(table = "bad-models")
    public static class VersionOnString {
        @PartitionKey
        public String pk;
        @Version
        public String version;
    }

    /** Two {@code @Version} fields. */
    @ModelConfig(table = "bad-models")
    public static class TwoVersions {
        @PartitionKey
        public String pk;
        @Version
        public Long a;
        @Version
        public Long b;
    }

    /** {@code @AutoGenerate(UUID)} on a number. */
    @ModelConfig(table = "bad-models")
    public static class UuidOnLong {
        @PartitionKey
        public String pk;
        @AutoGenerate(AutoGenerate.UUID)
        public Long id;
    }

    /** An {@code @AutoGenerate} strategy that does not exist. */
    @ModelConfig(table = "bad-models")
    public static class UnknownAutoGenerate {
        @PartitionKey
        public String pk;
        @AutoGenerate("SOMETIMES")
        public String id;
    }

    /** Two fields stored under one attribute name. */
    @ModelConfig(table = "bad-models")
    public static class DuplicateAttributeName {
        @PartitionKey
        public String pk;
        @Attribute(name = "title")
        public String a;
        @Attribute(name = "title")
        public String b;
    }

    /** A table name DynamoDB refuses (too short). */
    @ModelConfig(table = "ab")
    public static class TableNameTooShort {
        @PartitionKey
        public String pk;
    }

    /** A table name with characters DynamoDB refuses. */
    @ModelConfig(table = "bad name!")
    public static class TableNameWithSpace {
        @PartitionKey
        public String pk;
    }

    /** An empty table name. */
    @ModelConfig(table = "")
    public static class EmptyTableName {
        @PartitionKey
        public String pk;
    }
}
