package io.stowage.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageListener;
import io.stowage.Table;
import io.stowage.micrometer.MicrometerStowageListener;
import io.stowage.micrometer.ObservationStowageListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration for Stowage:
 * <ul>
 *   <li>a {@link Stowage} bean built from the {@code stowage.*} properties (provider choice,
 *       region, endpoint, credentials, timeouts, per-store overrides; the README lists them),
 *       every {@link StowageListener} bean and every {@link StowageConfigCustomizer}, and
 *       closed with the context;</li>
 *   <li>a {@code Table<T>} bean for every {@code @ModelConfig} class under
 *       {@code stowage.tables.packages} (by default the application's own package) and in
 *       {@code stowage.tables.classes} ({@link StowageTableRegistrar});</li>
 *   <li>meters and observations when Micrometer and {@code stowage-micrometer} are present and
 *       the application has a {@code MeterRegistry} or {@code ObservationRegistry};</li>
 *   <li>a health indicator, {@code stowage}, that checks every table and bucket the tables use
 *       ({@link StowageHealthIndicator}).</li>
 * </ul>
 * A {@code Stowage} bean of the application's own replaces the one built here.
 *
 * <pre>{@code
 * # application.yml
 * stowage:
 *   region: eu-west-1
 *   blobstore:
 *     provider: s3
 *     api-call-timeout: 30s
 *   tables:
 *     packages: com.example.documents
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(Stowage.class)
public class StowageAutoConfiguration {

    /** The Stowage of this application, closed when the context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Stowage stowage(Environment environment, ObjectProvider<StowageListener> listeners,
                           ObjectProvider<StowageConfigCustomizer> customizers) {
        StowageConfig.Builder config = SpringStowageSettings.read(environment).toBuilder();
        listeners.orderedStream().forEach(config::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(config));
        return Stowage.builder().config(config.build()).build();
    }

    /** Registers the {@code Table<T>} beans; static, since it runs before any bean exists. */
    @Bean
    public static StowageTableRegistrar stowageTableRegistrar() {
        return new StowageTableRegistrar();
    }

    /** Meters and observations, when the application has Micrometer and {@code stowage-micrometer}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, MicrometerStowageListener.class})
    static class MicrometerConfiguration {

        /**
         * Looked up when the Stowage bean is built, not when this configuration is read, so
         * that it does not depend on the order in which Spring's metrics configuration runs.
         */
        @Bean
        StowageConfigCustomizer stowageMicrometerCustomizer(ObjectProvider<MeterRegistry> meters,
                                                            ObjectProvider<ObservationRegistry> observations) {
            return config -> {
                meters.ifAvailable(registry -> config.listener(MicrometerStowageListener.create(registry)));
                observations.ifAvailable(registry -> config.listener(ObservationStowageListener.create(registry)));
            };
        }
    }

    /** The {@code stowage} health indicator, when Spring Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBooleanProperty(name = "stowage.health.enabled", matchIfMissing = true)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "stowageHealthIndicator")
        StowageHealthIndicator stowageHealthIndicator(Stowage stowage, ObjectProvider<Table<?>> tables) {
            return new StowageHealthIndicator(stowage, tables);
        }
    }
}
