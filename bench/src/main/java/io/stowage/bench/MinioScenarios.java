package io.stowage.bench;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.Table;
import java.io.ByteArrayInputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The MinIO provider against the raw MinIO client on the same s3proxy, the item on the same
 * dynalite: saving the small file and downloading it to memory, as the S3 rows do with the
 * AWS SDK. The raw side sends what a careful application would: content type, metadata, and
 * an If-Match on the download.
 *
 * <pre>{@code
 * try (MinioScenarios minio = MinioScenarios.start(env)) {
 *     runner.run(minio.save(MinioScenarios.SaveMode.RESAVE));
 * }
 * }</pre>
 */
final class MinioScenarios implements AutoCloseable {

    private final BenchEnvironment env;
    private final MinioAsyncClient raw;
    private final Stowage stowage;
    private final Table<BenchDocument> table;

    private MinioScenarios(BenchEnvironment env) {
        this.env = env;
        this.raw = MinioAsyncClient.builder().endpoint(env.s3Server().endpoint().toString()).region("us-east-1")
                .credentials(env.s3Server().accessKey(), env.s3Server().secretKey()).build();
        this.stowage = env.stowage("minio", b -> { });
        this.table = stowage.table(BenchDocument.class);
    }

    static MinioScenarios start(BenchEnvironment env) {
        return new MinioScenarios(env);
    }

    /** What a save row's raw side does, and which item Stowage saves. */
    enum SaveMode {
        /** One item re-saved: the raw side overwrites its object in place. */
        RESAVE(""),
        /** A new item each time: neither side replaces anything. */
        NEW_ITEMS(", a new item each time"),
        /**
         * One item re-saved, the raw side keeping Stowage's promise by hand: the bytes at a new
         * key (create-only), the item written returning the one it replaced, that item's object
         * deleted.
         */
        RAW_NEVER_OVERWRITES(", raw side never overwrites");

        private final String label;

        SaveMode(String label) {
            this.label = label;
        }
    }

    /**
     * Saving the small file. In the re-save rows Stowage puts the new bytes beside the old
     * and deletes the old after the item write (see {@link SaveMode} for the raw side).
     */
    Scenario save(SaveMode mode) {
        return new Scenario() {
            private long saved;

            @Override
            public String name() {
                return "MinIO: save " + Sizes.label(env.config().smallBytes()) + " (bytes)" + mode.label;
            }

            @Override
            public String rawDescription() {
                return mode == SaveMode.RAW_NEVER_OVERWRITES
                        ? "MinioAsyncClient.putObject (If-None-Match, a new key) + DynamoDB putItem (ALL_OLD) "
                                + "+ MinioAsyncClient.removeObject (the old key)"
                        : "MinioAsyncClient.putObject (a stream over the array) + DynamoDB putItem";
            }

            @Override
            public String stowageDescription() {
                return "table.save(doc) on the minio provider, S3File.wrap(byte[], name)";
            }

            @Override
            public int callsPerRound() {
                return 5;
            }

            @Override
            public void raw() throws Exception {
                byte[] bytes = env.smallBytes();
                boolean never = mode == SaveMode.RAW_NEVER_OVERWRITES;
                String pk = mode == SaveMode.NEW_ITEMS ? "RAW#minio-new-" + saved++ : never ? "RAW#minio-never-overwrites" : "RAW#minio";
                String name = never ? "small-" + saved++ + ".bin" : "small.bin";
                PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(BenchDocument.BUCKET)
                        .object(RawDocuments.objectKey(pk, "v1", name))
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(RawDocuments.CONTENT_TYPE)
                        .userMetadata(RawDocuments.USER_METADATA);
                if (never) {
                    put.extraHeaders(Map.of("If-None-Match", "*"));
                }
                ObjectWriteResponse stored = raw.putObject(put.build()).get();
                PutItemRequest.Builder item = PutItemRequest.builder().tableName(BenchDocument.TABLE)
                        .item(RawDocuments.item(pk, "v1", name, bytes.length, stored.etag()));
                if (never) {
                    item.returnValues(ReturnValue.ALL_OLD);
                }
                Map<String, AttributeValue> old = env.raw().dynamo().putItem(item.build()).join().attributes();
                AttributeValue content = old == null ? null : old.get("content");
                if (content != null) {
                    raw.removeObject(RemoveObjectArgs.builder().bucket(BenchDocument.BUCKET).object(content.m().get("key").s())
                            .build()).get();
                }
            }

            @Override
            public void stowage() {
                BenchDocument doc = new BenchDocument();
                doc.pk = mode == SaveMode.NEW_ITEMS ? "STOWAGE#minio-new-" + saved++
                        : mode == SaveMode.RAW_NEVER_OVERWRITES ? "STOWAGE#minio-vs-never-overwrites" : "STOWAGE#minio";
                doc.sk = "v1";
                doc.name = "small.bin";
                // Not copied, as the raw client's stream over the array is not (the S3 rows copy on both sides).
                doc.content = S3File.wrap(env.smallBytes(), "small.bin").withContentType(RawDocuments.CONTENT_TYPE)
                        .withMetadata(RawDocuments.USER_METADATA);
                table.syncSave(doc);
            }
        };
    }

    Scenario download() {
        return new Scenario() {
            private S3Value value;

            @Override
            public String name() {
                return "MinIO: download " + Sizes.label(env.config().smallBytes()) + " to memory";
            }

            @Override
            public String rawDescription() {
                return "MinioAsyncClient.getObject with If-Match, to bytes";
            }

            @Override
            public String stowageDescription() {
                return "S3Value.getBytes() on the minio provider";
            }

            @Override
            public int callsPerRound() {
                return 10;
            }

            @Override
            public void prepare() {
                BenchDocument doc = new BenchDocument();
                doc.pk = "STOWAGE#minio-download";
                doc.sk = "v1";
                doc.content = S3File.of(env.smallBytes(), "download.bin");
                table.syncSave(doc);
                value = table.syncGet(doc.pk, "v1").orElseThrow().content;
            }

            @Override
            public void raw() throws Exception {
                try (GetObjectResponse in = raw.getObject(GetObjectArgs.builder().bucket(value.bucket()).object(value.key())
                        .matchETag(value.etag()).build()).get()) {
                    if (in.readAllBytes().length != value.size()) {
                        throw new IllegalStateException("short read");
                    }
                }
            }

            @Override
            public void stowage() {
                if (value.syncGetBytes().length != value.size()) {
                    throw new IllegalStateException("short read");
                }
            }
        };
    }

    @Override
    public void close() throws Exception {
        stowage.close();
        raw.close();
    }
}
