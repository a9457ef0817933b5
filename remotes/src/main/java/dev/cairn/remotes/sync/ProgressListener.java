package dev.cairn.remotes.sync;

/**
 * Told as a sync moves bytes. Called from the engine's worker threads, one call at a time,
 * so an implementation needs no locking of its own but must be quick.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> {
    };

    void progress(SyncProgress progress);
}
