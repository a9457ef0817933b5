package dev.cairn.sql.ops;

/**
 * What a successful merge did, in {@code dolt_merge}'s result columns: the branch's head
 * afterwards, whether it was a fast-forward, the number of conflicts (always 0 here: a
 * conflicting merge is an error, see {@link MergeOp}) and a message.
 */
public record MergeOutcome(String hash, boolean fastForward, long conflicts, String message) {
}
