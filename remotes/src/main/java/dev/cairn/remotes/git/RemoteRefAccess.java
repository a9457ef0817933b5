package dev.cairn.remotes.git;

import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * The data ref of a repository across the network ({@code git+https}, {@code git+ssh},
 * {@code git+http}, {@code git+git}), worked on through a local bare cache.
 *
 * <p>A refresh fetches only the data ref, into the same ref name in the cache; the cache's
 * copy is what the fetch offers as "have", so a repeated sync downloads only what changed.
 * A move is a push that names the expected old id (a lease): the server's receive-pack
 * checks the old id under its ref lock, so a writer that lost gets a rejection, reported as
 * {@code false}. Nothing in the cache is trusted for a compare-and-swap; only the push is.
 * Fetches and pushes of one instance take turns, so the cached ref only ever moves forward
 * in time.
 */
final class RemoteRefAccess implements GitRefAccess {
    private static final int TIMEOUT_SECONDS = 60;

    private final Repository cache;
    private final URIish uri;
    private final String ref;
    private final String shownUrl;
    private final CredentialsProvider credentials;
    private final SshSessionFactory ssh;
    private volatile boolean fetched;

    RemoteRefAccess(Repository cache, URIish uri, String ref, String shownUrl, CredentialsProvider credentials,
            SshSessionFactory ssh) {
        this.cache = cache;
        this.uri = uri;
        this.ref = ref;
        this.shownUrl = shownUrl;
        this.credentials = credentials;
        this.ssh = ssh;
    }

    @Override
    public Repository repository() {
        return cache;
    }

    @Override
    public ObjectId tip(boolean refresh) throws IOException {
        if (refresh || !fetched) {
            return fetch();
        }
        Ref r = cache.exactRef(ref);
        return r == null ? null : r.getObjectId();
    }

    /** Fetches the data ref into the cache; its id, or null if the remote has no such ref. */
    private synchronized ObjectId fetch() throws IOException {
        try (Transport t = open(); FetchConnection c = t.openFetch()) {
            Ref remote = c.getRef(ref);
            ObjectId id = remote == null ? null : remote.getObjectId();
            if (id != null && !cache.getObjectDatabase().has(id)) {
                c.fetch(NullProgressMonitor.INSTANCE, List.of(remote), Set.of());
            }
            setCachedRef(id);
            fetched = true;
            return id;
        } catch (TransportException e) {
            throw failure("fetch", e);
        }
    }

    /** Whether the remote repository exists (it may still lack the data ref). */
    boolean repositoryExists() throws IOException {
        try (Transport t = open(); FetchConnection c = t.openFetch()) {
            return true;
        } catch (TransportException e) {
            if (GitErrors.isMissingRepository(e)) {
                return false;
            }
            throw failure("reach", e);
        }
    }

    @Override
    public synchronized boolean compareAndSet(ObjectId expectedOld, ObjectId newTip) throws IOException {
        RemoteRefUpdate update = new RemoteRefUpdate(cache, null, newTip, ref, true, null,
                expectedOld == null ? ObjectId.zeroId() : expectedOld);
        PushResult result;
        try (Transport t = open()) {
            result = t.push(NullProgressMonitor.INSTANCE, List.of(update));
        } catch (TransportException e) {
            throw failure("push to", e);
        }
        RemoteRefUpdate done = result.getRemoteUpdate(ref);
        switch (done.getStatus()) {
            case OK:
            case UP_TO_DATE:
                setCachedRef(newTip);
                return true;
            case REJECTED_REMOTE_CHANGED:
            case REJECTED_NONFASTFORWARD:
                return false;
            default:
                // The lease is checked again by the server under its lock; a ref that moved between
                // the advertisement and the update comes back as "failed to lock" or similar.
                ObjectId now = fetch();
                if (!java.util.Objects.equals(now, expectedOld)) {
                    return false;
                }
                String why = done.getMessage() == null ? done.getStatus().toString() : done.getMessage();
                throw new IOException("git remote '" + shownUrl + "' refused the update of " + ref + ": " + why);
        }
    }

    private Transport open() throws IOException {
        Transport t;
        try {
            t = Transport.open(cache, uri);
        } catch (NotSupportedException e) {
            throw new RemoteException("git remote '" + shownUrl + "': " + GitErrors.oneLine(e), e);
        }
        t.setTimeout(TIMEOUT_SECONDS);
        // Table files are lz4-compressed already: delta search and strong zlib only cost CPU.
        PackConfig pack = new PackConfig(cache);
        pack.setDeltaCompress(false);
        pack.setCompressionLevel(1);
        t.setPackConfig(pack);
        if (credentials != null) {
            t.setCredentialsProvider(credentials);
        }
        if (t instanceof SshTransport st) {
            st.setSshSessionFactory(ssh);
        }
        return t;
    }

    private IOException failure(String what, TransportException e) {
        // An external ssh's own account of a failure beats JGit's reading of the hang-up.
        String sshSaid = ssh instanceof ExternalSshSessionFactory x ? x.lastStderr(2_000) : "";
        return GitErrors.translate("could not " + what, shownUrl, e, sshSaid);
    }

    private void setCachedRef(ObjectId id) throws IOException {
        RefUpdate u = cache.updateRef(ref);
        u.setForceUpdate(true);
        u.disableRefLog();
        if (id == null) {
            if (cache.exactRef(ref) != null) {
                u.delete();
            }
            return;
        }
        u.setNewObjectId(id);
        u.update();
    }

    @Override
    public void close() {
        SharedRepositories.release(cache);
    }
}
