package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value used when the field is {@code null} at save time, and for a sort key that
 * {@code Table.get(pk)} leaves out. Parsed to the field's type (strings, numbers,
 * booleans, enums, ISO-8601 instants).
 *
 * <pre>{@code
 * @SortKey @Default("v1") String sk;
 * @Default("0") int retries;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Default {

    /** The default, as text. */
    String value();
}
