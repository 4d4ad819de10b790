package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.put;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreSettings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreVersioningTest {

    private final InMemoryBlobStore store = InMemoryBlobStore.builder().versioning(true).build();
    private final BlobId id = BlobId.of("docs", "a.txt");

    @BeforeEach
    void bucket() {
        store.createBucket("docs", null).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private GetBlobRequest version(String versionId) {
        return GetBlobRequest.builder().id(id).versionId(versionId).build();
    }

    @Test
    void capabilitiesIncludeVersioningOnlyWhenEnabled() {
        assertThat(store.capabilities()).contains(BlobCapability.VERSIONING);
        try (InMemoryBlobStore plain = InMemoryBlobStore.create()) {
            assertThat(plain.capabilities()).doesNotContain(BlobCapability.VERSIONING)
                    .contains(BlobCapability.PRESIGN_GET, BlobCapability.PRESIGN_PUT, BlobCapability.PRESIGN_EXPIRY_ENFORCED,
                            BlobCapability.PRESIGN_TAMPER_CHECKED, BlobCapability.MULTIPART_ETAG,
                            BlobCapability.RANGE_READ, BlobCapability.IF_MATCH)
                    .doesNotContain(BlobCapability.CREDENTIALS_CHECKED, BlobCapability.MULTIPART_PARALLEL);
        }
    }

    @Test
    void versioningCanBeTurnedOnBySettingsProperty() {
        try (BlobStore fromSettings = new InMemoryBlobStoreProvider().create(StoreSettings.builder()
                .property(InMemoryBlobStore.VERSIONING_PROPERTY, "true").build())) {
            assertThat(fromSettings.capabilities()).contains(BlobCapability.VERSIONING);
        }
        try (BlobStore off = new InMemoryBlobStoreProvider().create(StoreSettings.defaults())) {
            assertThat(off.capabilities()).doesNotContain(BlobCapability.VERSIONING);
        }
    }

    @Test
    void unknownVersionIsObjectNotFoundAndDeletingItCompletesNormally() {
        put(store, "docs", "a.txt", utf8("one"));
        assertThat(failure(store.getBytes(version("no-such-version"))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
        store.delete(DeleteBlobRequest.builder().id(id).versionId("no-such-version").build()).join();
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("one"));
    }
}
