package dev.cairn.remotes.sync;

/**
 * Which way a transfer moves data as the user sees it, so a progress display can show Dolt's
 * line for it. The engine cannot tell (it never knows which side is remote); the service
 * that starts a sync can.
 */
public enum TransferDirection {
    /** Backup sync and push: local data goes to a remote. */
    UPLOAD,
    /** Fetch, pull, clone and restore: remote data comes here. */
    DOWNLOAD;

    /** The progress line for {@code p}: {@code Uploaded ...} or {@code Downloaded ...}. */
    public String line(SyncProgress p) {
        return this == UPLOAD ? ProgressFormat.uploaded(p) : ProgressFormat.downloaded(p);
    }
}
