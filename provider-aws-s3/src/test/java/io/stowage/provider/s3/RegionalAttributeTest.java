package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.Test;

/**
 * {@code @S3Attribute(region = ...)} end to end: the attribute's objects go through the S3
 * store's client for that region (created on first use), not the store's default one, on
 * save, download and delete. s3proxy accepts signatures of any region, so both reach it.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=RegionalAttributeTest
 * }</pre>
 */
class RegionalAttributeTest {

    static final String BUCKET = "stowage-regional-" + Long.toHexString(System.nanoTime());

    /** A model whose archive lives in another region than the store's default (us-east-1). */
    @ModelConfig(table = "regional-docs")
    public static class Doc {
        @PartitionKey
        public String id;

        @S3Attribute(bucket = "stowage-regional-unused", prefix = "local/")
        public S3Value local;

        @S3Attribute(bucket = "stowage-regional-unused", prefix = "archive/", region = "eu-west-1")
        public S3Value archive;
    }

    @Test
    void anAttributesRegionSelectsTheClientOfThatRegion() {
        S3BlobStore store = S3ProxyStores.store(S3ProxyServer.shared());
        try (Stowage stowage = Stowage.builder().blobStore(store).itemStore(InMemoryItemStore.create()).build()) {
            stowage.syncCreateBucketIfMissing("stowage-regional-unused");
            Table<Doc> docs = stowage.table(Doc.class);
            docs.syncCreateTableIfMissing();
            assertThat(store.regionsInUse()).as("regions before any object call").doesNotContain("eu-west-1");

            Doc doc = new Doc();
            doc.id = "d1";
            doc.archive = S3File.of("archived".getBytes(StandardCharsets.UTF_8), "a.txt");
            docs.syncSave(doc);
            assertThat(store.regionsInUse()).as("regions after saving the regional attribute").contains("eu-west-1");

            Doc loaded = docs.syncGet("d1").orElseThrow();
            assertThat(loaded.archive.syncGetBytes()).isEqualTo("archived".getBytes(StandardCharsets.UTF_8));
            docs.syncDelete(loaded);
            assertThat(store.regionsInUse()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        }
    }
}
