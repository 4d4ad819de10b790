package io.stowage.internal;

import io.stowage.KeyContext;
import io.stowage.ModelException;
import io.stowage.s3support.S3Rules;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.annotations.AutoGenerate;
import io.stowage.internal.AttributeSpec.Role;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobId;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemSize;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.Utf8;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a save decides before any I/O: values with defaults and generated values,
 * the item without its new files, and each file's destination. Building the plan is
 * where a doomed save fails, so that it uploads nothing.
 */
final class SavePlan<T> {

    /** A generous stand-in for an upload's map, so the size check before upload never under-counts. */
    private static final String ETAG_PLACEHOLDER = "0".repeat(32) + "-10000";
    private static final String TIME_PLACEHOLDER = "2000-01-01T00:00:00.000000000Z";
    private static final String VERSION_PLACEHOLDER = "v".repeat(64);
    private static final String CHECKSUM_PLACEHOLDER = Crc32c.format(0);

    final Map<String, Object> values = new LinkedHashMap<>();
    /** The item's attributes other than its files, converted once: for the size check and the write. */
    Map<String, AttributeValue> converted;
    /** Per attribute to upload, the longest key its object may get: the layout's key or the key it moves to. */
    private final Map<String, String> longestKeys = new HashMap<>();
    final Map<String, AttributeValue> keptS3 = new LinkedHashMap<>();
    final List<PendingUpload<T>> uploads = new ArrayList<>();
    final Map<String, AttributeValue> key = new LinkedHashMap<>();
    /** What the stored item must satisfy for the write to apply (version, kept objects). */
    final List<ItemCondition> conditions = new ArrayList<>();
    /** The version the item gets, when the model has a {@code @Version}. */
    Long nextVersion;
    private String pkText;
    private String skText;

    private SavePlan() {
    }

    /** The owner of an S3 attribute's object in this item. */
    ObjectOwner owner(String attribute, String table) {
        return new ObjectOwner(table, pkText, skText, attribute);
    }

    /** The condition the item write carries, or {@code null} for an unconditional write. */
    ItemCondition condition() {
        if (conditions.isEmpty()) {
            return null;
        }
        return conditions.size() == 1 ? conditions.get(0) : ItemCondition.and(conditions.toArray(new ItemCondition[0]));
    }

    /**
     * The plan of a save; the attributes named in {@code uploaded} take the objects a client
     * uploaded (a commit), the others what the model holds.
     */
    static <T> SavePlan<T> prepare(ItemMapper<T> mapper, Engine engine, T model, Map<String, PendingUpload<T>> uploaded) {
        String table = mapper.table();
        if (model == null) {
            throw new ModelException("save(null) on table '" + table + "': pass the model to save");
        }
        SavePlan<T> plan = new SavePlan<>();
        for (AttributeSpec<T> spec : mapper.schema().attributes()) {
            if (spec.role() != Role.S3) {
                plan.values.put(spec.name(), resolve(spec, model, engine, table));
            }
        }
        plan.planKey(mapper);
        plan.planVersion(mapper, model);
        Map<String, String> claimed = new HashMap<>();
        for (AttributeSpec<T> spec : mapper.schema().s3Attributes()) {
            PendingUpload<T> done = uploaded.get(spec.name());
            if (done != null) {
                String where = "Table '" + table + "', attribute '" + spec.name() + "'";
                if (!done.owner.equals(plan.owner(spec.name(), table))) {
                    throw new ModelException(where + ": the upload was presigned for " + done.owner + ", not for this item; "
                            + "pass the model it was presigned for");
                }
                claim(claimed, done.request.id().bucket(), done.request.id().key(), spec.name(), where);
                plan.uploads.add(done);
            } else {
                plan.planS3(mapper, engine, spec, model, claimed);
            }
        }
        plan.converted = mapper.convert(plan.values);
        plan.checkSize(mapper);
        return plan;
    }

