package io.stowage.bench;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.Table;
import java.io.ByteArrayInputStream;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The MinIO provider against the raw MinIO client on the same s3proxy, the item on the same
 * dynalite: saving the small file and downloading it to memory, as the S3 rows do with the
 * AWS SDK. The raw side sends what a careful application would: content type, metadata, and
 * an If-Match on the download.
 *
 * <pre>{@code
 * try (MinioScenarios minio = MinioScenarios.start(env)) {
 *     runner.run(minio.save(false));
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

    /**
     * Saving the small file: re-saving one item ({@code newItems} false; the raw side
     * overwrites its object in place where Stowage puts the new bytes beside the old and
     * deletes the old), or a new item each time, where neither side replaces anything.
     */
    Scenario save(boolean newItems) {
        return new Scenario() {
            private long saved;

            @Override
            public String name() {
                return "MinIO: save " + Sizes.label(env.config().smallBytes()) + " (bytes)" + (newItems ? ", a new item each time" : "");
            }

            @Override
            public String rawDescription() {
                return "MinioAsyncClient.putObject (a stream over the array) + DynamoDB putItem";
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
                String pk = newItems ? "RAW#minio-new-" + saved++ : "RAW#minio";
                ObjectWriteResponse stored = raw.putObject(PutObjectArgs.builder().bucket(BenchDocument.BUCKET)
                        .object(RawDocuments.objectKey(pk, "v1", "small.bin"))
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(RawDocuments.CONTENT_TYPE)
                        .userMetadata(RawDocuments.USER_METADATA).build()).get();
                env.raw().dynamo().putItem(PutItemRequest.builder().tableName(BenchDocument.TABLE)
                        .item(RawDocuments.item(pk, "v1", "small.bin", bytes.length, stored.etag())).build()).join();
            }

            @Override
            public void stowage() {
                BenchDocument doc = new BenchDocument();
                doc.pk = newItems ? "STOWAGE#minio-new-" + saved++ : "STOWAGE#minio";
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
