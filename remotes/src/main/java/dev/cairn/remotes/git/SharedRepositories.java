package dev.cairn.remotes.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One JGit {@link Repository} per directory in this process, counted by its users. Stores on
 * one repository then share JGit's in-memory ref state and lock files, so their ref
 * compare-and-sets are decided by one RefDirectory instead of two that might each trust a
 * cached read of the ref file.
 */
final class SharedRepositories {
    private static final String LOOSE_COMPRESSION = "looseCompression";
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
            deflateLooseObjectsAsGitDoes(r.getConfig());
            fsyncWhatTheDataRefNames(r.getConfig());
            OPEN.put(key, r);
        }
        USERS.merge(key, 1, Integer::sum);
        return r;
    }

    /**
     * Every blob a store puts becomes a loose object, deflated at JGit's level for
     * {@code core.compression}, zlib's default (6), where Git itself deflates loose objects at
     * {@code core.looseCompression}, default 1. Table files are lz4-compressed already: level 6
     * keeps them no smaller than level 1 does and took most of a sync's time (0.79 of the bytes
     * either way, at 25 against 33 MB/s of CPU here). So this process uses Git's rule, in memory
     * only: {@code core.looseCompression} if set, else {@code core.compression} if set, else 1.
     * JGit reads the level only for loose objects; push packs set theirs in {@code RemoteRefAccess}.
     */
    private static void deflateLooseObjectsAsGitDoes(StoredConfig config) {
        String core = ConfigConstants.CONFIG_CORE_SECTION;
        int level;
        if (config.getString(core, null, LOOSE_COMPRESSION) != null) {
            level = config.getInt(core, null, LOOSE_COMPRESSION, Deflater.BEST_SPEED);
        } else if (config.getString(core, null, ConfigConstants.CONFIG_KEY_COMPRESSION) != null) {
            return;
        } else {
            level = Deflater.BEST_SPEED;
        }
        config.setInt(core, null, ConfigConstants.CONFIG_KEY_COMPRESSION, level);
    }

    /**
     * JGit writes objects and refs without fsync unless told to, so after a crash a data ref
     * could name objects that never reached the disk: a backup that says it synced but cannot
     * be read. Every object and ref this process writes is synced before the ref moves (in
     * memory only; nothing is written to the repository's config).
     */
    private static void fsyncWhatTheDataRefNames(StoredConfig config) {
        String core = ConfigConstants.CONFIG_CORE_SECTION;
        config.setBoolean(core, null, "fsyncObjectFiles", true);
        config.setBoolean(core, null, "fsyncRefFiles", true);
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
