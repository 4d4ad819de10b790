package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.provider.s3.S3BlobStore;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemStore;
import io.stowage.tck.model.TckDocument;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 provider and the MinIO provider store the same model the same way: same keys,
 * same object metadata (content type, user metadata with the back-link, etag, including
 * the part count of multipart uploads) and same item maps, so data written through one
 * reads through the other.
 *
 * <p>Each provider saves the same documents into a bucket of its own, with an item store
 * of its own holding a table of the same name (the back-link names the table); the raw
 * items must then differ only in the bucket and the last-modified time.
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=CrossProviderCompatibilityTest
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProviderCompatibilityTest {

    private static final String TABLE = "cross-provider-docs";
    private static final Instant UPLOADED_AT = Instant.parse("2024-05-01T10:15:30Z");

    private final S3ProxyServer s3 = S3ProxyServer.shared();
    private final String s3Bucket = S3ProxyServer.uniqueBucketName("cross-s3");
    private final String minioBucket = S3ProxyServer.uniqueBucketName("cross-minio");
    private S3BlobStore s3Blobs;
    private MinioBlobStore minioBlobs;
    private ItemStore s3Items;
    private ItemStore minioItems;

    @BeforeAll
    void createStores() {
        s3Blobs = S3BlobStore.builder().settings(S3ProxyMinio.settings(s3).build())
                .environment(name -> null).systemProperties(name -> null).build();
        minioBlobs = S3ProxyMinio.store(s3);
        s3Items = InMemoryItemStore.create();
        minioItems = InMemoryItemStore.create();
        try (Stowage viaS3 = stowage(s3Blobs, s3Items); Stowage viaMinio = stowage(minioBlobs, minioItems)) {
            viaS3.syncCreateBucketIfMissing(s3Bucket);
            viaMinio.syncCreateBucketIfMissing(minioBucket);
            viaS3.table(TckDocument.schema(TABLE, s3Bucket)).syncCreateTableIfMissing();
            viaMinio.table(TckDocument.schema(TABLE, minioBucket)).syncCreateTableIfMissing();
        }
    }

    @AfterAll
    void closeStores() {
        s3Blobs.close();
        minioBlobs.close();
        s3Items.close();
        minioItems.close();
    }

    @Test
    void bothProvidersStoreTheSameKeysMetadataAndItems(@TempDir Path dir) throws Exception {
        byte[] small = "quarterly numbers, Übersicht".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Above the 10 MiB threshold: both must cut 8 MiB parts, or their etags would differ.
        Path big = dir.resolve("scan.tiff");
        byte[] bigBytes = new byte[11 * 1024 * 1024 + 123];
        new Random(7).nextBytes(bigBytes);
        Files.write(big, bigBytes);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("department", "finance");
        metadata.put("title", "Übersicht  (draft) ");

        TckDocument viaS3 = save(s3Blobs, s3Items, s3Bucket, small, big, metadata);
        TckDocument viaMinio = save(minioBlobs, minioItems, minioBucket, small, big, metadata);

        assertThat(viaMinio.content.key()).as("key of the file").isEqualTo(viaS3.content.key());
        assertThat(viaMinio.attachment.key()).as("key of the attachment").isEqualTo(viaS3.attachment.key());
        assertThat(viaMinio.content.etag()).as("single-PUT etag").isEqualTo(viaS3.content.etag());
        assertThat(viaMinio.attachment.etag()).as("multipart etag (same part size, same part count)")
                .isEqualTo(viaS3.attachment.etag()).matches("[0-9a-f]{32}-2");

        Map<String, AttributeValue> s3Item = rawItem(s3Items);
        Map<String, AttributeValue> minioItem = rawItem(minioItems);
        assertThat(comparable(minioItem, minioBucket)).as("raw item written through MinIO, against S3's")
                .isEqualTo(comparable(s3Item, s3Bucket));

        for (String attribute : new String[] {"content", "attachment"}) {
            String key = s3Item.get(attribute).m().get("key").s();
            BlobInfo s3Head = s3Blobs.head(GetBlobRequest.of(BlobId.of(s3Bucket, key))).join();
            BlobInfo minioHead = minioBlobs.head(GetBlobRequest.of(BlobId.of(minioBucket, key))).join();
            assertThat(minioHead.userMetadata()).as("user metadata (with the back-link) of %s", attribute)
                    .isEqualTo(s3Head.userMetadata())
                    .containsEntry("department", "finance")
                    .containsEntry("stowage-table", TABLE);
            assertThat(minioHead.contentType()).as("content type of %s", attribute).isEqualTo(s3Head.contentType());
            assertThat(minioHead.size()).as("size of %s", attribute).isEqualTo(s3Head.size());
            // And each provider reads what the other wrote, with the same description.
            BlobInfo crossHead = minioBlobs.head(GetBlobRequest.of(BlobId.of(s3Bucket, key))).join();
            assertThat(crossHead.etag()).isEqualTo(s3Head.etag());
            assertThat(crossHead.userMetadata()).isEqualTo(s3Head.userMetadata());
            assertThat(crossHead.lastModified()).isEqualTo(s3Head.lastModified());
        }
    }

    @Test
    void eachProviderReadsTheItemsAndBytesTheOtherSaved(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("video.bin");
        byte[] bigBytes = new byte[11 * 1024 * 1024];
        new Random(11).nextBytes(bigBytes);
        Files.write(big, bigBytes);
        byte[] small = "hello from the other side".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> metadata = Map.of("origin", "cross", "title", "Übersicht  (draft) ");

        save(s3Blobs, s3Items, s3Bucket, small, big, metadata);
        save(minioBlobs, minioItems, minioBucket, small, big, metadata);

        // The item store of one side with the blob store of the other: loads read only items,
        // downloads go through the other client with If-Match on the stored etag.
        try (Stowage minioReadsS3 = stowage(minioBlobs, s3Items); Stowage s3ReadsMinio = stowage(s3Blobs, minioItems)) {
            for (Stowage reader : new Stowage[] {minioReadsS3, s3ReadsMinio}) {
                String bucket = reader == minioReadsS3 ? s3Bucket : minioBucket;
                TckDocument loaded = reader.table(TckDocument.schema(TABLE, bucket)).syncGet(pk()).orElseThrow();
                assertThat(loaded.content.syncGetBytes()).isEqualTo(small);
                assertThat(loaded.content.metadata()).as("the user's metadata, exactly").isEqualTo(metadata);
                Path target = dir.resolve("download-" + bucket + ".bin");
                loaded.attachment.syncSaveTo(target);
                assertThat(Files.readAllBytes(target)).isEqualTo(bigBytes);
            }
        }
    }

    private TckDocument save(BlobStore blobs, ItemStore items, String bucket, byte[] small, Path big,
                             Map<String, String> metadata) {
        try (Stowage stowage = stowage(blobs, items)) {
            Table<TckDocument> table = stowage.table(TckDocument.schema(TABLE, bucket));
            TckDocument d = new TckDocument();
            d.pk = pk();
            d.sk = "v1";
            d.name = "cross-provider";
            d.uploadedAt = UPLOADED_AT;
            d.content = S3File.of(small, "report 2024.pdf").withContentType("application/pdf").withMetadata(metadata);
            d.attachment = S3File.of(big).withMetadata(metadata);
            table.syncSave(d);
            return d;
        }
    }

    private Map<String, AttributeValue> rawItem(ItemStore items) {
        return items.get(ItemKeyRequest.builder()
                .table(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(pk()), "sk", AttributeValue.fromS("v1")))
                .consistentRead(true)
                .build()).join().orElseThrow();
    }

    /** The item with the bucket and the S3 attributes' last-modified times (save times) left out. */
    private static Map<String, AttributeValue> comparable(Map<String, AttributeValue> item, String bucket) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        for (String attribute : new String[] {"content", "attachment"}) {
            Map<String, AttributeValue> file = new LinkedHashMap<>(item.get(attribute).m());
            assertThat(file.get("bucket").s()).isEqualTo(bucket);
            assertThat(file).containsKey("last_modified");
            file.remove("bucket");
            file.remove("last_modified");
            out.put(attribute, AttributeValue.fromM(file));
        }
        return out;
    }

    private static String pk() {
        return "DOC#cross/1 é";
    }

    private static Stowage stowage(BlobStore blobs, ItemStore items) {
        return Stowage.builder().blobStore(blobs).itemStore(items).build();
    }
}
