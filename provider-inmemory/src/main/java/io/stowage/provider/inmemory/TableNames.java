package io.stowage.provider.inmemory;

import java.util.regex.Pattern;

/**
 * DynamoDB's table naming rule: 3 to 255 letters, digits, underscores, hyphens and dots.
 *
 * <pre>{@code
 * TableNames.validate("documents");   // fine
 * TableNames.validate("my table");    // StoreException INVALID_INPUT
 * }</pre>
 */
final class TableNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private TableNames() {
    }

    static void validate(String table) {
        if (table == null || !VALID.matcher(table).matches()) {
            throw Failures.invalid("Invalid table name '" + table + "': use 3 to 255 letters, digits, '_', '-' and '.'")
                    .withTable(table);
        }
    }
}
