package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optimistic locking, as the DynamoDB Enhanced Client's version attribute: on a
 * {@code long} or {@code Long} field, a save writes only if the stored item still has the
 * version the model was loaded with (or there is no item, for a new model: version
 * {@code null} or 0), and stores the next version; a save or delete of a stale model fails
 * with {@code ConditionFailedException} and leaves nothing behind (its uploads are deleted).
 *
 * <pre>{@code
 * @ModelConfig(table = "documents")
 * public class Document {
 *     @PartitionKey String pk;
 *     @Version Long version;        // null until the first save, then 1, 2, ...
 *     @S3Attribute(bucket = "company-docs") S3Value content;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Version {
}
