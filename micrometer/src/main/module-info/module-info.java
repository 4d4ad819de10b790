/**
 * Stowage's store calls and operations as Micrometer meters.
 *
 * <pre>{@code
 * module com.example.documents {
 *     requires io.stowage.micrometer;
 * }
 * }</pre>
 */
module io.stowage.micrometer {
    requires transitive io.stowage.api;
    requires transitive micrometer.core;

    exports io.stowage.micrometer;
}
