package io.stowage.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores an {@code S3Value} field's file in a bucket; only its metadata goes in the item.
 *
 * <pre>{@code
 * @S3Attribute(bucket = "company-docs", prefix = "documents/") S3Value content;
 * @S3Attribute(bucket = "eu-archive", region = "eu-west-1", required = true) S3Value original;
 * @S3Attribute(bucket = "medical", sse = Sse.KMS, kmsKeyId = "alias/records") S3Value scan;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface S3Attribute {

    /** The bucket the files go to. */
    String bucket();

    /** A key prefix, such as {@code "documents/"}. */
    String prefix() default "";

    /** The bucket's region, when it differs from the blob store's. */
    String region() default "";

    /** Whether a save without a file is refused. */
    boolean required() default false;

    /** How the store encrypts the objects at rest (default: the bucket's default). */
    Sse sse() default Sse.NONE;

    /** The KMS key of {@link Sse#KMS} (an id, ARN or alias); empty for the account's default key. */
    String kmsKeyId() default "";
}
