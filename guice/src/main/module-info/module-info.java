/**
 * The Guice module that binds {@code Stowage} and the application's tables.
 *
 * <pre>{@code
 * module com.example.documents {
 *     requires io.stowage.guice;
 *     opens com.example.documents.model to io.stowage.api;
 * }
 * }</pre>
 */
module io.stowage.guice {
    requires transitive io.stowage.api;
    requires transitive com.google.guice;

    exports io.stowage.guice;
}
