package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteScheme;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Git remotes: {@code git+file:///path/repo.git} (a bare repository on this machine, created
 * if missing), {@code git+https://}, {@code git+http://}, {@code git+ssh://} and
 * {@code git+git://} (the git daemon protocol). Table files and the manifest live in the tree
 * of a ref, {@code refs/dolt/data} unless {@code ?ref=} or the {@code ref} parameter names
 * another, so a backup can sit in any Git hosting next to a project's code without touching
 * its branches.
 *
 * <p>Constructing this and checking URLs loads no JGit class; JGit is loaded by
 * {@link GitStoreOpener} only when a Git URL is opened.
 */
public final class GitRemoteScheme implements RemoteScheme {
    private static final Set<String> SCHEMES = Set.of("git+file", "git+https", "git+http", "git+ssh", "git+git");

    private final Path cacheRoot;

    /** Caches of network remotes under {@code $CAIRN_ROOT_PATH/git-cache} (default {@code ~/.cairn/git-cache}). */
    public GitRemoteScheme() {
        this(null);
    }

    /** Caches of network remotes under {@code cacheRoot}; null for the default. */
    public GitRemoteScheme(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /**
     * Checks a ref name given apart from a URL (the {@code --ref} option).
     *
     * @throws dev.cairn.remotes.RemoteException naming the ref, if it is not a valid data ref
     */
    public static void checkRef(String ref) {
        if (!GitLocation.isValidRef(ref)) {
            throw new dev.cairn.remotes.RemoteException(GitLocation.refProblem(ref));
        }
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public void check(RemoteUrl url, Map<String, String> params) {
        GitLocation.of(url, params, cacheRoot);
    }

    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException {
        return GitStoreOpener.open(GitLocation.of(url, params, cacheRoot), true, GitBlobStore.DEFAULT_PART_SIZE);
    }

    @Override
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        return GitStoreOpener.open(GitLocation.of(url, params, cacheRoot), false, GitBlobStore.DEFAULT_PART_SIZE);
    }
}
