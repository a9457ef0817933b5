package dev.cairn.sql.ops;

import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.TransferDirection;
import dev.cairn.sql.SessionContext;

/** The progress listener every transfer op hands the sync engine: the session's, plus a test hook. */
final class TransferListeners {
    /**
     * Test-only: when set to a number of milliseconds, every progress report of a transfer
     * waits that long, so that an end-to-end test can kill a sync of a small database while it
     * is still uploading, from the CLI and from {@code dolt_backup} alike. Reports come as each
     * table file lands, so this slows a transfer per file without changing what it writes.
     */
    static final String SLOW_TRANSFER_ENV = "CAIRN_TEST_SLOW_TRANSFER_MS";

    private TransferListeners() {
    }

    static ProgressListener of(SessionContext session, TransferDirection direction) {
        ProgressListener listener = session.progress(direction);
        long delayMillis = slowTransferMillis(session.environment(SLOW_TRANSFER_ENV));
        if (delayMillis <= 0) {
            return listener;
        }
        return p -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener.progress(p);
        };
    }

    private static long slowTransferMillis(String v) {
        try {
            return v == null || v.isBlank() ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
