package dev.cairn.remotes.sync;

import java.util.List;

/**
 * What a prune did.
 *
 * @param quiescent false if the destination changed within the grace period, in which case
 *     nothing was deleted
 * @param reason why it was not quiescent; empty when it was
 * @param deleted the table files deleted
 * @param bytesFreed their total length
 */
public record PruneResult(boolean quiescent, String reason, List<String> deleted, long bytesFreed) {
    public PruneResult {
        deleted = List.copyOf(deleted);
    }
}
