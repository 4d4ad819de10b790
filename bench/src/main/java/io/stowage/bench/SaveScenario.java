package io.stowage.bench;

import java.nio.file.Path;
import java.util.Map;

import io.stowage.S3File;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;

/**
 * Saving a document: upload the file, then write the item. Two sizes share this class:
 * the small file from memory (raw: one {@code putObject} on the plain client) and the
 * large file from disk (raw: {@code S3TransferManager.uploadFile}, multipart). Each round
 * overwrites the same object and item, as an application re-saving a document does; one
 * small-file variant saves a new item every time instead (nothing replaced on either side),
 * another re-saves through a Stowage that deletes the replaced object after the save, and a
 * third compares the re-save with a raw side that never overwrites an object either.
 *
 * <pre>{@code
 * Scenario small = SaveScenario.small(env);
 * Scenario large = SaveScenario.large(env);
 * }</pre>
 */
final class SaveScenario implements Scenario {

    private static final String SK = "v1";

    private final BenchEnvironment env;
    private final String name;
    private final boolean fromFile;
    private final String filename;
    private final long size;
    private final boolean cleanupInBackground;
    private final boolean newItems;
    /** The raw side never overwrites either: a new key each time, then the replaced object deleted. */
    private final boolean rawNeverOverwrites;
    private int saved;

    private SaveScenario(BenchEnvironment env, String name, boolean fromFile, String filename, long size,
                         boolean cleanupInBackground, boolean newItems, boolean rawNeverOverwrites) {
        this.env = env;
        this.name = name;
        this.fromFile = fromFile;
        this.filename = filename;
        this.size = size;
        this.cleanupInBackground = cleanupInBackground;
        this.newItems = newItems;
        this.rawNeverOverwrites = rawNeverOverwrites;
    }

    static SaveScenario small(BenchEnvironment env) {
        return new SaveScenario(env, "save " + Sizes.label(env.config().smallBytes()) + " (bytes)", false,
                "small.bin", env.config().smallBytes(), false, false, false);
    }

    /**
     * The small re-save against a raw side that keeps Stowage's promise by hand: the new bytes
     * at a key of their own (create-only), the item written returning the old one, then the
     * replaced object deleted. Readers of the old item never see the new bytes, and a failed
     * item write leaves the stored item with its own: what the plain re-save's raw side gives up.
     */
    static SaveScenario smallAgainstRawNeverOverwriting(BenchEnvironment env) {
        return new SaveScenario(env, "save " + Sizes.label(env.config().smallBytes()) + " (bytes), raw side never overwrites",
                false, "small.bin", env.config().smallBytes(), false, false, true);
    }

    /** The small save of a new item every time: the first save of a document, with nothing to replace. */
    static SaveScenario smallNewItems(BenchEnvironment env) {
        return new SaveScenario(env, "save " + Sizes.label(env.config().smallBytes()) + " (bytes), a new item each time",
                false, "small.bin", env.config().smallBytes(), false, true, false);
    }

    /** The small save through a Stowage that deletes the replaced object after the save completes. */
    static SaveScenario smallCleaningInBackground(BenchEnvironment env) {
        return new SaveScenario(env, "save " + Sizes.label(env.config().smallBytes()) + " (bytes), clean-up in background",
                false, "small.bin", env.config().smallBytes(), true, false, false);
    }

    static SaveScenario large(BenchEnvironment env) {
        Path file = env.largeFile();
        return new SaveScenario(env, "save " + Sizes.label(env.config().largeBytes()) + " (file)", true,
                file.getFileName().toString(), env.config().largeBytes(), false, false, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String rawDescription() {
        if (rawNeverOverwrites) {
            return "S3 putObject (If-None-Match, a new key) + DynamoDB putItem (ALL_OLD) + S3 deleteObject (the old key)";
        }
        return (fromFile ? "S3TransferManager.uploadFile" : "S3 putObject") + " + DynamoDB putItem";
    }

    @Override
    public String stowageDescription() {
        return "table.save(doc) with S3File.of(" + (fromFile ? "Path" : "byte[], name") + ")"
                + (cleanupInBackground ? ", StowageConfig cleanupInBackground(true)" : "");
    }

    @Override
    public boolean tracksHeap() {
        return fromFile;
    }

    @Override
    public int callsPerRound() {
        return fromFile ? 1 : 5;
    }

    @Override
    public void raw() {
        if (rawNeverOverwrites) {
            rawNeverOverwriting();
            return;
        }
        String pk = fromFile ? "RAW#save-large" : newItems ? "RAW#new-" + saved++ : "RAW#save";
        PutObjectRequest put = RawDocuments.putObject(pk, SK, filename);
        PutObjectResponse stored;
        if (fromFile) {
            stored = env.raw().transferManager()
                    .uploadFile(UploadFileRequest.builder().putObjectRequest(put).source(env.largeFile()).build())
                    .completionFuture().join().response();
        } else {
            stored = env.raw().s3().putObject(put, AsyncRequestBody.fromBytes(env.smallBytes())).join();
        }
        env.raw().dynamo().putItem(PutItemRequest.builder()
                .tableName(BenchDocument.TABLE)
                .item(RawDocuments.item(pk, SK, filename, size, stored.eTag()))
                .build()).join();
    }

    private void rawNeverOverwriting() {
        RawDocuments.saveNeverOverwriting(env.raw(), "RAW#save-never-overwrites", SK, "small-" + saved++ + ".bin", env.smallBytes(), false);
    }

    @Override
    public void stowage() {
        BenchDocument doc = new BenchDocument();
        doc.pk = fromFile ? "STOWAGE#save-large" : newItems ? "STOWAGE#new-" + saved++
                : cleanupInBackground ? "STOWAGE#save-background" : rawNeverOverwrites ? "STOWAGE#save-vs-never-overwrites" : "STOWAGE#save";
        doc.sk = SK;
        doc.name = filename;
        S3File file = fromFile ? S3File.of(env.largeFile()) : S3File.of(env.smallBytes(), filename);
        doc.content = file.withContentType(RawDocuments.CONTENT_TYPE).withMetadata(Map.copyOf(RawDocuments.USER_METADATA));
        (cleanupInBackground ? env.tableCleaningInBackground() : env.table()).syncSave(doc);
        if (doc.content.size() != size) {
            throw new IllegalStateException("Stowage stored " + doc.content.size() + " bytes, expected " + size);
        }
    }
}
