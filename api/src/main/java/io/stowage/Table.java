package io.stowage;

import io.stowage.internal.Futures;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The items of one model class in one table. Saving uploads the model's new files and
 * then writes the item; loading and querying read only the item store; deleting removes
 * the item, then its objects. Every I/O method is asynchronous and never throws (its
 * future fails); each has a blocking {@code sync} twin that throws the unwrapped
 * {@link StowageException}.
 *
 * <pre>{@code
 * Table<Document> documents = stowage.table(Document.class);
 * documents.syncCreateTableIfMissing();
 * documents.save(doc).join();
 * Optional<Document> again = documents.syncGet("DOC#1");          // sort key from @Default
 * documents.query("DOC#1").syncToList().forEach(d -> System.out.println(d.content.size()));
 * documents.syncDelete(doc);
 * }</pre>
 */
public interface Table<T> {

    /** The table's schema. */
    ModelSchema<T> schema();

    /** The table name. */
    default String name() {
        return schema().tableName();
    }

    /** Creates the table (on-demand capacity) if it does not exist; true if it was created. */
    CompletableFuture<Boolean> createTableIfMissing();

    /**
     * Saves the model: validates, uploads new {@link S3File}s in parallel, writes the item,
     * then deletes objects that new files replaced at other keys. On success the model's
     * S3 fields hold the stored values and defaults and generated values are set.
     */
    CompletableFuture<Void> save(T model);

    /** Reads an item by partition key; a sort key, if the model has one, comes from its {@code @Default}. */
    CompletableFuture<Optional<T>> get(Object partitionKey);

    /** Reads an item by partition and sort key. */
    CompletableFuture<Optional<T>> get(Object partitionKey, Object sortKey);

    /**
     * Deletes the model's item, then the objects the stored item pointed at; completes with what
     * was deleted (a versioned model: only if the stored item has the model's version).
     *
     * <p>If the item delete's answer is lost, it is not sent again: the item is read back. Still
     * there, or unreadable, the delete fails with an {@link ItemStoreException} that says so.
     * Gone, the delete completes empty, since what it deleted is unknown. In each case the
     * item's folders are reported to the {@link OrphanListener} as
     * {@link OrphanedObject.Kind#PREVIOUS_UNKNOWN}: the objects are the sweeper's
     * ({@link #sweepOrphans}).
     */
    CompletableFuture<Optional<T>> delete(T model);

    /**
     * Deletes by partition key (sort key from its {@code @Default}), cascading to the objects.
     * A lost answer is handled as for {@link #delete}.
     */
    CompletableFuture<Optional<T>> deleteByKey(Object partitionKey);

    /** Deletes by partition and sort key, cascading to the objects; a lost answer as for {@link #deleteByKey(Object)}. */
    CompletableFuture<Optional<T>> deleteByKey(Object partitionKey, Object sortKey);

    /** A lazy, paginated query of one partition, in sort-key order. */
    Query<T> query(Object partitionKey);

    /**
     * Finds and deletes the objects under this table's S3 attributes that no item points at:
     * uploads of saves that failed ambiguously, objects a failed delete left behind, old
     * objects of a replacement whose answer was lost. Each object older than the grace period
     * is decided from its back-link (which item and attribute it belongs to) and a consistent
     * read of that item; objects without a back-link or of other tables are never deleted.
     * Memory stays bounded (one page of 1,000 keys); safe to run while the application saves.
     *
     * <pre>{@code
     * SweepReport report = documents.sweepOrphans(SweepOptions.defaults().dryRun()).join();
     * }</pre>
     */
    CompletableFuture<SweepReport> sweepOrphans(SweepOptions options);

