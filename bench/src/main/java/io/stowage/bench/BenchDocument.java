package io.stowage.bench;

import io.stowage.S3Value;
import io.stowage.annotations.AutoGenerate;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.annotations.SortKey;
import java.time.Instant;

/**
 * The model every Stowage side of the benchmark saves and loads: the shape of the
 * README's document (keys, a name, a generated timestamp, one file). Each run starts
 * servers of its own, so fixed bucket and table names cannot clash.
 *
 * <pre>{@code
 * BenchDocument doc = new BenchDocument();
 * doc.pk = "STOWAGE#save";
 * doc.sk = "v1";
 * doc.content = S3File.of(bytes, "small.bin");
 * table.syncSave(doc);
 * }</pre>
 */
@ModelConfig(table = BenchDocument.TABLE)
public class BenchDocument {

    /** The table both sides write to. */
    public static final String TABLE = "stowage_bench_documents";
    /** The bucket both sides write to. */
    public static final String BUCKET = "stowage-bench";
    /** The key prefix of the S3 attribute; the raw side builds the same keys. */
    public static final String PREFIX = "bench/";

    @PartitionKey
    public String pk;

    @SortKey
    public String sk;

    public String name;

    @AutoGenerate(AutoGenerate.UTC_NOW)
    public Instant uploadedAt;

    @S3Attribute(bucket = BUCKET, prefix = PREFIX)
    public S3Value content;
}
