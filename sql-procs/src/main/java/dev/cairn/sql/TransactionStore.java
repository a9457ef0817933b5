package dev.cairn.sql;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.ConcurrentUpdateException;
import dev.cairn.chunkstore.model.Merger;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * COMMIT of a SQL transaction: stores its changes in the branch's working set. If other
 * sessions changed the branch after the transaction began, the transaction's changes are
 * merged (three-way, row by row) into what they stored, as Dolt does at COMMIT; only changes
 * to the same rows conflict, and then nothing is stored. Holds the branch's write lock
 * ({@link Repo#writeLock}) meanwhile, so this process's other sessions cannot slip in between
 * the merge and the store.
 */
final class TransactionStore {
    private TransactionStore() {
    }

    /** Stores {@code base} to {@code next} in {@code branch}'s working set; returns the root stored. */
    static RootValue store(Repo repo, String branch, RootValue base, RootValue next, int maxRetries)
            throws IOException {
        ReentrantLock lock = repo.writeLock(branch);
        lock.lock();
        try {
            Branch b = repo.db().branch(branch);
            RootValue expected = base;
            RootValue merged = next;
            for (int attempt = 0; ; attempt++) {
                try {
                    b.setWorking(expected, merged);
                    return merged;
                } catch (ConcurrentUpdateException e) {
                    if (attempt >= maxRetries) {
                        throw new SqlException(1213, "40001", "transaction rolled back: branch '" + branch
                                + "' kept changing while it was being committed", e);
                    }
                }
                expected = b.working();
                List<Merger.Conflict> conflicts = new ArrayList<>();
                merged = Merger.mergeRoots(base, expected, next, conflicts);
                if (!conflicts.isEmpty()) {
                    StringBuilder tables = new StringBuilder();
                    for (Merger.Conflict c : conflicts) {
                        tables.append(tables.length() == 0 ? "" : ", ").append(c.table());
                    }
                    throw new SqlException(1213, "40001", "transaction rolled back: it changed the same rows of "
                            + tables + " as another session that committed to branch '" + branch + "' first");
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