    /**
     * Where a direct upload into {@code spec} of the item {@code model} describes goes: the
     * layout's key for {@code filename}, checked like a save's, with the back-link metadata.
     * Only the key attributes are read; a key that would be generated is refused, since the
     * commit could not generate the same one.
     */
    static <T> PutBlobRequest directUpload(ItemMapper<T> mapper, Engine engine, T model, AttributeSpec<T> spec, String filename,
                                           String contentType) {
        String table = mapper.table();
        String where = "Table '" + table + "', attribute '" + spec.name() + "'";
        SavePlan<T> plan = new SavePlan<>();
        List<AttributeSpec<T>> keys = new ArrayList<>();
        keys.add(mapper.schema().partitionKey());
        mapper.schema().sortKey().ifPresent(keys::add);
        for (AttributeSpec<T> key : keys) {
            if (key.get(model) == null && key.defaultValue() == null && key.autoGenerate() != null) {
                throw new ModelException(where + ": key attribute '" + key.name() + "' is null and would be generated; set it "
                        + "before presigning an upload, so that the commit finds the same item");
            }
            plan.values.put(key.name(), resolve(key, model, engine, table));
        }
        plan.planKey(mapper);
        ObjectKeys.checkFilename(filename, where);
        return plan.destination(engine, spec, table, where, new HashMap<>(), filename, contentType,
                ObjectMetadata.forUpload(Map.of(), plan.owner(spec.name(), table), where));
    }

    /** The item's key and its text form (for object keys and back-links), from the resolved values. */
    private void planKey(ItemMapper<T> mapper) {
        AttributeSpec<T> pkSpec = mapper.schema().partitionKey();
        Object pk = values.get(pkSpec.name());
        key.put(pkSpec.name(), mapper.keyValue(pkSpec, pk));
        String pkText = mapper.keyText(pkSpec, pk);
        String skText = null;
        if (mapper.schema().sortKey().isPresent()) {
            AttributeSpec<T> skSpec = mapper.schema().sortKey().get();
            Object sk = values.get(skSpec.name());
            key.put(skSpec.name(), mapper.keyValue(skSpec, sk));
            skText = mapper.keyText(skSpec, sk);
        }
        this.pkText = pkText;
        this.skText = skText;
    }

    private static <T> Object resolve(AttributeSpec<T> spec, T model, Engine engine, String table) {
        Object value = spec.get(model);
        if (value == null && spec.defaultValue() != null) {
            value = spec.defaultValue();
        }
        if (value == null && spec.autoGenerate() != null) {
            value = generate(spec, engine);
        }
        if (value == null && spec.required()) {
            throw new ModelException("Table '" + table + "', attribute '" + spec.name() + "' is required but field '"
                    + spec.fieldName() + "' is null; set it, or give it a @Default");
        }
        return value;
    }

    private static Object generate(AttributeSpec<?> spec, Engine engine) {
        switch (spec.autoGenerate()) {
            case AutoGenerate.UTC_NOW: {
                Instant now = engine.clock().instant();
                return spec.javaType() == String.class ? now.toString() : now;
            }
            case AutoGenerate.UUID:
                return UUID.randomUUID().toString();
            case AutoGenerate.EPOCH_MILLIS:
                return engine.clock().millis();
            default:
                throw new ModelException("Unknown @AutoGenerate strategy '" + spec.autoGenerate() + "'");
        }
    }

    /**
     * Optimistic locking: a new model (version null or 0) is written only if no item has its
     * key; a loaded one only if the stored version is still the one it was loaded with.
     */
    private void planVersion(ItemMapper<T> mapper, T model) {
        if (mapper.schema().version().isEmpty()) {
            return;
        }
        AttributeSpec<T> spec = mapper.schema().version().get();
        Object current = spec.get(model);
        long version = current == null ? 0 : ((Number) current).longValue();
        if (version < 0) {
            throw new ModelException("Table '" + mapper.table() + "', @Version attribute '" + spec.name() + "' is " + version
                    + "; versions start at 0 (new) and only Stowage changes them");
        }
        conditions.add(version == 0
                ? ItemCondition.attributeNotExists(mapper.schema().partitionKey().name())
                : ItemCondition.equalTo(spec.name(), AttributeValue.fromN(Long.toString(version))));
        nextVersion = version + 1;
        values.put(spec.name(), nextVersion);
    }

