package dev.cairn.remotes.sync;

import java.io.IOException;

/**
 * Writing the destination's manifest failed in a way that does not say whether it happened
 * (a timeout, a dropped connection). The destination is consistent either way, but nothing
 * the sync uploaded may be deleted on the assumption that it is unreferenced; syncing again
 * settles it.
 */
public class SyncCommitUnknownException extends IOException {
    private static final long serialVersionUID = 1L;

    public SyncCommitUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
