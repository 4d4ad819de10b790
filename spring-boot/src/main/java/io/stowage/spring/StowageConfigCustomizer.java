package io.stowage.spring;

import io.stowage.StowageConfig;

/**
 * Changes the {@link StowageConfig} the auto-configuration builds from the {@code stowage.*}
 * properties, before the {@code Stowage} bean is created: the place for a key layout, an
 * orphan listener or a listener of your own. Every bean of this type is applied, in
 * {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * StowageConfigCustomizer orphansToAlerts(Alerts alerts) {
 *     return config -> config.orphanListener(orphan -> alerts.raise(orphan.toString()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StowageConfigCustomizer {

    /** Changes {@code config}, which already holds the {@code stowage.*} properties. */
    void customize(StowageConfig.Builder config);
}
