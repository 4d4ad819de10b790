package io.stowage.examples;

import io.stowage.S3Value;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.Default;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.annotations.SortKey;
import java.time.Instant;

/**
 * The seed's document model: the file lives in the blob store, its metadata in the item.
 *
 * <pre>{@code
 * Document doc = new Document();
 * doc.pk = "DOC#invoice-2024-001";
 * doc.content = S3File.of(Path.of("/tmp/invoice.pdf"));
 * }</pre>
 */
@ModelConfig(table = "documents")
public class Document {

    @PartitionKey
    public String pk;

    @SortKey
    @Default("v1")
    public String sk;

    public String name;

    @AutoGenerate(AutoGenerate.UTC_NOW)
    public Instant uploadedAt;

    @S3Attribute(bucket = "company-docs", prefix = "documents/")
    public S3Value content;
}
