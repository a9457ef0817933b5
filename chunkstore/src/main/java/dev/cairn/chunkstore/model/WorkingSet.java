package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Hash;

/**
 * A branch's uncommitted state: the root value being edited and the root value staged for
 * the next commit. Both are addresses of {@link RootValue} chunks.
 */
public record WorkingSet(Hash working, Hash staged) {
    public WorkingSet withWorking(Hash newWorking) {
        return new WorkingSet(newWorking, staged);
    }

    public WorkingSet withStaged(Hash newStaged) {
        return new WorkingSet(working, newStaged);
    }
}
