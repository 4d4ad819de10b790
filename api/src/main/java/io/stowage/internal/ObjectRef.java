package io.stowage.internal;

import java.util.Objects;

/**
 * A bucket and key (and version, if any) that an item points at.
 * Internal, not API: public like its neighbours, though only this package uses it.
 *
 * <pre>{@code
 * boolean replaced = !new ObjectRef("company-docs", "docs/a.pdf", null).sameObject(S3ValueCodec.refOf(old));
 * }</pre>
 */
public final class ObjectRef {

    private final String bucket;
    private final String key;
    private final String versionId;
    private final String etag;

    public ObjectRef(String bucket, String key, String versionId) {
        this(bucket, key, versionId, null);
    }

    /** With the etag the item recorded, so that a delete can tell the recorded object from a newer one at its key. */
    public ObjectRef(String bucket, String key, String versionId, String etag) {
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
        this.etag = etag;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String versionId() {
        return versionId;
    }

    /** The etag the item recorded, or {@code null} when unknown. */
    public String etag() {
        return etag;
    }

    /** Same bucket and key, whatever the version. */
    public boolean sameObject(ObjectRef other) {
        return other != null && bucket.equals(other.bucket) && key.equals(other.key);
    }

    /** The same bytes at the same key: bucket, key, and the etag and version where both sides know them. */
    public boolean sameContent(ObjectRef other) {
        return sameObject(other) && (etag == null || other.etag == null || etag.equals(other.etag))
                && (versionId == null || other.versionId == null || versionId.equals(other.versionId));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectRef && sameObject((ObjectRef) o) && Objects.equals(versionId, ((ObjectRef) o).versionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
