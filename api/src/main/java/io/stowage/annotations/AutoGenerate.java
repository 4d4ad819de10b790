package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates the field's value at save time when it is {@code null}.
 *
 * <pre>{@code
 * @AutoGenerate(AutoGenerate.UTC_NOW) Instant uploadedAt;
 * @AutoGenerate(AutoGenerate.UUID) String id;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface AutoGenerate {

    /** The current UTC time: for {@code Instant} fields, or ISO-8601 text for {@code String} fields. */
    String UTC_NOW = "utc_now";

    /** A random UUID (version 4), for {@code String} fields. */
    String UUID = "uuid4";

    /** Milliseconds since the epoch, for {@code long}/{@code Long} fields. */
    String EPOCH_MILLIS = "epoch_millis";

    /** The strategy: one of the constants of this annotation. */
    String value();
}
