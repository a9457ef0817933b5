package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Hash;
import java.util.List;

/**
 * A commit: a root value with its history.
 *
 * @param address this commit's chunk address
 * @param rootValue the address of the committed {@link RootValue}
 * @param parents parent commits, first parent first; empty only for a database's initial commit
 * @param height 1 for the initial commit, otherwise one more than the highest parent; lets
 *     merge-base and log walk the DAG in order without loading everything
 * @param meta author, time and message
 */
public record Commit(Hash address, Hash rootValue, List<Hash> parents, long height, CommitMeta meta) {
    public Commit {
        parents = List.copyOf(parents);
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}
