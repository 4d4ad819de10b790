package io.stowage.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.stowage.S3File;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Querying one partition of documents, every page: raw {@code query} followed through
 * {@code LastEvaluatedKey}, against {@code table.query(pk).pageSize(n).syncToList()}, with
 * the same page size, so both sides make the same number of requests.
 *
 * <p>The partition is filled once: one document saved through Stowage, its item copied
 * under the other sort keys (the query reads items only, so they may share one object).
 *
 * <pre>{@code
 * Scenario query = new QueryScenario(env);
 * }</pre>
 */
final class QueryScenario implements Scenario {

    private static final String PK = "QUERY#bench";
    private static final int PARALLEL_PUTS = 16;

    private final BenchEnvironment env;
    private final int items;
    private final int pageSize;

    QueryScenario(BenchEnvironment env) {
        this.env = env;
        this.items = env.config().queryItems();
        this.pageSize = env.config().pageSize();
    }

    @Override
    public String name() {
        return "query " + items + " items";
    }

    @Override
    public int callsPerRound() {
        return 5;
    }

    @Override
    public String rawDescription() {
        return "DynamoDB query, " + pageSize + " per page, all pages";
    }

    @Override
    public String stowageDescription() {
        return "table.query(pk).pageSize(" + pageSize + ").syncToList()";
    }

    @Override
    public void prepare() {
        BenchDocument template = new BenchDocument();
        template.pk = PK;
        template.sk = sortKey(0);
        template.name = "query.bin";
        template.content = S3File.of(new byte[1024], "query.bin");
        env.table().syncSave(template);
        Map<String, AttributeValue> stored = env.raw().dynamo().getItem(GetItemRequest.builder()
                .tableName(BenchDocument.TABLE)
                .key(RawDocuments.key(PK, sortKey(0)))
                .consistentRead(true)
                .build()).join().item();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 1; i < items; i++) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(stored);
            copy.put("sk", AttributeValue.fromS(sortKey(i)));
            inFlight.add(env.raw().dynamo().putItem(PutItemRequest.builder()
                    .tableName(BenchDocument.TABLE).item(copy).build()));
            if (inFlight.size() == PARALLEL_PUTS) {
                CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
                inFlight.clear();
            }
        }
        CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
    }

    @Override
    public void raw() {
        int count = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(BenchDocument.TABLE)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", "pk"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK)))
                    .limit(pageSize);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page = env.raw().dynamo().query(request.build()).join();
            count += page.count();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        check(count);
    }

    @Override
    public void stowage() {
        check(env.table().query(PK).pageSize(pageSize).syncToList().size());
    }

    private void check(int count) {
        if (count != items) {
            throw new IllegalStateException("query returned " + count + " items, expected " + items);
        }
    }

    private static String sortKey(int i) {
        return String.format("item-%05d", i);
    }
}
