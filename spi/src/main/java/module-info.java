/**
 * The contracts providers implement: blob and item stores, their requests, settings and
 * errors. JDK only.
 *
 * <pre>{@code
 * module com.example.mystore {
 *     requires io.stowage.spi;
 *     provides io.stowage.spi.BlobStoreProvider with com.example.mystore.MyBlobStoreProvider;
 * }
 * }</pre>
 */
module io.stowage.spi {
    exports io.stowage.spi;
}
