package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Renames an attribute in the item, or makes it required. Fields without it are
 * attributes too, named after the field.
 *
 * <pre>{@code
 * @Attribute(name = "doc_name", required = true) String name;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Attribute {

    /** The item attribute name; the field name when empty. */
    String name() default "";

    /** Whether a save with this field {@code null} (after defaults) is refused. */
    boolean required() default false;
}
