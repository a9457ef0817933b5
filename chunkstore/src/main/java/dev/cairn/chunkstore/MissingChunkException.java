package dev.cairn.chunkstore;

import java.io.IOException;

/**
 * A chunk that the DAG under a root points at is not in the store: found while
 * garbage collecting, or while checking a commit made after a collection.
 * Whatever raised it changed nothing.
 */
public class MissingChunkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Hash chunk;
    private final Hash referencedBy;

    public MissingChunkException(Hash chunk, Hash referencedBy, String message) {
        super(message);
        this.chunk = chunk;
        this.referencedBy = referencedBy;
    }

    /** The absent chunk. */
    public Hash chunk() {
        return chunk;
    }

    /** The chunk that names it as a child, or {@code null} if it is the root itself. */
    public Hash referencedBy() {
        return referencedBy;
    }
}
