package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's sort key: a String, a number or a byte[] field. At most one per model.
 *
 * <pre>{@code
 * @SortKey @Default("v1") String sk;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SortKey {
}
