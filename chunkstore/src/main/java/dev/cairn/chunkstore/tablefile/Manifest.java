package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Hash;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The one mutable record of a table-file store: the root, the live table
 * files, and a lock token that is fresh in every write, so that the blob
 * store's compare-and-swap can never mistake a new manifest for an old one.
 *
 * <p>The GC generation changes with every garbage collection and with nothing
 * else. A writer whose uncommitted work began under an older generation may be
 * relying on chunks the collection removed, so its commit must check before it
 * may land (see {@link TableFileGc}).
 *
 * @param lockToken unique per written manifest
 * @param root the store's root chunk, {@link Hash#EMPTY} if none
 * @param tables the live table files, oldest first
 * @param gcGeneration names the last garbage collection; empty if there was none
 */
public record Manifest(String lockToken, Hash root, List<TableFileSummary> tables, String gcGeneration) {
    public Manifest {
        tables = List.copyOf(tables);
        Objects.requireNonNull(gcGeneration, "gcGeneration");
    }

    /** A manifest of a store that was never garbage collected. */
    public Manifest(String lockToken, Hash root, List<TableFileSummary> tables) {
        this(lockToken, root, tables, "");
    }

    /** The manifest of a store that was never written. */
    public static final Manifest EMPTY = new Manifest("", Hash.EMPTY, List.of());

    /** A first manifest, with a fresh lock token. Later ones should be {@link #successor}s, which keep the generation. */
    public static Manifest next(Hash root, List<TableFileSummary> tables) {
        return new Manifest(UUID.randomUUID().toString(), root, tables);
    }

    /** The manifest that replaces this one after a commit or conjoin: fresh lock token, same GC generation. */
    public Manifest successor(Hash root, List<TableFileSummary> tables) {
        return new Manifest(UUID.randomUUID().toString(), root, tables, gcGeneration);
    }

    /** The manifest that replaces this one after a garbage collection: same root, new generation. */
    public Manifest collected(List<TableFileSummary> tables) {
        return new Manifest(UUID.randomUUID().toString(), root, tables, UUID.randomUUID().toString());
    }

    public boolean contains(String tableName) {
        for (TableFileSummary t : tables) {
            if (t.name().equals(tableName)) {
                return true;
            }
        }
        return false;
    }
}
