package io.stowage.provider.s3;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;

/**
 * Run in a child JVM by {@link StowageCreateFromEnvironmentTest}: {@code Stowage.create()}
 * with nothing but environment variables, then a save, a load and a delete. Prints what it
 * saw; exits non-zero on any failure.
 *
 * <pre>{@code
 * java -cp ... io.stowage.provider.s3.EnvironmentStowageProbe <bucket> <table>
 * }</pre>
 */
public final class EnvironmentStowageProbe {

    /** The probe's model. */
    @ModelConfig(table = "env-probe-docs")
    public static class Doc {
        @PartitionKey
        public String id;

        @S3Attribute(bucket = "stowage-env-probe", prefix = "docs/")
        public S3Value file;
    }

    private EnvironmentStowageProbe() {
    }

    public static void main(String[] args) {
        byte[] content = "from the environment".getBytes(StandardCharsets.UTF_8);
        try (Stowage stowage = Stowage.create()) {
            stowage.syncCreateBucketIfMissing("stowage-env-probe");
            Table<Doc> docs = stowage.table(Doc.class);
            docs.syncCreateTableIfMissing();
            Doc doc = new Doc();
            doc.id = args.length > 0 ? args[0] : "probe";
            doc.file = S3File.of(content, "hello.txt");
            docs.syncSave(doc);
            Doc loaded = docs.syncGet(doc.id).orElseThrow();
            boolean same = Arrays.equals(content, loaded.file.syncGetBytes());
            docs.syncDelete(loaded);
            System.out.println("key=" + loaded.file.key() + " bytesMatch=" + same
                    + " gone=" + docs.syncGet(doc.id).isEmpty());
        } catch (RuntimeException e) {
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
    }
}
