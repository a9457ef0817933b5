package dev.cairn.sql.ops;

import dev.cairn.sql.SqlException;

/**
 * The error of an operation whose arguments were checked but whose engine is not built yet
 * (the sync engine of step 5): the user learns that the call was well formed and what is missing.
 */
public final class NotAvailable {
    private NotAvailable() {
    }

    public static SqlException sync(String operation) {
        return new SqlException(SqlException.ER_NOT_SUPPORTED, "0A000",
                operation + " is not available yet: the sync engine is still being built");
    }
}
