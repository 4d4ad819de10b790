package io.stowage.provider.s3;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.provider.dynamodb.DynamoDbItemStore;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.Credentials;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.decorators.ForwardingBlobStore;
import io.stowage.tck.decorators.ForwardingItemStore;
import io.stowage.tck.model.TckDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The child JVM of {@link SweeperReclaimsAKilledSaveTest}: saves one document whose item
 * write never answers, prints the uploaded key once the object is stored, and waits to be
 * killed (or for its parent's end of stdin to close). Arguments: s3 endpoint, dynamodb endpoint, region, access key, secret key,
 * bucket, table, partition key.
 *
 * <pre>{@code
 * java -cp ... io.stowage.provider.s3.KilledSaveChild http://127.0.0.1:1 http://127.0.0.1:2 us-east-1 k s b t DOC#1
 * }</pre>
 */
public final class KilledSaveChild {

    private KilledSaveChild() {
    }

    public static void main(String[] args) throws Exception {
        StoreSettings common = StoreSettings.builder().region(args[2]).credentials(Credentials.basic(args[3], args[4])).build();
        S3BlobStore blobs = S3BlobStore.create(common.toBuilder().endpoint(URI.create(args[0])).build());
        DynamoDbItemStore items = DynamoDbItemStore.create(common.toBuilder().endpoint(URI.create(args[1])).build());
        ForwardingBlobStore announcing = new ForwardingBlobStore(blobs) {
            @Override
            public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                return super.put(request, content).whenComplete((info, failure) -> {
                    if (info != null) {
                        System.out.println("UPLOADED " + info.id().key());
                        System.out.flush();
                    }
                });
            }
        };
        ForwardingItemStore neverAnswers = new ForwardingItemStore(items) {
            @Override
            public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                return new CompletableFuture<>();
            }
        };
        Stowage stowage = Stowage.builder().blobStore(announcing).itemStore(neverAnswers).build();
        TckDocument d = new TckDocument();
        d.pk = args[7];
        d.content = S3File.of("the save that never finished".getBytes(StandardCharsets.UTF_8), "killed.txt");
        stowage.table(TckDocument.flatSchema(args[6], args[5])).save(d);
        // Waits to be killed; if the parent goes first its end of the pipe closes and this returns,
        // so the child never outlives the test.
        while (System.in.read() >= 0) {
            // Nothing is sent on stdin; only its end matters.
        }
        System.exit(1);
    }
}
