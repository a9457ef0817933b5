package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.Objects;

/** What a sync does to the destination's root once the chunks are there. */
public sealed interface RootUpdate {

    /**
     * Backup: the destination's root becomes the root sent, whatever it was, so the
     * destination mirrors the source (refs it has and the source lacks disappear). A lost
     * manifest race is retried against the winner's manifest.
     */
    static RootUpdate mirror() {
        return new Mirror();
    }

    /**
     * The destination's root becomes the root sent only if it is still {@code expected};
     * otherwise the sync ends with {@link SyncResult.Status#ROOT_MOVED} and changes nothing.
     */
    static RootUpdate ifStill(Hash expected) {
        return new IfStill(expected);
    }

    /**
     * Push and fetch: {@code function} computes the destination's new root from its current
     * one, typically by moving one ref in the destination's {@code StoreRoot}. It is called
     * again with the winner's root after a lost race, and may throw to refuse (a
     * non-fast-forward push, say), which changes nothing.
     */
    static RootUpdate compute(RootFunction function) {
        return new Compute(function);
    }

    record Mirror() implements RootUpdate {
    }

    record IfStill(Hash expected) implements RootUpdate {
        public IfStill {
            Objects.requireNonNull(expected, "expected");
        }
    }

    record Compute(RootFunction function) implements RootUpdate {
        public Compute {
            Objects.requireNonNull(function, "function");
        }
    }

    /** Computes a destination's new root. */
    @FunctionalInterface
    interface RootFunction {
        /**
         * @param destination reads the destination's chunks, including those this sync has
         *     just sent; chunks {@link ChunkStore#put put} here (new ref-map nodes) are sent
         *     with the root. Its {@code commit} is refused: the engine commits.
         * @param currentRoot the destination's root now ({@link Hash#EMPTY} if it has none)
         * @return the new root, which must be in {@code destination}
         */
        Hash apply(ChunkStore destination, Hash currentRoot) throws IOException;
    }
}
