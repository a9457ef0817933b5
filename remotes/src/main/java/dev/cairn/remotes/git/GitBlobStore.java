package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.io.LimitedInputStream;

/**
 * Blobs and the manifest as files in the tree of one Git ref ({@code refs/dolt/data} unless
 * the URL says otherwise), laid out as {@link GitTreeLayout} draws it.
 *
 * <p><b>Writes.</b> In Git, blobs and manifest share one tree, and the only atomic step is
 * moving the ref. So a {@link #put} writes the blob's objects (cut into parts above the part
 * size) and records the key as <em>pending</em>; it does not move the ref, and therefore
 * never races with a manifest swap. {@link #putManifest} then makes ONE commit whose tree is
 * the ref's current tree plus every pending put and delete plus the new manifest, and moves
 * the ref only if it still points at the commit it read (a {@link GitRefAccess}
 * compare-and-set). The manifest's version is its Git blob id, i.e. derived from its bytes:
 * if the ref moved but the manifest did not (another writer flushed blobs), the swap is
 * rebuilt on the new tip and tried again; if the manifest changed, it returns false.
 * Deletes are pending too, and {@link #close} (or {@link #flush}) commits what is still
 * pending, so the backup's {@code HEAD} blob written after the swap, and a prune's deletes,
 * cost one commit each rather than one per blob.
 *
 * <p><b>Who sees what.</b> This instance sees its own puts and deletes as soon as they
 * return. Other instances (and other processes) see them once a commit carrying them has
 * moved the ref: the manifest swap that references new table files always does, so anything
 * a manifest names is visible wherever the manifest is. A put never followed by a flush,
 * swap or close (a crash) leaves only unreachable objects, which {@code git gc} removes.
 * {@link #getManifest} and {@link #list} read the ref again (a fetch, over the network);
 * {@link #get} and {@link #size} answer from the tree as last read, which is enough because
 * blobs never change and a reader finds a table file's name in the manifest it just read.
 *
 * <p><b>History.</b> Each commit has no parent: the ref holds only the current tree, so a
 * table file that a prune deleted is unreachable afterwards and the repository can actually
 * shrink. Every commit's time is when it was made; listed blobs and the manifest report the
 * tip commit's time, which is never older than when they were written (so a prune that
 * waits for quiet errs towards keeping files).
 *
 * <p>Thread-safe: reads work on an immutable {@link GitTreeSnapshot}; commits are serialised
 * per instance.
 */
public final class GitBlobStore implements BlobStore {
    /** Above this, a blob is cut into parts: below GitHub's 100 MB hard limit per file, with room. */
    public static final long DEFAULT_PART_SIZE = 50L << 20;
    private static final int MAX_COMMIT_ATTEMPTS = 200;

    /** A put (with its stored form) or, when {@code blob} is null, a delete not yet committed. */
    private record Pending(GitTreeSnapshot.StoredBlob blob, Instant at) {
    }

