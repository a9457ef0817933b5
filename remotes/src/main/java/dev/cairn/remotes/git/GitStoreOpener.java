package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Opens the {@link GitBlobStore} for a {@link GitLocation}: the first class on the path that
 * touches JGit, so {@link GitRemoteScheme} stays free of it. Creates a missing local bare
 * repository (and a network remote's cache) when asked to; a network repository itself is
 * never created, since hosts create repositories through their own APIs.
 */
final class GitStoreOpener {
    static {
        // JGit measures each file system's timestamp resolution on first use, which takes seconds
        // in the foreground; in the background it assumes the worst meanwhile, which is safe.
        FS.FileStoreAttributes.setBackground(true);
    }

    private GitStoreOpener() {
    }

    /**
     * @param create make a missing local repository; when false, return null if there is no
     *     repository or it lacks the data ref
     */
    static BlobStore open(GitLocation loc, boolean create, long partSize) throws IOException {
        return open(loc, create, partSize, System.getenv("GIT_SSH"));
    }

    /** @param sshProgram the ssh client for {@code git+ssh}; null for {@code ssh} on the PATH */
    static BlobStore open(GitLocation loc, boolean create, long partSize, String sshProgram) throws IOException {
        return loc.isLocal() ? openLocal(loc, create, partSize) : openRemote(loc, create, partSize, sshProgram);
    }

    private static BlobStore openLocal(GitLocation loc, boolean create, long partSize) throws IOException {
        Path dir = loc.localRepo();
        boolean isRepo = RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
        if (!isRepo) {
            if (!create) {
                return null;
            }
            if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmptyDirectory(dir))) {
                throw new RemoteException("remote '" + loc.shownUrl() + "': " + dir + " exists and is not a git repository");
            }
            initBare(dir);
        }
        Repository repo = SharedRepositories.acquire(dir);
        try {
            if (!create && repo.exactRef(loc.ref()) == null) {
                SharedRepositories.release(repo);
                return null;
            }
        } catch (IOException | RuntimeException e) {
            SharedRepositories.release(repo);
            throw e;
        }
        return new GitBlobStore(new LocalRefAccess(repo, loc.ref(), loc.shownUrl()), loc.shownUrl(), partSize);
    }

    private static BlobStore openRemote(GitLocation loc, boolean create, long partSize, String sshProgram)
            throws IOException {
        URIish uri;
        try {
            uri = new URIish(loc.transportUrl());
        } catch (URISyntaxException e) {
            throw new RemoteException("invalid remote URL '" + loc.shownUrl() + "'", e);
        }
        Path cacheDir = loc.cacheDir();
        synchronized (GitStoreOpener.class) {
            if (!RepositoryCache.FileKey.isGitRepository(cacheDir.toFile(), FS.DETECTED)) {
                Files.createDirectories(cacheDir.getParent());
                initBare(cacheDir);
            }
        }
        Repository cache = SharedRepositories.acquire(cacheDir);
        RemoteRefAccess access = new RemoteRefAccess(cache, uri, loc.ref(), loc.shownUrl(),
                GitCredentials.forUri(uri, System.getenv()),
                new ExternalSshSessionFactory(sshProgram));
        try {
            if (!create && !access.repositoryExists()) {
                access.close();
                return null;
            }
            // Reaching the remote now turns a bad host or refused credentials into an error at open.
            if (access.tip(true) == null && !create) {
                access.close();
                return null;
            }
        } catch (IOException | RuntimeException e) {
            access.close();
            throw e;
        }
        return new GitBlobStore(access, loc.shownUrl(), partSize);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void initBare(Path dir) throws IOException {
        try (Repository r = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
            r.create(true);
        } catch (IllegalStateException e) {
            // Another process created it in between; that one is as good as ours.
            if (!RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
                throw e;
            }
        }
    }
}