    private void planS3(ItemMapper<T> mapper, Engine engine, AttributeSpec<T> spec, T model, Map<String, String> claimed) {
        String table = mapper.table();
        String where = "Table '" + table + "', attribute '" + spec.name() + "'";
        Object raw = spec.get(model);
        if (raw == null) {
            if (spec.required()) {
                throw new ModelException(where + " is required but field '" + spec.fieldName()
                        + "' is null; assign an S3File before saving");
            }
            return;
        }
        if (!(raw instanceof S3Value)) {
            throw new ModelException(where + ": field '" + spec.fieldName() + "' holds a " + raw.getClass().getName()
                    + ", not an S3Value");
        }
        S3Value value = (S3Value) raw;
        ObjectOwner owner = owner(spec.name(), table);
        if (value.isStored()) {
            if (!(value instanceof StoredS3Value)) {
                throw new ModelException(where + ": " + raw.getClass().getName() + " claims to be a stored object (s3://"
                        + value.bucket() + "/" + value.key() + ") but Stowage did not load or save it, so it cannot tell "
                        + "whose object it is; assign S3File.of(...) with the bytes, or a value loaded from a table");
            }
            StoredS3Value stored = (StoredS3Value) value;
            if (owner.equals(stored.owner())) {
                // The item keeps its own object; the write applies only if the stored item still
                // points at it, so a concurrent replacement (which deletes it) cannot be undone.
                claim(claimed, stored.bucket(), stored.key(), spec.name(), where);
                keptS3.put(spec.name(), S3ValueCodec.toAttribute(stored));
                // Key and etag: a key freed by a replacement can be claimed again for other bytes.
                conditions.add(ItemCondition.memberEqualTo(spec.name(), S3ValueCodec.KEY, AttributeValue.fromS(stored.key())));
                conditions.add(ItemCondition.memberEqualTo(spec.name(), S3ValueCodec.ETAG, AttributeValue.fromS(stored.etag())));
                return;
            }
            // Another item's object: this item gets a copy of its own, so deleting either keeps the other.
            // Its name came from a key another tool may have written, so it passes the same checks as a new file's.
            ObjectKeys.checkFilename(stored.filename(), where);
            PutBlobRequest request = destination(engine, spec, table, where, claimed, stored.filename(), stored.contentType(),
                    ObjectMetadata.forUpload(stored.metadata(), owner, where));
            uploads.add(PendingUpload.ofCopy(spec, owner, stored, request));
            return;
        }
        if (!(value instanceof S3File)) {
            throw new ModelException(where + ": " + raw.getClass().getName() + " is neither a stored S3Value nor an S3File");
        }
        S3File file = (S3File) value;
        ObjectKeys.checkFilename(file.filename(), where);
        PendingFile.checkUnread(file, where);
        for (PendingUpload<T> other : uploads) {
            if (other.file != null && PendingFile.sameStream(other.file, file)) {
                throw new ModelException(where + ": its S3File reads the same InputStream as attribute '" + other.spec.name()
                        + "', and one stream cannot fill two objects; give each attribute its own file");
            }
        }
        if (file.hasExplicitContentType()) {
            String problem = S3Rules.contentTypeProblem(file.contentType());
            if (problem != null) {
                throw new ModelException(where + ": " + problem);
            }
        }
        PutBlobRequest request = destination(engine, spec, table, where, claimed, file.filename(), file.contentType(),
                ObjectMetadata.forUpload(file.metadata(), owner, where));
        uploads.add(PendingUpload.ofFile(spec, owner, file, request));
    }

    /** The layout's seed key for a file of {@code spec} of the item whose key values read {@code pkText} and {@code skText}. */
    static String layoutKey(Engine engine, String table, AttributeSpec<?> spec, String pkText, String skText, String filename) {
        return engine.keyLayout().objectKey(KeyContext.builder().table(table).attribute(spec.name()).bucket(spec.s3().bucket())
                .prefix(spec.s3().prefix()).partitionKey(pkText).sortKey(skText).filename(filename).build());
    }

