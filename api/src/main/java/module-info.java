/**
 * The API applications use: {@code io.stowage} and its annotations. {@code io.stowage.internal}
 * is not exported. Model classes are read reflectively, so a module that holds models opens
 * their package to this one.
 *
 * <pre>{@code
 * module com.example.documents {
 *     requires io.stowage.api;
 *     opens com.example.documents.model to io.stowage.api;
 * }
 * }</pre>
 */
module io.stowage.api {
    requires transitive io.stowage.spi;
    requires io.stowage.s3support;
    requires org.slf4j;

    exports io.stowage;
    exports io.stowage.annotations;

    uses io.stowage.spi.BlobStoreProvider;
    uses io.stowage.spi.ItemStoreProvider;
}
