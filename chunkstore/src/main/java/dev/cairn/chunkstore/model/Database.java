package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned database over one chunk store: branches, tags, working sets, commits.
 *
 * <p>All state lives in the store root ({@link StoreRoot}); every change to it is computed
 * from a fresh snapshot and swapped in with the store's compare-and-swap, recomputed on a
 * lost race. An operation that finds another writer moved what it builds on (a commit whose
 * branch moved) fails with {@link ConcurrentUpdateException} rather than overwrite that work,
 * so two writers never lose a commit.
 *
 * <p>The database holds no session state: the caller says which branch it is on. Thread-safe.
 */
public final class Database {
    private static final int MAX_CAS_ATTEMPTS = 64;

    private final ChunkStore store;

    private Database(ChunkStore store) {
        this.store = store;
    }

    /**
     * Creates a database in an empty store: an initial commit with no tables on
     * {@code branch}, and its working set.
     */
    public static Database init(ChunkStore store, String branch, CommitMeta meta) throws IOException {
        RefNames.checkBranchName(branch);
        if (!store.root().isEmpty()) {
            throw new DatabaseException("a database already exists here");
        }
        Database db = new Database(store);
        RootValue empty = RootValue.empty(store);
        Chunk commit = ModelCodec.encodeCommit(empty.address(), List.of(), 1, meta);
        store.put(commit);
        Hash ws = db.putWorkingSet(new WorkingSet(empty.address(), empty.address()));
        StoreRoot next = StoreRoot.empty(store).with(Map.of(
                RefNames.branch(branch), commit.hash(), RefNames.workingSet(branch), ws));
        if (!store.commit(next.address(), Hash.EMPTY)) {
            throw new DatabaseException("a database already exists here");
        }
        return db;
    }

    /** Opens the database in {@code store}, which must have been initialized. */
    public static Database open(ChunkStore store) throws IOException {
        if (store.root().isEmpty()) {
            throw new DatabaseException("not a database: the store is empty");
        }
        return new Database(store);
    }

    public ChunkStore store() {
        return store;
    }

    /** A snapshot of every ref as of now. */
    public StoreRoot refs() throws IOException {
        Hash root = store.root();
        return root.isEmpty() ? StoreRoot.empty(store) : StoreRoot.load(store, root);
    }

    // ---- reading objects -------------------------------------------------------------------

    public Commit commit(Hash address) throws IOException {
        return ModelCodec.decodeCommit(ChunkLoader.require(store, address, "commit"));
    }

    public RootValue rootValue(Hash address) throws IOException {
        return RootValue.load(store, address);
    }

    public WorkingSet workingSetAt(Hash address) throws IOException {
        return ModelCodec.decodeWorkingSet(ChunkLoader.require(store, address, "working set"));
    }

    /** A new commit object (not yet referenced by any ref). */
    public Commit writeCommit(RootValue root, List<Hash> parents, CommitMeta meta) throws IOException {
        long height = 1;
        for (Hash p : parents) {
            height = Math.max(height, commit(p).height() + 1);
        }
        Chunk c = ModelCodec.encodeCommit(root.address(), parents, height, meta);
        store.put(c);
        return ModelCodec.decodeCommit(c);
    }

    Hash putWorkingSet(WorkingSet ws) throws IOException {
        Chunk c = ModelCodec.encodeWorkingSet(ws);
        store.put(c);
        return c.hash();
    }

    // ---- updating refs ---------------------------------------------------------------------

    /** A change to the store root, recomputed from a fresh snapshot after a lost race. */
    @FunctionalInterface
    public interface RefUpdate<T> {
        /** Returns the new snapshot (or {@code current} for no change) and sets the result. */
        StoreRoot apply(StoreRoot current, Result<T> result) throws IOException;
    }

    /** Carries an update's return value out of the retry loop. */
    public static final class Result<T> {
        private T value;

        public void set(T v) {
            value = v;
        }

        public T get() {
            return value;
        }
    }

