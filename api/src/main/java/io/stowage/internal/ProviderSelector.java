package io.stowage.internal;

import io.stowage.StowageException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chooses one provider among those {@link ServiceLoader} finds: the one named, or the
 * only one; otherwise an error that says what to add or which names exist.
 * Internal, not API: public only because {@code Stowage.Builder} in {@code io.stowage}
 * calls it.
 *
 * <pre>{@code
 * BlobStoreProvider p = ProviderSelector.select(BlobStoreProvider.class, BlobStoreProvider::name, "s3",
 *         "blob store", "stowage.blobstore", "io.stowage:stowage-provider-aws-s3", loader);
 * }</pre>
 */
public final class ProviderSelector {

    private ProviderSelector() {
    }

    public static <P> P select(Class<P> type, Function<P, String> nameOf, String wanted, String kind,
                               String propertyName, String artifacts, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        try {
            for (P p : ServiceLoader.load(type, loader)) {
                found.add(p);
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new StowageException("A " + kind + " provider on the classpath could not be loaded: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new StowageException("No " + kind + " provider found on the classpath; add one of " + artifacts
                    + ", or pass a provider to Stowage.builder()");
        }
        String names = found.stream().map(nameOf).sorted().collect(Collectors.joining(", "));
        if (wanted != null) {
            for (P p : found) {
                if (wanted.equals(nameOf.apply(p))) {
                    return p;
                }
            }
            throw new StowageException("No " + kind + " provider named '" + wanted + "' (set by " + propertyName
                    + "); found: " + names);
        }
        if (found.size() > 1) {
            throw new StowageException("Several " + kind + " providers found (" + names + "); choose one with the system property "
                    + propertyName + "=NAME, or StowageConfig.builder()." + (kind.startsWith("blob") ? "blobStoreProvider" : "itemStoreProvider")
                    + "(NAME)");
        }
        return found.get(0);
    }
}
