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

    public ObjectRef(String bucket, String key, String versionId) {
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
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

    /** Same bucket and key, whatever the version. */
    public boolean sameObject(ObjectRef other) {
        return other != null && bucket.equals(other.bucket) && key.equals(other.key);
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
