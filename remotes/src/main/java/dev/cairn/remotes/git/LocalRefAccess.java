package dev.cairn.remotes.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The data ref of a bare repository on this machine ({@code git+file}), moved with a JGit
 * {@link RefUpdate} that names the expected old id: JGit takes the ref's lock file, compares,
 * and writes, so two processes (or two stores in one process) cannot both win.
 */
final class LocalRefAccess implements GitRefAccess {
    private final Repository repo;
    private final String ref;
    private final String shownUrl;

    LocalRefAccess(Repository repo, String ref, String shownUrl) {
        this.repo = repo;
        this.ref = ref;
        this.shownUrl = shownUrl;
    }

    @Override
    public Repository repository() {
        return repo;
    }

    @Override
    public ObjectId tip(boolean refresh) throws IOException {
        Ref r = repo.exactRef(ref);
        return r == null ? null : r.getObjectId();
    }

    @Override
    public boolean compareAndSet(ObjectId expectedOld, ObjectId newTip) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setExpectedOldObjectId(expectedOld == null ? ObjectId.zeroId() : expectedOld);
        u.setNewObjectId(newTip);
        // Each commit replaces the tree wholesale (see GitBlobStore), so it need not descend from the old one.
        u.setForceUpdate(true);
        u.disableRefLog();
        RefUpdate.Result r = u.update();
        switch (r) {
            case NEW:
            case FORCED:
            case FAST_FORWARD:
            case NO_CHANGE:
                return true;
            case LOCK_FAILURE:
            case REJECTED:
                return false;
            default:
                throw new IOException("git remote '" + shownUrl + "': could not update " + ref + ": " + r);
        }
    }

    @Override
    public void close() {
        SharedRepositories.release(repo);
    }
}