    /** The upload at the layout's seed key; the key and the key it may move to are checked here, before any upload. */
    private PutBlobRequest destination(Engine engine, AttributeSpec<T> spec, String table, String where,
                                       Map<String, String> claimed, String filename, String contentType,
                                       Map<String, String> metadata) {
        String bucket = spec.s3().bucket();
        boolean splitsOnHash = engine.keyLayout() instanceof DefaultKeyLayout;
        ObjectKeys.checkKeyValue(pkText, "partition key", splitsOnHash, where);
        if (skText != null) {
            ObjectKeys.checkKeyValue(skText, "sort key", false, where);
        }
        String objectKey;
        String derived;
        try {
            objectKey = layoutKey(engine, table, spec, pkText, skText, filename);
            derived = objectKey == null ? null : engine.keyLayout().derivedKey(objectKey, ObjectKeys.tokenPlaceholder());
        } catch (RuntimeException e) {
            throw new ModelException(where + ": the key layout failed: " + e.getMessage(), e);
        }
        if (objectKey == null || derived == null) {
            throw new ModelException(where + ": the key layout returned no key");
        }
        ObjectKeys.checkKey(objectKey, where);
        ObjectKeys.checkKeySegments(objectKey, where);
        if (!derived.contains(ObjectKeys.tokenPlaceholder()) || derived.equals(objectKey)) {
            throw new ModelException(where + ": the key layout's derivedKey must contain the token it is given; got '"
                    + derived + "' for '" + objectKey + "'");
        }
        ObjectKeys.checkKey(derived, where + " (the key an upload moves to when '" + objectKey + "' is taken)");
        longestKeys.put(spec.name(), longer(objectKey, derived));
        claim(claimed, bucket, objectKey, spec.name(), where);
        return PutBlobRequest.builder()
                .id(BlobId.of(bucket, objectKey, spec.s3().region()))
                .contentType(contentType)
                .userMetadata(metadata)
                .encryption(engine.encryptionOf(spec, where))
                .build();
    }

    private static void claim(Map<String, String> claimed, String bucket, String key, String attribute, String where) {
        String other = claimed.putIfAbsent(bucket + "\u0000" + key, attribute);
        if (other != null) {
            throw new ModelException(where + ": its object s3://" + bucket + "/" + key + " is also the object of attribute '"
                    + other + "' of the same item; give the files different names");
        }
    }

    private void checkSize(ItemMapper<T> mapper) {
        long size = ItemSize.of(converted) + ItemSize.of(keptS3);
        for (PendingUpload<T> upload : uploads) {
            size += ItemSize.ofAttribute(upload.spec.name(), placeholder(upload));
        }
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new ModelException("Table '" + mapper.table() + "': the item for key " + key + " would be about " + size
                    + " bytes, over DynamoDB's limit of " + ItemSize.MAX_ITEM_BYTES
                    + "; move large values into an @S3Attribute (nothing was uploaded)");
        }
    }

    /**
     * A stand-in for the map an upload will add, each field at least as long as it can be: the
     * longest key the layout may give it, the largest size, and so on.
     */
    private AttributeValue placeholder(PendingUpload<T> upload) {
        String checksum = upload.isCopy() ? longer(CHECKSUM_PLACEHOLDER, upload.source.checksum().orElse(""))
                : CHECKSUM_PLACEHOLDER;
        // A committed direct upload's key is final; a file's may move to its derived key.
        String key = longestKeys.getOrDefault(upload.spec.name(), upload.seedKey());
        return S3ValueCodec.encode(upload.request.id().bucket(), key, Long.toString(Long.MAX_VALUE), ETAG_PLACEHOLDER,
                upload.request.contentType(), TIME_PLACEHOLDER, VERSION_PLACEHOLDER, checksum, upload.userMetadata());
    }

    private static String longer(String a, String b) {
        return Utf8.length(b) > Utf8.length(a) ? b : a;
    }
}
