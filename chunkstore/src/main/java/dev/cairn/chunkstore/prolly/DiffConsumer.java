package dev.cairn.chunkstore.prolly;

import java.io.IOException;

/** Receives the differences between two maps in key order. */
@FunctionalInterface
public interface DiffConsumer {
    /** Takes one difference; returns false to stop the diff early. */
    boolean accept(Diff d) throws IOException;
}
