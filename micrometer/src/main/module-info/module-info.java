/**
 * Stowage's store calls and operations as Micrometer meters and observations.
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
    requires transitive micrometer.observation;

    exports io.stowage.micrometer;
}
