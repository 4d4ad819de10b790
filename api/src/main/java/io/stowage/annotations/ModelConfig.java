package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a Stowage model stored in {@link #table()}.
 *
 * <pre>{@code
 * @ModelConfig(table = "documents")
 * public class Document { @PartitionKey String pk; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelConfig {

    /** The table name, used exactly as given. */
    String table();
}
