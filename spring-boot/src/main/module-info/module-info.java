/**
 * Spring Boot auto-configuration for Stowage. Micrometer, {@code stowage-micrometer} and
 * Spring Boot's health support are optional: what is missing is simply not configured.
 *
 * <pre>{@code
 * module com.example.documents {
 *     requires io.stowage.spring;
 * }
 * }</pre>
 */
module io.stowage.spring {
    requires transitive io.stowage.api;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires spring.core;
    requires static spring.boot.health;
    requires static io.stowage.micrometer;
    requires static micrometer.core;
    requires static micrometer.observation;

    exports io.stowage.spring;
    opens io.stowage.spring to spring.core, spring.beans, spring.context;
}