    /**
     * A presigned PUT with which a client (a browser, say) uploads the file of
     * {@code attribute} of the item {@code model} describes straight to the bucket, without
     * credentials, until {@code expiry} has passed (at most 7 days). The model's key must be
     * set; nothing is written. After the client's PUT, {@link #commitUpload} saves the item.
     * An upload never committed is an orphan {@link #sweepOrphans} reclaims.
     *
     * <pre>{@code
     * PresignedUpload upload = documents.presignUpload(doc, "content", "scan.pdf", Duration.ofMinutes(10)).join();
     * }</pre>
     */
    default CompletableFuture<PresignedUpload> presignUpload(T model, String attribute, String filename, Duration expiry) {
        return presignUpload(model, attribute, filename, expiry, UploadConstraints.none());
    }

    /** As {@link #presignUpload(Object, String, String, Duration)}, with a size limit, content type or CRC32C. */
    CompletableFuture<PresignedUpload> presignUpload(T model, String attribute, String filename, Duration expiry,
                                                     UploadConstraints constraints);

    /**
     * Saves {@code model} with the object the client uploaded as the value of the upload's
     * attribute, once the commit has checked it: it exists, it is this item's upload, it is
     * within the size limit, of the content type and (where given) of the CRC32C. Nothing is
     * written when a check fails. The save itself follows the rules of {@link #save}: the item
     * is written on its conditions and the object it replaced is deleted after. A commit never
     * deletes the upload (an earlier commit of it may have landed); one no item points at is
     * reclaimed by {@link #sweepOrphans}, so commit within the sweeper's grace period. Keep the
     * {@code PresignedUpload} on the server: the client needs only its URI, method and headers.
     * On success the model's attribute holds the stored value.
     *
     * <pre>{@code
     * documents.commitUpload(doc, upload).join();
     * }</pre>
     */
    CompletableFuture<Void> commitUpload(T model, PresignedUpload upload);

    /** Blocking {@link #presignUpload(Object, String, String, Duration)}. */
    default PresignedUpload syncPresignUpload(T model, String attribute, String filename, Duration expiry) {
        return Futures.join(presignUpload(model, attribute, filename, expiry));
    }

    /** Blocking {@link #presignUpload(Object, String, String, Duration, UploadConstraints)}. */
    default PresignedUpload syncPresignUpload(T model, String attribute, String filename, Duration expiry,
                                              UploadConstraints constraints) {
        return Futures.join(presignUpload(model, attribute, filename, expiry, constraints));
    }

    /** Blocking {@link #commitUpload(Object, PresignedUpload)}. */
    default void syncCommitUpload(T model, PresignedUpload upload) {
        Futures.join(commitUpload(model, upload));
    }

    /** Blocking {@link #createTableIfMissing()}. */
    default boolean syncCreateTableIfMissing() {
        return Futures.join(createTableIfMissing());
    }

    /** Blocking {@link #save(Object)}. */
    default void syncSave(T model) {
        Futures.join(save(model));
    }

    /** Blocking {@link #get(Object)}. */
    default Optional<T> syncGet(Object partitionKey) {
        return Futures.join(get(partitionKey));
    }

    /** Blocking {@link #get(Object, Object)}. */
    default Optional<T> syncGet(Object partitionKey, Object sortKey) {
        return Futures.join(get(partitionKey, sortKey));
    }

    /** Blocking {@link #delete(Object)}. */
    default Optional<T> syncDelete(T model) {
        return Futures.join(delete(model));
    }

    /** Blocking {@link #deleteByKey(Object)}. */
    default Optional<T> syncDeleteByKey(Object partitionKey) {
        return Futures.join(deleteByKey(partitionKey));
    }

    /** Blocking {@link #sweepOrphans(SweepOptions)}. */
    default SweepReport syncSweepOrphans(SweepOptions options) {
        return Futures.join(sweepOrphans(options));
    }

    /** Blocking {@link #deleteByKey(Object, Object)}. */
    default Optional<T> syncDeleteByKey(Object partitionKey, Object sortKey) {
        return Futures.join(deleteByKey(partitionKey, sortKey));
    }
}
