package dev.cairn.remotes.git;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes the tree and commit for one change of the data ref: the base tree's files, with
 * some blobs replaced or removed and perhaps a new manifest. It only writes objects; moving
 * the ref is the caller's compare-and-set. The commit has no parent (see {@link GitBlobStore}).
 */
final class GitCommitWriter {
    private static final PersonIdent AUTHOR_TEMPLATE = new PersonIdent("cairn", "cairn@localhost");

    private final Repository repo;

    GitCommitWriter(Repository repo) {
        this.repo = repo;
    }

    /**
     * @param blobs per key, the new stored form, or null to remove the key
     * @param manifest the new manifest's bytes, or null to keep the base's
     * @return the new commit's id
     */
    ObjectId write(GitTreeSnapshot base, Map<String, GitTreeSnapshot.StoredBlob> blobs, byte[] manifest,
            String message) throws IOException {
        TreeMap<String, GitTreeSnapshot.TreeFile> files = new TreeMap<>(base.files());
        for (Map.Entry<String, GitTreeSnapshot.StoredBlob> e : blobs.entrySet()) {
            GitTreeSnapshot.StoredBlob old = base.blob(e.getKey());
            if (old != null) {
                old.paths().forEach(files::remove);
            }
            GitTreeSnapshot.StoredBlob now = e.getValue();
            if (now != null) {
                for (int i = 0; i < now.parts().size(); i++) {
                    files.put(now.paths().get(i), new GitTreeSnapshot.TreeFile(now.parts().get(i), FileMode.REGULAR_FILE));
                }
            }
        }
        try (ObjectInserter ins = repo.newObjectInserter()) {
            if (manifest != null) {
                ObjectId id = ins.insert(Constants.OBJ_BLOB, manifest);
                files.put(GitTreeLayout.MANIFEST_PATH, new GitTreeSnapshot.TreeFile(id, FileMode.REGULAR_FILE));
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, GitTreeSnapshot.TreeFile> e : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(e.getValue().id());
                builder.add(entry);
            }
            builder.finish();
            ObjectId tree = index.writeTree(ins);
            PersonIdent who = new PersonIdent(AUTHOR_TEMPLATE, java.time.Instant.now());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = ins.insert(commit);
            ins.flush();
            return id;
        }
    }
}
