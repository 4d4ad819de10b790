package io.stowage.internal;

import io.stowage.S3Value;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item form of a stored file: {@code {bucket, key, size, etag, content_type,
 * last_modified, version_id?, metadata?, checksum?}}, snake_case as in pydynox (which
 * ignores the fields it does not know, such as {@code checksum}).
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * StoredS3Value value = S3ValueCodec.fromAttribute(item.get("content"), access, owner);
 * }</pre>
 */
public final class S3ValueCodec {

    public static final String BUCKET = "bucket";
    public static final String KEY = "key";
    public static final String SIZE = "size";
    public static final String ETAG = "etag";
    public static final String CONTENT_TYPE = "content_type";
    public static final String LAST_MODIFIED = "last_modified";
    public static final String VERSION_ID = "version_id";
    public static final String METADATA = "metadata";
    /** The CRC32C of the bytes, {@code "crc32c:" + base64}; absent in items written without one. */
    public static final String CHECKSUM = "checksum";

    private S3ValueCodec() {
    }

    /** The map stored in the item for a stored value. */
    public static AttributeValue toAttribute(S3Value v) {
        return encode(v.bucket(), v.key(), Long.toString(v.size()), v.etag(), v.contentType(),
                v.lastModified().map(IsoInstants::format).orElse(null), v.versionId().orElse(null), v.checksum().orElse(null),
                v.metadata());
    }

    /**
     * The item map of a file from its fields, the optional ones {@code null} when absent: the
     * one list of the fields, which the size check's stand-in for a file not yet uploaded
     * goes through too, so that the stand-in cannot miss one.
     */
    static AttributeValue encode(String bucket, String key, String size, String etag, String contentType,
                                 String lastModified, String versionId, String checksum, Map<String, String> metadata) {
        AttributeValue.MapBuilder m = AttributeValue.mapBuilder();
        m.put(BUCKET, AttributeValue.fromS(bucket));
        m.put(KEY, AttributeValue.fromS(key));
        m.put(SIZE, AttributeValue.fromN(size));
        m.put(ETAG, AttributeValue.fromS(etag));
        m.put(CONTENT_TYPE, AttributeValue.fromS(contentType));
        if (lastModified != null) {
            m.put(LAST_MODIFIED, AttributeValue.fromS(lastModified));
        }
        if (versionId != null) {
            m.put(VERSION_ID, AttributeValue.fromS(versionId));
        }
        if (checksum != null) {
            m.put(CHECKSUM, AttributeValue.fromS(checksum));
        }
        if (!metadata.isEmpty()) {
            AttributeValue.MapBuilder meta = AttributeValue.mapBuilder();
            metadata.forEach((k, val) -> meta.put(k, AttributeValue.fromS(val)));
            m.put(METADATA, meta.build());
        }
        return m.build();
    }

    /** The stored value described by an item map, bound to a blob store for lazy reads. */
    public static StoredS3Value fromAttribute(AttributeValue value, BlobAccess access, ObjectOwner owner) {
        Map<String, AttributeValue> m = value.m();
        Map<String, String> meta = java.util.Collections.emptyMap();
        AttributeValue metaAttr = m.get(METADATA);
        if (metaAttr != null && metaAttr.type() == AttributeValue.Type.M && !metaAttr.m().isEmpty()) {
            Map<String, String> read = new LinkedHashMap<>();
            metaAttr.m().forEach((k, v) -> read.put(k, v.s()));
            meta = read;
        }
        AttributeValue lastModified = m.get(LAST_MODIFIED);
        AttributeValue versionId = m.get(VERSION_ID);
        AttributeValue checksum = m.get(CHECKSUM);
        return new StoredS3Value(access, owner, required(m, BUCKET).s(), required(m, KEY).s(), Long.parseLong(required(m, SIZE).n()),
                required(m, ETAG).s(), m.containsKey(CONTENT_TYPE) ? m.get(CONTENT_TYPE).s() : ContentTypes.DEFAULT,
                lastModified == null ? null : IsoInstants.parse(lastModified.s()),
                versionId == null ? null : versionId.s(), meta,
                checksum == null || checksum.type() != AttributeValue.Type.S ? null : checksum.s());
    }

    /** The stored value for a fresh upload. */
    public static StoredS3Value fromUpload(BlobInfo info, String contentType, Map<String, String> userMetadata, BlobAccess access,
                                           ObjectOwner owner, String checksum) {
        return new StoredS3Value(access, owner, info.id().bucket(), info.id().key(), info.size(), info.etag(),
                contentType, info.lastModified(), info.versionId().orElse(null), userMetadata, checksum);
    }

    /** The bucket and key an item map points at, or {@code null} when it is not an S3 map. */
    public static ObjectRef refOf(AttributeValue value) {
        if (value == null || value.type() != AttributeValue.Type.M) {
            return null;
        }
        AttributeValue bucket = value.m().get(BUCKET);
        AttributeValue key = value.m().get(KEY);
        if (bucket == null || key == null || bucket.type() != AttributeValue.Type.S || key.type() != AttributeValue.Type.S) {
            return null;
        }
        AttributeValue version = value.m().get(VERSION_ID);
        AttributeValue etag = value.m().get(ETAG);
        return new ObjectRef(bucket.s(), key.s(), version == null ? null : version.s(),
                etag == null || etag.type() != AttributeValue.Type.S ? null : etag.s());
    }

    private static AttributeValue required(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the S3 attribute map has no '" + name + "'");
        }
        return v;
    }
}
