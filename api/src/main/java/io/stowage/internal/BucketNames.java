package io.stowage.internal;

import java.util.regex.Pattern;

/** S3's bucket naming rules (the general-purpose bucket rules, without the legacy ones). */
public final class BucketNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {
    }

    public static boolean isValid(String bucket) {
        return bucket != null && VALID.matcher(bucket).matches() && !bucket.contains("..") && !IP.matcher(bucket).matches();
    }
}
