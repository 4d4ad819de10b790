package io.stowage.provider.inmemory;

import java.util.regex.Pattern;

/**
 * S3's bucket naming rules: 3 to 63 characters of lowercase letters, digits, dots and
 * hyphens, starting and ending with a letter or digit, no two adjacent dots, and not
 * shaped like an IP address.
 *
 * <pre>{@code
 * BucketNames.validate("company-docs");   // fine
 * BucketNames.validate("Company_Docs");   // StoreException INVALID_INPUT
 * }</pre>
 */
final class BucketNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    /** Throws INVALID_INPUT, naming the bucket and the rule broken, unless the name is valid. */
    static void validate(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw Failures.invalid("Bucket name must not be empty");
        }
        if (!VALID.matcher(bucket).matches()) {
            throw Failures.invalid("Invalid bucket name '" + bucket + "': use 3 to 63 lowercase letters, digits, dots"
                    + " and hyphens, starting and ending with a letter or digit").bucket(bucket);
        }
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            throw Failures.invalid("Invalid bucket name '" + bucket + "': dots must not be next to a dot or hyphen")
                    .bucket(bucket);
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            throw Failures.invalid("Invalid bucket name '" + bucket + "': must not look like an IP address").bucket(bucket);
        }
    }
}
