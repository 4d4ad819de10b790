/**
 * The technology compatibility kit: abstract JUnit 5 tests every blob store, item store and
 * provider pairing runs. Open, because JUnit reads the kit's test methods reflectively.
 *
 * <pre>{@code
 * open module com.example.mystore.test {
 *     requires io.stowage.tck;
 *     requires com.example.mystore;
 * }
 * }</pre>
 */
open module io.stowage.tck {
    requires transitive io.stowage.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;
    requires java.net.http;
    requires jdk.httpserver;

    exports io.stowage.tck;
    exports io.stowage.tck.decorators;
    exports io.stowage.tck.model;
    exports io.stowage.tck.net;
}
