package io.stowage.internal;

import java.util.regex.Pattern;

/**
 * S3's bucket naming rules (the general-purpose bucket rules, without the legacy ones).
 * Internal, not API: public only because {@code Stowage} in {@code io.stowage} checks
 * names with it before creating a bucket.
 *
 * <pre>{@code
 * BucketNames.isValid("company-docs");   // true; "Company_Docs" is false
 * }</pre>
 */
public final class BucketNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {
    }

    public static boolean isValid(String bucket) {
        return bucket != null && VALID.matcher(bucket).matches() && !bucket.contains("..") && !IP.matcher(bucket).matches();
    }
}
