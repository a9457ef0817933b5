package dev.cairn.remotes.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * How a {@link GitBlobStore} reads and moves its data ref: directly in a local bare
 * repository, or through a local cache that fetches from and pushes to a remote one. The
 * store builds trees and commits in {@link #repository()} either way, so this is all that
 * differs between {@code git+file} and the network schemes.
 */
interface GitRefAccess extends AutoCloseable {
    /** Where the store reads and writes objects. */
    Repository repository();

    /**
     * The commit the ref points at, or null if there is no such ref.
     *
     * @param refresh ask the remote (a fetch) rather than answer from what was last seen;
     *     local access always reads the ref itself
     */
    ObjectId tip(boolean refresh) throws IOException;

    /**
     * Moves the ref from {@code expectedOld} (null: the ref must not exist) to {@code newTip},
     * which must be in {@link #repository()}.
     *
     * @return true if moved; false if the ref was not at {@code expectedOld} (another writer won)
     * @throws IOException if the update failed for another reason, e.g. the host refused it
     */
    boolean compareAndSet(ObjectId expectedOld, ObjectId newTip) throws IOException;

    @Override
    void close();
}
