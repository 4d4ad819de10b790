package io.stowage.bench;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * What a hand-written application does with the raw SDKs to store a {@link BenchDocument}:
 * an object key of the same layout as Stowage's default, and an item of the same shape
 * ({@code pk}, {@code sk}, {@code name}, {@code uploadedAt} and the {@code content} map
 * {@code {bucket, key, size, etag, content_type, last_modified, metadata}}), so that
 * both sides send requests of the same size.
 *
 * <pre>{@code
 * PutObjectRequest put = RawDocuments.putObject("RAW#save", "v1", "small.bin");
 * Map<String, AttributeValue> item = RawDocuments.item("RAW#save", "v1", "small.bin", size, etag);
 * }</pre>
 */
final class RawDocuments {

    static final String CONTENT_TYPE = "application/octet-stream";
    static final Map<String, String> USER_METADATA = Map.of("department", "bench");

    private RawDocuments() {
    }

    /** {@code {prefix}{pk}/{sk}/{filename}} with {@code #} as {@code /}; bench keys need no escaping. */
    static String objectKey(String pk, String sk, String filename) {
        return BenchDocument.PREFIX + pk.replace('#', '/') + "/" + sk + "/" + filename;
    }

    static PutObjectRequest putObject(String pk, String sk, String filename) {
        return PutObjectRequest.builder()
                .bucket(BenchDocument.BUCKET)
                .key(objectKey(pk, sk, filename))
                .contentType(CONTENT_TYPE)
                .metadata(USER_METADATA)
                .build();
    }

    /**
     * The item for a stored object. The last-modified time is the client's clock: the PUT
     * answer does not carry the server's, and a raw application would not pay a HEAD for it.
     */
    static Map<String, AttributeValue> item(String pk, String sk, String filename, long size, String quotedEtag) {
        Map<String, AttributeValue> metadata = new LinkedHashMap<>();
        USER_METADATA.forEach((k, v) -> metadata.put(k, s(v)));
        Map<String, AttributeValue> content = new LinkedHashMap<>();
        content.put("bucket", s(BenchDocument.BUCKET));
        content.put("key", s(objectKey(pk, sk, filename)));
        content.put("size", AttributeValue.fromN(Long.toString(size)));
        content.put("etag", s(unquote(quotedEtag)));
        content.put("content_type", s(CONTENT_TYPE));
        content.put("last_modified", s(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        content.put("metadata", AttributeValue.fromM(metadata));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.putAll(key(pk, sk));
        item.put("name", s(filename));
        item.put("uploadedAt", s(Instant.now().toString()));
        item.put("content", AttributeValue.fromM(content));
        return item;
    }

    /**
     * A re-save that keeps the item and its bytes together by hand, as Stowage does: the
     * bytes at a key of their own ({@code name} is new each time; create-only), the item
     * written returning the one it replaced, then that item's object deleted. Readers of the
     * old item never get the new bytes, and a failed item write leaves the stored item whole.
     * With {@code asStowage} the requests also carry what Stowage's do: the CRC32C of the
     * bytes, the back-link metadata, and a delete pinned to the etag the old item recorded.
     */
    static void saveNeverOverwriting(RawClients raw, String pk, String sk, String name, byte[] bytes, boolean asStowage) {
        PutObjectRequest.Builder put = putObject(pk, sk, name).toBuilder().ifNoneMatch("*");
        if (asStowage) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length);
            put.checksumCRC32C(Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
            Map<String, String> metadata = new LinkedHashMap<>(USER_METADATA);
            metadata.put("stowage-table", BenchDocument.TABLE);
            metadata.put("stowage-pk", pk);
            metadata.put("stowage-sk", sk);
            metadata.put("stowage-attribute", "content");
            put.metadata(metadata);
        }
        PutObjectResponse stored = raw.s3().putObject(put.build(), AsyncRequestBody.fromBytes(bytes)).join();
        Map<String, AttributeValue> old = raw.dynamo().putItem(PutItemRequest.builder()
                .tableName(BenchDocument.TABLE)
                .item(item(pk, sk, name, bytes.length, stored.eTag()))
                .returnValues(ReturnValue.ALL_OLD)
                .build()).join().attributes();
        AttributeValue content = old == null ? null : old.get("content");
        if (content != null) {
            DeleteObjectRequest.Builder delete = DeleteObjectRequest.builder()
                    .bucket(BenchDocument.BUCKET).key(content.m().get("key").s());
            if (asStowage) {
                delete.ifMatch(quote(content.m().get("etag").s()));
            }
            raw.s3().deleteObject(delete.build()).join();
        }
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    /** S3 sends etags quoted; Stowage stores them bare and so does the raw side. */
    static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    /** If-Match wants the quoted form. */
    static String quote(String etag) {
        return "\"" + etag + "\"";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