    private final GitRefAccess refs;
    private final String shownUrl;
    private final long partSize;
    private final GitCommitWriter writer;
    private final PartCache parts = new PartCache(128L << 20);
    private final ConcurrentSkipListMap<String, Pending> pending = new ConcurrentSkipListMap<>();
    private final Object commitLock = new Object();
    private volatile GitTreeSnapshot snapshot = GitTreeSnapshot.EMPTY;
    /** Manifest versions this instance has seen, newest last; see {@link #isSuperseded}. */
    private final LinkedHashMap<String, Boolean> seenVersions = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 4096;
        }
    };
    private boolean closed;

    GitBlobStore(GitRefAccess refs, String shownUrl, long partSize) {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size must be positive: " + partSize);
        }
        this.refs = refs;
        this.shownUrl = shownUrl;
        this.partSize = partSize;
        this.writer = new GitCommitWriter(refs.repository());
    }

    /** The snapshot of the ref's current commit, read again if the ref moved. */
    private GitTreeSnapshot refresh(boolean fetch) throws IOException {
        ObjectId tip = refs.tip(fetch);
        GitTreeSnapshot s = snapshot;
        if (Objects.equals(tip, s.commit())) {
            return s;
        }
        try (ObjectReader reader = refs.repository().newObjectReader()) {
            s = GitTreeSnapshot.read(reader, tip);
        } catch (IncorrectObjectTypeException e) {
            throw new IOException("git remote '" + shownUrl + "': its data ref does not point at a commit"
                    + " (something other than cairn moved it); point it back or use another ref", e);
        }
        snapshot = s;
        return s;
    }

    /** The blob as this instance sees it: its own pending change first, then the ref's tree. */
    private GitTreeSnapshot.StoredBlob lookup(String key) throws IOException {
        Pending p = pending.get(BlobKeys.check(key));
        if (p != null) {
            return p.blob();
        }
        GitTreeSnapshot s = snapshot;
        GitTreeSnapshot.StoredBlob b = s.blob(key);
        if (b == null) {
            // Concurrent refreshes may leave an older snapshot in place than the manifest a caller
            // just read; look at the ref as last seen (no network) before saying there is no blob.
            GitTreeSnapshot latest = refresh(false);
            b = latest == s ? null : latest.blob(key);
        }
        return b;
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        GitTreeSnapshot.StoredBlob b = lookup(key);
        if (b == null) {
            throw new NoSuchBlobException(key);
        }
        long len = range.lengthIn(b.size());
        if (len > Integer.MAX_VALUE - 8) {
            throw new IOException("range " + range + " of " + key + " is too large to read at once");
        }
        byte[] out = new byte[(int) len];
        long from = range.offset();
        long partStart = 0;
        int filled = 0;
        try (ObjectReader reader = refs.repository().newObjectReader()) {
            for (int i = 0; i < b.parts().size() && filled < len; i++) {
                long partLen = b.partSizes().get(i);
                long partEnd = partStart + partLen;
                if (partEnd > from + filled) {
                    byte[] part = parts.load(reader, b.parts().get(i), partLen);
                    int at = (int) (from + filled - partStart);
                    int n = (int) Math.min(len - filled, partLen - at);
                    System.arraycopy(part, at, out, filled, n);
                    filled += n;
                }
                partStart = partEnd;
            }
        }
        return out;
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        BlobKeys.check(key);
        long length = source.length();
        List<ObjectId> ids = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try (ObjectInserter ins = refs.repository().newObjectInserter(); InputStream in = source.openStream()) {
            if (length <= partSize) {
                ids.add(ins.insert(Constants.OBJ_BLOB, length, in));
                sizes.add(length);
                paths.add(GitTreeLayout.wholePath(key));
            } else {
                int index = 0;
                for (long done = 0; done < length; done += partSize, index++) {
                    long n = Math.min(partSize, length - done);
                    ids.add(ins.insert(Constants.OBJ_BLOB, n, new LimitedInputStream(in, n) {
                        @Override
                        protected void limitExceeded() throws IOException {
                            throw new IOException("blob source for " + key + " is longer than " + length);
                        }
                    }));
                    sizes.add(n);
                    paths.add(GitTreeLayout.partPath(key, index));
                }
            }
            ins.flush();
        }
        pending.put(key, new Pending(new GitTreeSnapshot.StoredBlob(List.copyOf(ids), List.copyOf(sizes),
                List.copyOf(paths), length), Instant.now()));
    }

    @Override
    public long size(String key) throws IOException {
        GitTreeSnapshot.StoredBlob b = lookup(key);
        return b == null ? -1 : b.size();
    }

    /** Lists the ref's tree as it is now (fetched, for a network remote) with this instance's pending changes over it. */
    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        GitTreeSnapshot s = refresh(true);
        TreeMap<String, BlobInfo> out = new TreeMap<>();
        for (Map.Entry<String, GitTreeSnapshot.StoredBlob> e : s.blobs().tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.put(e.getKey(), new BlobInfo(e.getKey(), e.getValue().size(), s.committed()));
        }
        for (Map.Entry<String, Pending> e : pending.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getValue().blob() == null) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), new BlobInfo(e.getKey(), e.getValue().blob().size(), e.getValue().at()));
            }
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public void delete(String key) throws IOException {
        BlobKeys.check(key);
        pending.put(key, new Pending(null, Instant.now()));
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        GitTreeSnapshot s = refresh(true);
        if (s.manifest() == null) {
            return null;
        }
        byte[] bytes;
        try (ObjectReader reader = refs.repository().newObjectReader()) {
            bytes = reader.open(s.manifest(), Constants.OBJ_BLOB).getBytes();
        }
        seen(s.manifest().name());
        return new VersionedBytes(bytes, s.manifest().name(), s.committed());
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        byte[] copy = bytes.clone();
        synchronized (commitLock) {
            return commit(expectedVersion, copy, true);
        }
    }

    /** Commits this instance's pending puts and deletes, so other instances see them. */
    public void flush() throws IOException {
        synchronized (commitLock) {
            if (!pending.isEmpty()) {
                commit(null, null, false);
            }
        }
    }

    /**
     * One commit of the pending changes (and the manifest, if {@code swapManifest}) on the
     * ref's current tip, retried on a newer tip while the manifest still matches.
     */
    private boolean commit(String expectedVersion, byte[] manifest, boolean swapManifest) throws IOException {
        // The first try works from the ref as last seen, so a writer that wins pays one push and
        // no fetch; a stale view only costs a lost update, after which it looks again.
        boolean fresh = false;
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            GitTreeSnapshot base = refresh(fresh);
            if (swapManifest) {
                String current = base.manifest() == null ? null : base.manifest().name();
                if (!Objects.equals(expectedVersion, current)) {
                    if (fresh || isSuperseded(expectedVersion, current)) {
                        return false;
                    }
                    fresh = true;
                    continue;
                }
            }
            Map<String, Pending> changes = new TreeMap<>(pending);
            Map<String, GitTreeSnapshot.StoredBlob> blobChanges = new TreeMap<>();
            for (Map.Entry<String, Pending> e : changes.entrySet()) {
                blobChanges.put(e.getKey(), e.getValue().blob());
            }
            ObjectId next = writer.write(base, blobChanges, manifest, describe(changes, swapManifest));
            if (refs.compareAndSet(base.commit(), next)) {
                for (Map.Entry<String, Pending> e : changes.entrySet()) {
                    pending.remove(e.getKey(), e.getValue());
                }
                GitTreeSnapshot now = refresh(false);
                if (now.manifest() != null) {
                    seen(now.manifest().name());
                }
                return true;
            }
            fresh = true;
            pause(attempt);
        }
        throw new IOException("git remote '" + shownUrl + "': the data ref kept moving; gave up after "
                + MAX_COMMIT_ATTEMPTS + " attempts");
    }

    /**
     * Whether a manifest version that differs from the current one is surely out of date,
     * without asking the remote: versions derive from the bytes, which the table-file layer
     * never repeats, so one this instance saw before that is no longer current was replaced;
     * and a manifest, once written, never goes away.
     */
    private boolean isSuperseded(String expectedVersion, String current) {
        if (expectedVersion == null) {
            return current != null;
        }
        synchronized (seenVersions) {
            return seenVersions.containsKey(expectedVersion);
        }
    }

    private void seen(String version) {
        synchronized (seenVersions) {
            seenVersions.put(version, Boolean.TRUE);
        }
    }

    private static String describe(Map<String, Pending> changes, boolean manifest) {
        long puts = changes.values().stream().filter(p -> p.blob() != null).count();
        return "cairn: " + (manifest ? "new manifest, " : "") + puts + " blob(s) written, "
                + (changes.size() - puts) + " deleted\n";
    }

    /** Backs off a little after a lost ref update, so that writers on one ref do not run in lockstep. */
    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(50, attempt) + (long) (Math.random() * (1 + Math.min(attempt, 20))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while updating the git data ref", e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (commitLock) {
            if (closed) {
                return;
            }
            try {
                flush();
            } finally {
                closed = true;
                refs.close();
            }
        }
    }

    @Override
    public String toString() {
        return "GitBlobStore(" + shownUrl + ")";
    }
}
