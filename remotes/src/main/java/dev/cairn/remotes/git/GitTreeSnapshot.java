package dev.cairn.remotes.git;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What one commit of the data ref holds, read once: the blobs by key (with their sizes and
 * part objects) and the manifest's object id. Immutable, so readers share it without locks;
 * a new commit gets a new snapshot. The layout is {@link GitTreeLayout}'s.
 */
final class GitTreeSnapshot {
    /** The snapshot of a ref that does not exist yet. */
    static final GitTreeSnapshot EMPTY = new GitTreeSnapshot(null, new TreeMap<>(), new TreeMap<>(), null, null);

    /**
     * A stored blob: its objects in order (one unless it was cut into parts), their lengths,
     * and the tree paths that hold them.
     */
    record StoredBlob(List<ObjectId> parts, List<Long> partSizes, List<String> paths, long size) {
    }

    /** A file of the tree, kept so that a new commit can carry over what it does not change. */
    record TreeFile(ObjectId id, FileMode mode) {
    }

    private final ObjectId commit;
    private final TreeMap<String, StoredBlob> blobs;
    private final TreeMap<String, TreeFile> files;
    private final ObjectId manifest;
    private final Instant committed;

    private GitTreeSnapshot(ObjectId commit, TreeMap<String, StoredBlob> blobs, TreeMap<String, TreeFile> files,
            ObjectId manifest, Instant committed) {
        this.commit = commit;
        this.blobs = blobs;
        this.files = files;
        this.manifest = manifest;
        this.committed = committed;
    }

    /** Reads the tree of {@code commitId}. */
    static GitTreeSnapshot read(ObjectReader reader, ObjectId commitId) throws IOException {
        if (commitId == null) {
            return EMPTY;
        }
        RevCommit c;
        try (RevWalk walk = new RevWalk(reader)) {
            c = walk.parseCommit(commitId);
        }
        ObjectId manifest = null;
        Map<String, TreeMap<Integer, String>> parts = new TreeMap<>();
        TreeMap<String, TreeFile> files = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            // Git treats the empty tree as present even when it was never stored; JGit does not.
            if (c.getTree().equals(Constants.EMPTY_TREE_ID)) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tw.addTree(c.getTree());
            }
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                files.put(path, new TreeFile(tw.getObjectId(0), tw.getFileMode(0)));
                if (tw.getFileMode(0) != FileMode.REGULAR_FILE) {
                    continue;
                }
                if (path.equals(GitTreeLayout.MANIFEST_PATH)) {
                    manifest = tw.getObjectId(0);
                    continue;
                }
                GitTreeLayout.KeyAndPart kp = GitTreeLayout.parse(path);
                if (kp != null) {
                    parts.computeIfAbsent(kp.key(), k -> new TreeMap<>()).put(kp.part(), path);
                }
            }
        }
        TreeMap<String, StoredBlob> blobs = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Integer, String>> e : parts.entrySet()) {
            TreeMap<Integer, String> byIndex = e.getValue();
            if (byIndex.containsKey(-1) && byIndex.size() > 1) {
                // A key stored both whole and in parts can only come from a hand-edited tree; the whole one wins.
                byIndex = new TreeMap<>(Map.of(-1, byIndex.get(-1)));
            }
            List<ObjectId> ids = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            long total = 0;
            for (String path : byIndex.values()) {
                ObjectId id = files.get(path).id();
                long n = reader.getObjectSize(id, Constants.OBJ_BLOB);
                ids.add(id);
                sizes.add(n);
                total += n;
            }
            blobs.put(e.getKey(), new StoredBlob(List.copyOf(ids), List.copyOf(sizes),
                    List.copyOf(e.getValue().values()), total));
        }
        return new GitTreeSnapshot(commitId.copy(), blobs, files, manifest,
                Instant.ofEpochSecond(c.getCommitTime()));
    }

    /** The commit read, or null for a ref that does not exist. */
    ObjectId commit() {
        return commit;
    }

    /** The manifest's blob id, or null if this commit has no manifest. */
    ObjectId manifest() {
        return manifest;
    }

    /** When the commit was made; null for a ref that does not exist. */
    Instant committed() {
        return committed;
    }

    StoredBlob blob(String key) {
        return blobs.get(key);
    }

    /** Every file of the tree by path, blobs, manifest and anything else alike. */
    Map<String, TreeFile> files() {
        return Collections.unmodifiableMap(files);
    }

    /** All blobs, sorted by key. */
    java.util.SortedMap<String, StoredBlob> blobs() {
        return Collections.unmodifiableSortedMap(blobs);
    }
}
