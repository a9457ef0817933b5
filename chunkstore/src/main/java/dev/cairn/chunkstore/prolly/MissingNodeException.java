package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;

/**
 * A prolly tree points at a chunk the store does not have: the store is
 * incomplete, or the map was loaded from a different store than it was written to.
 */
public class MissingNodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Hash node;

    public MissingNodeException(Hash node) {
        super("prolly-tree node " + node + " is not in the chunk store");
        this.node = node;
    }

    /** The address that could not be read. */
    public Hash node() {
        return node;
    }
}
