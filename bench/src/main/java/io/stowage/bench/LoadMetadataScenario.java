package io.stowage.bench;

import java.util.Map;

import io.stowage.S3File;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Loading a document's metadata: raw {@code getItem} against {@code table.get}, on the
 * same item. Stowage adds the mapping to a model and no blob-store call at all; both
 * reads are eventually consistent (the default of each).
 *
 * <pre>{@code
 * Scenario load = new LoadMetadataScenario(env);
 * }</pre>
 */
final class LoadMetadataScenario implements Scenario {

    private static final String PK = "STOWAGE#load";
    private static final String SK = "v1";

    private final BenchEnvironment env;

    LoadMetadataScenario(BenchEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "load metadata";
    }

    @Override
    public int callsPerRound() {
        return 20;
    }

    @Override
    public String rawDescription() {
        return "DynamoDB getItem";
    }

    @Override
    public String stowageDescription() {
        return "table.get(pk, sk) (no blob-store call)";
    }

    @Override
    public void prepare() {
        BenchDocument doc = new BenchDocument();
        doc.pk = PK;
        doc.sk = SK;
        doc.name = "load.bin";
        doc.content = S3File.of(new byte[1024], "load.bin");
        env.table().syncSave(doc);
    }

    @Override
    public void raw() {
        Map<String, AttributeValue> item = env.raw().dynamo().getItem(GetItemRequest.builder()
                .tableName(BenchDocument.TABLE)
                .key(RawDocuments.key(PK, SK))
                .build()).join().item();
        if (item == null || !item.containsKey("content")) {
            throw new IllegalStateException("raw getItem found no document at " + PK);
        }
    }

    @Override
    public void stowage() {
        BenchDocument doc = env.table().syncGet(PK, SK)
                .orElseThrow(() -> new IllegalStateException("table.get found no document at " + PK));
        if (doc.content.size() != 1024) {
            throw new IllegalStateException("unexpected size " + doc.content.size());
        }
    }
}
