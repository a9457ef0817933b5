package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;

/** A chunk reached as a prolly-tree node does not hold a well-formed node. */
public class CorruptNodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Hash node;

    public CorruptNodeException(Hash node, String problem) {
        super("corrupt prolly-tree node " + node + ": " + problem);
        this.node = node;
    }

    public CorruptNodeException(Hash node, String problem, Throwable cause) {
        super("corrupt prolly-tree node " + node + ": " + problem, cause);
        this.node = node;
    }

    /** The address of the offending chunk. */
    public Hash node() {
        return node;
    }
}
