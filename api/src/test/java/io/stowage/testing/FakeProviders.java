package io.stowage.testing;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobPage;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.BlobStore;
import io.stowage.spi.BlobStoreProvider;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ItemStoreProvider;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.spi.TableDefinition;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Providers that only exist to test provider discovery: every operation fails UNSUPPORTED. */
public final class FakeProviders {

    private FakeProviders() {
    }

    private static <T> CompletableFuture<T> unsupported() {
        return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED, "fake store"));
    }

    /** Registered as "fake-a". */
    public static final class ProviderA implements BlobStoreProvider {
        @Override
        public String name() {
            return "fake-a";
        }

        @Override
        public BlobStore create(StoreSettings settings) {
            return new FakeBlobStore(name());
        }
    }

    /** Registered as "fake-b". */
    public static final class ProviderB implements BlobStoreProvider {
        @Override
        public String name() {
            return "fake-b";
        }

        @Override
        public BlobStore create(StoreSettings settings) {
            return new FakeBlobStore(name());
        }
    }

    /** Registered as "fake-items". */
    public static final class ItemProvider implements ItemStoreProvider {
        @Override
        public String name() {
            return "fake-items";
        }

        @Override
        public ItemStore create(StoreSettings settings) {
            return new FakeItemStore();
        }
    }

    /** A blob store that refuses everything. */
    public static final class FakeBlobStore implements BlobStore {
        public final String name;
        public volatile boolean closed;

        public FakeBlobStore(String name) {
            this.name = name;
        }

        @Override
        public Set<BlobCapability> capabilities() {
            return Set.of();
        }

        @Override
        public CompletableFuture<Void> createBucket(String bucket, String region) {
            return unsupported();
        }

        @Override
        public CompletableFuture<Boolean> bucketExists(String bucket, String region) {
            return unsupported();
        }

        @Override
        public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
            return unsupported();
        }

        @Override
        public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
            return unsupported();
        }

        @Override
        public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
            return unsupported();
        }

        @Override
        public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
            return unsupported();
        }

        @Override
        public CompletableFuture<Void> delete(DeleteBlobRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<BlobPage> list(ListBlobsRequest request) {
            return unsupported();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An item store that refuses everything. */
    public static final class FakeItemStore implements ItemStore {
        public volatile boolean closed;

        @Override
        public Set<ItemCapability> capabilities() {
            return Set.of();
        }

        @Override
        public CompletableFuture<Boolean> createTable(TableDefinition definition) {
            return unsupported();
        }

        @Override
        public CompletableFuture<Optional<Map<String, io.stowage.spi.AttributeValue>>> put(PutItemRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<Optional<Map<String, io.stowage.spi.AttributeValue>>> get(ItemKeyRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<Optional<Map<String, io.stowage.spi.AttributeValue>>> delete(ItemKeyRequest request) {
            return unsupported();
        }

        @Override
        public CompletableFuture<ItemPage> query(QueryRequest request) {
            return unsupported();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
