package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Hash;
import java.util.List;
import java.util.UUID;

/**
 * The one mutable record of a table-file store: the root, the live table
 * files, and a lock token that is fresh in every write, so that the blob
 * store's compare-and-swap can never mistake a new manifest for an old one.
 *
 * @param lockToken unique per written manifest
 * @param root the store's root chunk, {@link Hash#EMPTY} if none
 * @param tables the live table files, oldest first
 */
public record Manifest(String lockToken, Hash root, List<TableFileSummary> tables) {
    public Manifest {
        tables = List.copyOf(tables);
    }

    /** The manifest of a store that was never written. */
    public static final Manifest EMPTY = new Manifest("", Hash.EMPTY, List.of());

    /** A successor with a fresh lock token. */
    public static Manifest next(Hash root, List<TableFileSummary> tables) {
        return new Manifest(UUID.randomUUID().toString(), root, tables);
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
