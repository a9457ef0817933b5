package dev.cairn.remotes.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One JGit {@link Repository} per directory in this process, counted by its users. Stores on
 * one repository then share JGit's in-memory ref state and lock files, so their ref
 * compare-and-sets are decided by one RefDirectory instead of two that might each trust a
 * cached read of the ref file.
 */
final class SharedRepositories {
    private static final Map<Path, Repository> OPEN = new HashMap<>();
    private static final Map<Path, Integer> USERS = new HashMap<>();

    private SharedRepositories() {
    }

    /** The repository at {@code gitDir}, which must exist; release it with {@link #release}. */
    static synchronized Repository acquire(Path gitDir) throws IOException {
        Path key = gitDir.toAbsolutePath().normalize();
        Repository r = OPEN.get(key);
        if (r == null) {
            r = new FileRepositoryBuilder().setGitDir(key.toFile()).setBare().setMustExist(true).build();
            OPEN.put(key, r);
        }
        USERS.merge(key, 1, Integer::sum);
        return r;
    }

    static synchronized void release(Repository r) {
        Path key = r.getDirectory().toPath().toAbsolutePath().normalize();
        Integer n = USERS.get(key);
        if (n == null || OPEN.get(key) != r) {
            r.close();
            return;
        }
        if (n == 1) {
            USERS.remove(key);
            OPEN.remove(key);
            r.close();
        } else {
            USERS.put(key, n - 1);
        }
    }
}