    /**
     * Applies {@code update} to the current refs and swaps the result in, retrying on a lost
     * race. The update may throw to refuse; nothing is changed then.
     */
    public <T> T update(RefUpdate<T> update) throws IOException {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Hash expected = store.root();
            StoreRoot current = expected.isEmpty() ? StoreRoot.empty(store) : StoreRoot.load(store, expected);
            Result<T> result = new Result<>();
            StoreRoot next = update.apply(current, result);
            if (next.address().equals(expected) || store.commit(next.address(), expected)) {
                return result.get();
            }
        }
        throw new ConcurrentUpdateException("gave up after " + MAX_CAS_ATTEMPTS
                + " attempts: other writers kept changing the database");
    }

    // ---- branches --------------------------------------------------------------------------

    /** Branch names with their head commits, in name order. */
    public Map<String, Hash> branches() throws IOException {
        return refs().list(RefNames.HEADS);
    }

    /** The branch's head commit, or a user error if there is no such branch. */
    public Hash branchHead(String branch) throws IOException {
        return branchHead(refs(), branch);
    }

    static Hash branchHead(StoreRoot refs, String branch) throws IOException {
        Hash h = refs.get(RefNames.branch(branch));
        if (h == null) {
            throw new DatabaseException("branch not found: " + branch);
        }
        return h;
    }

    /** A handle on one branch's working set and commits; the branch need not exist yet. */
    public Branch branch(String name) {
        return new Branch(this, name);
    }

    /**
     * Checks out {@code name}: returns its handle if the branch exists. Each branch keeps its
     * own working set, so switching leaves the uncommitted work of both branches where it was;
     * remembering which branch a user is on is the caller's business.
     */
    public Branch checkout(String name) throws IOException {
        branchHead(name);
        return branch(name);
    }

    /** The log from {@code ref}, newest first; see {@link History#log}. */
    public List<Commit> log(String ref, String currentBranch, boolean firstParent, int limit) throws IOException {
        return History.log(this, resolve(ref, currentBranch), firstParent, limit);
    }

    /** The merge base of two refs, if their histories meet. */
    public java.util.Optional<Hash> mergeBase(String a, String b, String currentBranch) throws IOException {
        StoreRoot refs = refs();
        RefResolver r = new RefResolver(this, refs);
        return History.mergeBase(this, r.resolveCommit(a, currentBranch), r.resolveCommit(b, currentBranch));
    }

    public boolean hasBranch(String branch) throws IOException {
        return refs().get(RefNames.branch(branch)) != null;
    }

    /**
     * Creates {@code name} at the commit {@code startPoint} resolves to, with a clean working
     * set. With {@code force} an existing branch (not the current one) is moved.
     */
    public void createBranch(String name, String startPoint, String currentBranch, boolean force) throws IOException {
        RefNames.checkBranchName(name);
        update((refs, r) -> {
            if (refs.get(RefNames.branch(name)) != null) {
                if (!force) {
                    throw new DatabaseException("fatal: A branch named '" + name + "' already exists.");
                }
                if (name.equals(currentBranch)) {
                    throw new DatabaseException("fatal: cannot force update the current branch '" + name + "'");
                }
            }
            Hash start = new RefResolver(this, refs).resolveCommit(startPoint, currentBranch);
            Hash root = commit(start).rootValue();
            Hash ws = putWorkingSet(new WorkingSet(root, root));
            return refs.with(Map.of(RefNames.branch(name), start, RefNames.workingSet(name), ws));
        });
    }

    /**
     * Creates {@code name} from the current branch's head and carries the current working set
     * over, as {@code checkout -b} does.
     */
    public void createBranchCarryingWorkingSet(String name, String currentBranch) throws IOException {
        RefNames.checkBranchName(name);
        update((refs, r) -> {
            if (refs.get(RefNames.branch(name)) != null) {
                throw new DatabaseException("fatal: A branch named '" + name + "' already exists.");
            }
            Hash head = branchHead(refs, currentBranch);
            Hash ws = refs.get(RefNames.workingSet(currentBranch));
            if (ws == null) {
                Hash root = commit(head).rootValue();
                ws = putWorkingSet(new WorkingSet(root, root));
            }
            return refs.with(Map.of(RefNames.branch(name), head, RefNames.workingSet(name), ws));
        });
    }

    /**
     * Deletes a branch and its working set. Without {@code force}, refuses a branch whose
     * commits are not all in the current branch, as git does.
     */
    public void deleteBranch(String name, String currentBranch, boolean force) throws IOException {
        update((refs, r) -> {
            Hash head = branchHead(refs, name);
            if (name.equals(currentBranch)) {
                throw new DatabaseException("error: Cannot delete branch '" + name + "' checked out");
            }
            if (!force && currentBranch != null && refs.get(RefNames.branch(currentBranch)) != null) {
                Hash current = branchHead(refs, currentBranch);
                if (!History.isAncestor(this, head, current)) {
                    throw new DatabaseException("error: The branch '" + name + "' is not fully merged.\n"
                            + "If you are sure you want to delete it, run 'cairn branch -D " + name + "'.");
                }
            }
            Map<String, Hash> changes = new LinkedHashMap<>();
            changes.put(RefNames.branch(name), null);
            changes.put(RefNames.workingSet(name), null);
            return refs.with(changes);
        });
    }

    /** Renames a branch with its working set. With {@code force} an existing target is replaced. */
    public void renameBranch(String from, String to, boolean force) throws IOException {
        RefNames.checkBranchName(to);
        update((refs, r) -> {
            Hash head = branchHead(refs, from);
            if (refs.get(RefNames.branch(to)) != null && !force) {
                throw new DatabaseException("fatal: A branch named '" + to + "' already exists.");
            }
            Hash ws = refs.get(RefNames.workingSet(from));
            Map<String, Hash> changes = new LinkedHashMap<>();
            changes.put(RefNames.branch(from), null);
            changes.put(RefNames.workingSet(from), null);
            changes.put(RefNames.branch(to), head);
            changes.put(RefNames.workingSet(to), ws);
            return refs.with(changes);
        });
    }

    // ---- tags ------------------------------------------------------------------------------

    /** Tags in name order. */
    public List<Tag> tags() throws IOException {
        List<Tag> out = new ArrayList<>();
        for (Map.Entry<String, Hash> e : refs().list(RefNames.TAGS).entrySet()) {
            out.add(ModelCodec.decodeTag(e.getKey(), ChunkLoader.require(store, e.getValue(), "tag")));
        }
        return out;
    }

    public Tag createTag(String name, String ref, String currentBranch, CommitMeta meta) throws IOException {
        RefNames.checkTagName(name);
        return update((refs, r) -> {
            if (refs.get(RefNames.tag(name)) != null) {
                throw new DatabaseException("fatal: tag '" + name + "' already exists");
            }
            Hash target = new RefResolver(this, refs).resolveCommit(ref, currentBranch);
            Chunk c = ModelCodec.encodeTag(target, meta);
            store.put(c);
            r.set(ModelCodec.decodeTag(name, c));
            return refs.with(RefNames.tag(name), c.hash());
        });
    }

    public void deleteTag(String name) throws IOException {
        update((refs, r) -> {
            if (refs.get(RefNames.tag(name)) == null) {
                throw new DatabaseException("error: tag '" + name + "' not found.");
            }
            return refs.with(RefNames.tag(name), null);
        });
    }

    // ---- refs ------------------------------------------------------------------------------

    /**
     * Resolves {@code ref} to a commit address: {@code HEAD}, a branch, a tag, a remote
     * branch ({@code origin/main}), a full ref name or a commit hash, followed by any of
     * {@code ~N}, {@code ^} and {@code ^N}. {@code currentBranch} gives {@code HEAD}.
     */
    public Hash resolve(String ref, String currentBranch) throws IOException {
        return new RefResolver(this, refs()).resolveCommit(ref, currentBranch);
    }

    /**
     * Drops every chunk the store root does not reach: deleted branches, replaced working
     * sets, abandoned commits. Everything a branch, tag, remote ref or working set reaches stays.
     */
    public dev.cairn.chunkstore.GcResult gc() throws IOException {
        if (!(store instanceof dev.cairn.chunkstore.GarbageCollectingChunkStore g)) {
            throw new DatabaseException("this database's store does not support garbage collection");
        }
        return g.collectGarbage();
    }

    /** Sets the remote-tracking refs of one remote in a single swap (a null address removes one). */
    public void setRemoteRefs(String remote, Map<String, Hash> branches) throws IOException {
        update((refs, r) -> {
            Map<String, Hash> changes = new LinkedHashMap<>();
            branches.forEach((b, h) -> changes.put(RefNames.remoteBranch(remote, b), h));
            return refs.with(changes);
        });
    }
}
