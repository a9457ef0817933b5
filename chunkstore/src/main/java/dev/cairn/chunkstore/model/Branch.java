package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The working set and commits of one branch. A light handle: it holds only the name, and
 * every call reads the current refs, so handles never go stale.
 */
public final class Branch {
    private final Database db;
    private final String name;

    Branch(Database db, String name) {
        this.db = db;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Hash head() throws IOException {
        return db.branchHead(name);
    }

    /** The branch's working set; a branch that never had one gets a clean one at its head. */
    public WorkingSet workingSet() throws IOException {
        return workingSet(db.refs());
    }

    WorkingSet workingSet(StoreRoot refs) throws IOException {
        Hash head = Database.branchHead(refs, name);
        Hash ws = refs.get(RefNames.workingSet(name));
        if (ws == null) {
            Hash root = db.commit(head).rootValue();
            return new WorkingSet(root, root);
        }
        return db.workingSetAt(ws);
    }

    public RootValue working() throws IOException {
        return db.rootValue(workingSet().working());
    }

    public RootValue staged() throws IOException {
        return db.rootValue(workingSet().staged());
    }

    public RootValue headRoot() throws IOException {
        return db.rootValue(db.commit(head()).rootValue());
    }

    /** A change to a working set, recomputed from the latest one after a lost race. */
    @FunctionalInterface
    public interface WorkingSetChange {
        WorkingSet apply(WorkingSet current) throws IOException;
    }

    /** Applies {@code change} to the current working set and stores the result durably. */
    public WorkingSet updateWorkingSet(WorkingSetChange change) throws IOException {
        return db.update((refs, r) -> {
            WorkingSet current = workingSet(refs);
            WorkingSet next = change.apply(current);
            r.set(next);
            if (next.equals(current) && refs.get(RefNames.workingSet(name)) != null) {
                return refs;
            }
            return refs.with(RefNames.workingSet(name), db.putWorkingSet(next));
        });
    }

    /**
     * Replaces the working root, but only if it is still {@code expected}: a caller that
     * computed {@code next} from {@code expected} learns of a concurrent change instead of
     * silently overwriting it.
     */
    public void setWorking(RootValue expected, RootValue next) throws IOException {
        updateWorkingSet(ws -> {
            if (!ws.working().equals(expected.address())) {
                throw new ConcurrentUpdateException("the working set of branch '" + name
                        + "' was changed by another writer; retry");
            }
            return ws.withWorking(next.address());
        });
    }

    /** Stages the named tables (as they are in the working root; a dropped table is staged as dropped). */
    public void stage(Collection<String> tables) throws IOException {
        updateWorkingSet(ws -> {
            RootValue working = db.rootValue(ws.working());
            RootValue staged = db.rootValue(ws.staged());
            for (String t : tables) {
                String inWorking = working.resolveName(t);
                if (inWorking == null && staged.resolveName(t) == null) {
                    throw new DatabaseException("table not found: " + t);
                }
                staged = staged.withTableOf(inWorking == null ? t : inWorking, working);
            }
            return ws.withStaged(staged.address());
        });
    }

    /** Stages everything: the staged root becomes the working root. */
    public void stageAll() throws IOException {
        updateWorkingSet(ws -> ws.withStaged(ws.working()));
    }

    /** Unstages the named tables: the staged root takes them from HEAD again. */
    public void unstage(Collection<String> tables) throws IOException {
        updateWorkingSet(ws -> {
            RootValue head = headRoot();
            RootValue staged = db.rootValue(ws.staged());
            for (String t : tables) {
                if (head.resolveName(t) == null && staged.resolveName(t) == null) {
                    throw new DatabaseException("table not found: " + t);
                }
                staged = staged.withTableOf(t, head);
            }
            return ws.withStaged(staged.address());
        });
    }

    /** {@code reset --soft REF}: moves the branch to REF keeping the working set. */
    public void resetSoft(String ref) throws IOException {
        db.update((refs, r) -> {
            Hash target = new RefResolver(db, refs).resolveCommit(ref, name);
            return refs.with(RefNames.branch(name), target);
        });
    }

    /** Unstages everything, keeping working changes ({@code reset} with no arguments). */
    public void unstageAll() throws IOException {
        updateWorkingSet(ws -> ws.withStaged(db.commit(head()).rootValue()));
    }

    /** {@code reset --hard [REF]}: moves the branch to REF and discards all working and staged changes. */
    public void resetHard(String ref) throws IOException {
        db.update((refs, r) -> {
            Hash target = new RefResolver(db, refs).resolveCommit(ref == null ? "HEAD" : ref, name);
            Hash root = db.commit(target).rootValue();
            Map<String, Hash> changes = new LinkedHashMap<>();
            changes.put(RefNames.branch(name), target);
            changes.put(RefNames.workingSet(name), db.putWorkingSet(new WorkingSet(root, root)));
            return refs.with(changes);
        });
    }

    /** How to commit. */
    public record CommitRequest(CommitMeta meta, boolean allowEmpty, Staging staging) {
        public CommitRequest {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(staging, "staging");
        }
    }

    /** What to stage before committing: nothing, modified tracked tables ({@code -a}) or everything ({@code -A}). */
    public enum Staging { NONE, TRACKED, ALL }

    /**
     * Commits the staged root on top of the branch head and returns the new commit. Refuses
     * with "nothing to commit" when the staged root equals the head's unless
     * {@code allowEmpty}; the working set keeps any unstaged changes.
     */
    public Commit commit(CommitRequest request) throws IOException {
        return db.update((refs, r) -> {
            Hash head = Database.branchHead(refs, name);
            Commit parent = db.commit(head);
            WorkingSet ws = workingSet(refs);
            RootValue staged = db.rootValue(ws.staged());
            RootValue working = db.rootValue(ws.working());
            if (request.staging() == Staging.ALL) {
                staged = working;
            } else if (request.staging() == Staging.TRACKED) {
                for (String t : staged.tableNames()) {
                    staged = staged.withTableOf(t, working);
                }
            }
            if (staged.address().equals(parent.rootValue()) && !request.allowEmpty()) {
                throw new DatabaseException("nothing to commit, working tree clean");
            }
            Commit c = db.writeCommit(staged, java.util.List.of(head), request.meta());
            r.set(c);
            Map<String, Hash> changes = new LinkedHashMap<>();
            changes.put(RefNames.branch(name), c.address());
            changes.put(RefNames.workingSet(name),
                    db.putWorkingSet(new WorkingSet(working.address(), staged.address())));
            return refs.with(changes);
        });
    }

    @Override
    public String toString() {
        return "Branch[" + name + "]";
    }
}
