package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.internal.DefaultModelSchema;
import io.stowage.internal.SchemaSpecs;
import io.stowage.annotations.Attribute;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.Default;
import io.stowage.annotations.Ignore;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.annotations.SortKey;
import io.stowage.annotations.Version;
import io.stowage.spi.KeyType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelSchemaTest {

    enum Status { DRAFT, FINAL }

    @ModelConfig(table = "documents")
    static class Good {
        @PartitionKey String pk;
        @SortKey @Default("v1") String sk;
        @Attribute(name = "doc_name", required = true) String name;
        @AutoGenerate(AutoGenerate.UTC_NOW) Instant uploadedAt;
        @S3Attribute(bucket = "company-docs", prefix = "documents/") S3Value content;
        int count;
        long big;
        double ratio;
        boolean flag;
        BigDecimal amount;
        byte[] raw;
        Status status;
        List<String> tags;
        Set<String> labels;
        Map<String, String> extra;
        @Ignore Object cache;
        transient String scratch;
        static String constant = "x";
    }

    @Test
    void required_annotations_map_every_supported_field() {
        ModelSchema<Good> schema = ModelSchema.of(Good.class);
        assertThat(schema.tableName()).isEqualTo("documents");
        assertThat(schema.partitionKey().name()).isEqualTo("pk");
        assertThat(schema.sortKey()).get().satisfies(sk -> assertThat(sk.kind()).isEqualTo(ModelAttribute.Kind.SORT_KEY));
        assertThat(DefaultModelSchema.specsOf(schema).sortKey()).get()
                .satisfies(sk -> assertThat(sk.defaultValue()).isEqualTo("v1"));
        assertThat(schema.attributes()).extracting(a -> a.name()).containsExactly("pk", "sk", "doc_name", "uploadedAt",
                "content", "count", "big", "ratio", "flag", "amount", "raw", "status", "tags", "labels", "extra");
        assertThat(schema.s3Attributes()).singleElement().satisfies(a -> {
            assertThat(a.bucket()).contains("company-docs");
            assertThat(a.prefix()).contains("documents/");
            assertThat(a.kind()).isEqualTo(ModelAttribute.Kind.S3);
        });
        assertThat(schema.withTable("other").tableName()).isEqualTo("other");
        assertThat(schema.withTable("other").attributes()).extracting(ModelAttribute::name)
                .isEqualTo(schema.attributes().stream().map(ModelAttribute::name).toList());
    }

    @ModelConfig(table = "versioned")
    static class Versioned {
        @PartitionKey String pk;
        @Version Long version;
    }

    @ModelConfig(table = "versioned")
    static class StringVersion {
        @PartitionKey String pk;
        @Version String version;
    }

    @ModelConfig(table = "versioned")
    static class TwoVersions {
        @PartitionKey String pk;
        @Version long a;
        @Version long b;
    }

    @Test
    void required_version_is_a_single_long_attribute() {
        assertThat(ModelSchema.of(Versioned.class).version()).get()
                .satisfies(v -> assertThat(v.kind()).isEqualTo(ModelAttribute.Kind.VERSION))
                .satisfies(v -> assertThat(v.name()).isEqualTo("version"));
        assertThat(ModelSchema.of(NoKeyButVersionless.class).version()).isEmpty();
        assertThatThrownBy(() -> ModelSchema.of(StringVersion.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("@Version needs a long or Long field");
        assertThatThrownBy(() -> ModelSchema.of(TwoVersions.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("2 @Version fields");
    }

    @ModelConfig(table = "plain")
    static class NoKeyButVersionless {
        @PartitionKey String pk;
    }

    @ModelConfig(table = "things")
    static class NoKey {
        String name;
    }

    @ModelConfig(table = "things")
    static class TwoKeys {
        @PartitionKey String a;
        @PartitionKey String b;
    }

    @ModelConfig(table = "things")
    static class S3AsKey {
        @PartitionKey @S3Attribute(bucket = "bucket-a") S3Value pk;
    }

    @ModelConfig(table = "things")
    static class Unsupported {
        @PartitionKey String pk;
        Thread thread;
    }

    @ModelConfig(table = "things")
    static class NoDefaultConstructor {
        @PartitionKey String pk;

        NoDefaultConstructor(String pk) {
            this.pk = pk;
        }
    }

    static class NotAModel {
        @PartitionKey String pk;
    }

    @ModelConfig(table = "x")
    static class BadTableName {
        @PartitionKey String pk;
    }

    @ModelConfig(table = "things")
    static class BadBucket {
        @PartitionKey String pk;
        @S3Attribute(bucket = "Bad_Bucket") S3Value file;
    }

    @ModelConfig(table = "things")
    static class BadDefault {
        @PartitionKey String pk;
        @Default("lots") int count;
    }

    @ModelConfig(table = "things")
    static class BadAutoGenerate {
        @PartitionKey String pk;
        @AutoGenerate(AutoGenerate.UTC_NOW) int when;
    }

    @ModelConfig(table = "things")
    static class BooleanKey {
        @PartitionKey boolean pk;
    }

    @ModelConfig(table = "things")
    static class ListOfNumbers {
        @PartitionKey String pk;
        List<Integer> numbers;
    }

    @ModelConfig(table = "things")
    static class S3WithoutAnnotation {
        @PartitionKey String pk;
        S3Value file;
    }

    @ModelConfig(table = "things")
    static class DuplicateNames {
        @PartitionKey String pk;
        @Attribute(name = "pk") String other;
    }

    @Test
    void required_schema_mistakes_fail_with_the_class_and_field_named() {
        assertThatThrownBy(() -> ModelSchema.of(NoKey.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining(NoKey.class.getName()).hasMessageContaining("@PartitionKey");
        assertThatThrownBy(() -> ModelSchema.of(TwoKeys.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("2 partition keys");
        assertThatThrownBy(() -> ModelSchema.of(S3AsKey.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'pk'").hasMessageContaining("cannot be a key");
        assertThatThrownBy(() -> ModelSchema.of(Unsupported.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'thread'").hasMessageContaining("java.lang.Thread");
        assertThatThrownBy(() -> ModelSchema.of(NoDefaultConstructor.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("no-arg constructor");
        assertThatThrownBy(() -> ModelSchema.of(NotAModel.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("@ModelConfig");
        assertThatThrownBy(() -> ModelSchema.of(BadTableName.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("table name 'x'");
        assertThatThrownBy(() -> ModelSchema.of(BadBucket.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'file'").hasMessageContaining("Bad_Bucket");
        assertThatThrownBy(() -> ModelSchema.of(BadDefault.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'count'").hasMessageContaining("@Default(\"lots\")");
        assertThatThrownBy(() -> ModelSchema.of(BadAutoGenerate.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'when'");
        assertThatThrownBy(() -> ModelSchema.of(BooleanKey.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'pk'").hasMessageContaining("String, a number or a byte[]");
        assertThatThrownBy(() -> ModelSchema.of(ListOfNumbers.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'numbers'");
        assertThatThrownBy(() -> ModelSchema.of(S3WithoutAnnotation.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'file'").hasMessageContaining("@S3Attribute");
        assertThatThrownBy(() -> ModelSchema.of(DuplicateNames.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("'pk' is used twice");
        assertThatThrownBy(() -> ModelSchema.of(null)).isInstanceOf(ModelException.class);
    }

    static final class Invoice {
        private String id;
        private long version;
        private BigDecimal total;
        private S3Value pdf;

        String getId() {
            return id;
        }

        void setId(String id) {
            this.id = id;
        }
    }

    @Test
    void required_builder_describes_a_class_without_annotations() {
        ModelSchema<Invoice> schema = ModelSchema.builder(Invoice.class, Invoice::new)
                .table("invoices")
                .partitionKey("pk", String.class, Invoice::getId, Invoice::setId)
                .sortKey("version", Long.class, i -> i.version, (i, v) -> i.version = v, o -> o.defaultValue("1"))
                .attribute("total", BigDecimal.class, i -> i.total, (i, v) -> i.total = v)
                .s3Attribute("pdf", i -> i.pdf, (i, v) -> i.pdf = v, s3 -> s3.bucket("invoices").prefix("pdf/"))
                .build();
        assertThat(schema.tableName()).isEqualTo("invoices");
        SchemaSpecs<Invoice> specs = DefaultModelSchema.specsOf(schema);
        assertThat(specs.sortKey().orElseThrow().converter().keyType()).isEqualTo(KeyType.N);
        assertThat(specs.sortKey().orElseThrow().defaultValue()).isEqualTo(1L);
        assertThat(schema.s3Attributes()).hasSize(1);
        Invoice invoice = schema.newInstance();
        specs.partitionKey().set(invoice, "INV-1");
        assertThat(invoice.getId()).isEqualTo("INV-1");
    }

    @Test
    void required_builder_refuses_mistakes_too() {
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new).table("invoices")
                .attribute("total", BigDecimal.class, i -> i.total, (i, v) -> i.total = v).build())
                .isInstanceOf(ModelException.class).hasMessageContaining("no partition key");
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new).table("invoices")
                .partitionKey("pk", Thread.class, i -> null, (i, v) -> { }).build())
                .isInstanceOf(ModelException.class).hasMessageContaining("Thread");
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new).table("invoices")
                .partitionKey("pk", String.class, Invoice::getId, Invoice::setId)
                .s3Attribute("pdf", i -> i.pdf, (i, v) -> i.pdf = v, s3 -> { }).build())
                .isInstanceOf(ModelException.class).hasMessageContaining("needs a bucket");
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new)
                .s3Attribute(null, i -> i.pdf, (i, v) -> i.pdf = v, s3 -> s3.bucket("b")))
                .isInstanceOf(ModelException.class).hasMessageContaining(Invoice.class.getName()).hasMessageContaining("a name");
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new).s3Attribute("pdf", i -> i.pdf, (i, v) -> i.pdf = v, null))
                .isInstanceOf(ModelException.class).hasMessageContaining("'pdf'").hasMessageContaining("o.bucket(");
        assertThatThrownBy(() -> ModelSchema.builder(Invoice.class, Invoice::new)
                .attribute("total", BigDecimal.class, i -> i.total, (i, v) -> i.total = v, null))
                .isInstanceOf(ModelException.class).hasMessageContaining("'total'").hasMessageContaining("options");
    }

    @ModelConfig(table = "t")
    static class VersionOnFile {
        @PartitionKey String pk;
        @Version @S3Attribute(bucket = "b") S3Value file;
    }

    @ModelConfig(table = "t")
    static class DefaultOnFile {
        @PartitionKey String pk;
        @Default("x") @S3Attribute(bucket = "b") S3Value file;
    }

    @ModelConfig(table = "t")
    static class GeneratedFile {
        @PartitionKey String pk;
        @AutoGenerate(AutoGenerate.UUID) @S3Attribute(bucket = "b") S3Value file;
    }

    @Test
    void required_an_annotation_an_s3_attribute_would_silently_ignore_is_refused() {
        assertThatThrownBy(() -> ModelSchema.of(VersionOnFile.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'file'").hasMessageContaining("@Version").hasMessageContaining("long field of its own");
        assertThatThrownBy(() -> ModelSchema.of(DefaultOnFile.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'file'").hasMessageContaining("@Default");
        assertThatThrownBy(() -> ModelSchema.of(GeneratedFile.class)).isInstanceOf(ModelException.class)
                .hasMessageContaining("field 'file'").hasMessageContaining("@AutoGenerate");
    }
}
