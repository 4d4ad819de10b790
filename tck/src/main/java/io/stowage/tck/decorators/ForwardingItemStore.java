package io.stowage.tck.decorators;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCapability;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.TableDefinition;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ItemStore} that forwards every call to another; subclasses override the calls
 * they want to observe or change. Closing it closes the delegate, because a decorator
 * owns the store it wraps.
 *
 * <pre>{@code
 * ItemStore blind = new ForwardingItemStore(store) {
 *     public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest r) {
 *         return super.put(PutItemRequest.builder().table(r.table()).item(r.item()).build());
 *     }
 * };
 * }</pre>
 */
public class ForwardingItemStore implements ItemStore {

    private final ItemStore delegate;

    public ForwardingItemStore(ItemStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped store. */
    protected ItemStore delegate() {
        return delegate;
    }

    @Override
    public Set<ItemCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public CompletableFuture<Boolean> createTable(TableDefinition definition) {
        return delegate.createTable(definition);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
        return delegate.put(request);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> get(ItemKeyRequest request) {
        return delegate.get(request);
    }

    @Override
    public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
        return delegate.delete(request);
    }

    @Override
    public CompletableFuture<ItemPage> query(QueryRequest request) {
        return delegate.query(request);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
