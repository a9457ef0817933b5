package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges another commit into a branch: nothing when it is already contained, a fast-forward
 * when the branch is behind, otherwise a three-way merge against the merge base at row level.
 * Conflicts (the same row changed differently on both sides, incompatible schema changes, a
 * table dropped on one side and changed on the other) are reported and the branch is left
 * untouched: nothing is resolved silently.
 */
public final class Merger {

    /** How a merge ended. */
    public enum Outcome { UP_TO_DATE, FAST_FORWARD, MERGED, CONFLICT }

    /** A table the merge could not combine. {@code rows} counts conflicting rows for {@link Kind#ROWS}. */
    public record Conflict(String table, Kind kind, long rows) {
        public enum Kind { ROWS, SCHEMA, DELETED_AND_MODIFIED }
    }

    /** The outcome, the branch's new head (unchanged unless FAST_FORWARD or MERGED) and any conflicts. */
    public record MergeResult(Outcome outcome, Hash head, List<Conflict> conflicts) {
    }

    private Merger() {
    }

    /**
     * Merges {@code theirsRef} into {@code branch}. The branch's working set must be clean.
     * A merge commit gets {@code meta} (its message, if empty, becomes "Merge branch '...' into ...").
     */
    public static MergeResult merge(Database db, String branch, String theirsRef, CommitMeta meta,
            boolean noFastForward) throws IOException {
        Branch b = db.branch(branch);
        return db.update((refs, result) -> {
            Hash ours = Database.branchHead(refs, branch);
            Hash theirs = new RefResolver(db, refs).resolveCommit(theirsRef, branch);
            if (History.isAncestor(db, theirs, ours)) {
                result.set(new MergeResult(Outcome.UP_TO_DATE, ours, List.of()));
                return refs;
            }
            WorkingSet ws = b.workingSet(refs);
            Hash headRoot = db.commit(ours).rootValue();
            if (!ws.working().equals(headRoot) || !ws.staged().equals(headRoot)) {
                throw new DatabaseException("error: your local changes would be overwritten by merge; "
                        + "commit or reset them first");
            }
            if (!noFastForward && History.isAncestor(db, ours, theirs)) {
                Hash root = db.commit(theirs).rootValue();
                result.set(new MergeResult(Outcome.FAST_FORWARD, theirs, List.of()));
                return moveBranch(db, refs, branch, theirs, root);
            }
            Optional<Hash> base = History.mergeBase(db, ours, theirs);
            RootValue baseRoot = base.isPresent() ? db.rootValue(db.commit(base.get()).rootValue())
                    : RootValue.empty(db.store());
            List<Conflict> conflicts = new ArrayList<>();
            RootValue merged = mergeRoots(baseRoot, db.rootValue(headRoot),
                    db.rootValue(db.commit(theirs).rootValue()), conflicts);
            if (!conflicts.isEmpty()) {
                result.set(new MergeResult(Outcome.CONFLICT, ours, List.copyOf(conflicts)));
                return refs;
            }
            CommitMeta m = meta.message().isEmpty()
                    ? meta.withMessage("Merge branch '" + theirsRef + "' into " + branch) : meta;
            Commit c = db.writeCommit(merged, List.of(ours, theirs), m);
            result.set(new MergeResult(Outcome.MERGED, c.address(), List.of()));
            return moveBranch(db, refs, branch, c.address(), merged.address());
        });
    }

    private static StoreRoot moveBranch(Database db, StoreRoot refs, String branch, Hash head, Hash root)
            throws IOException {
        Map<String, Hash> changes = new LinkedHashMap<>();
        changes.put(RefNames.branch(branch), head);
        changes.put(RefNames.workingSet(branch), db.putWorkingSet(new WorkingSet(root, root)));
        return refs.with(changes);
    }

    /** Three-way merge of root values; conflicts are added to {@code conflicts}. */
    public static RootValue mergeRoots(RootValue base, RootValue ours, RootValue theirs, List<Conflict> conflicts)
            throws IOException {
        ChunkStore store = ours.store();
        Map<String, Hash> b = base.tableAddresses();
        Map<String, Hash> o = ours.tableAddresses();
        Map<String, Hash> t = theirs.tableAddresses();
        TreeSet<String> names = new TreeSet<>(o.keySet());
        names.addAll(t.keySet());
        RootValue result = ours;
        for (String name : names) {
            Hash bh = b.get(name);
            Hash oh = o.get(name);
            Hash th = t.get(name);
            if (java.util.Objects.equals(oh, th) || java.util.Objects.equals(bh, th)) {
                continue; // theirs brings nothing new
            }
            if (java.util.Objects.equals(bh, oh)) {
                result = result.withTableOf(name, theirs); // only theirs changed it (maybe dropped it)
                continue;
            }
            if (oh == null || th == null) {
                conflicts.add(new Conflict(name, Conflict.Kind.DELETED_AND_MODIFIED, 0));
                continue;
            }
            Table bt = bh == null ? null : base.table(name);
            Table ot = ours.table(name);
            Table tt = theirs.table(name);
            byte[] schema;
            if (ot.sameSchema(tt) || (bt != null && bt.sameSchema(tt))) {
                schema = ot.schema();
            } else if (bt != null && bt.sameSchema(ot)) {
                schema = tt.schema();
            } else {
                conflicts.add(new Conflict(name, Conflict.Kind.SCHEMA, 0));
                continue;
            }
            ProllyMap baseRows = bt == null ? ProllyMap.empty(store, false) : bt.rows();
            long[] rowConflicts = {0};
            TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
            ProllyMap ourRows = ot.rows();
            tt.rows().diff(baseRows, d -> {
                byte[] mine = ourRows.get(d.key());
                if (Arrays.equals(mine, d.oldValue())) {
                    edits.put(d.key(), d.newValue());
                } else if (!Arrays.equals(mine, d.newValue())) {
                    rowConflicts[0]++;
                }
                return true;
            });
            if (rowConflicts[0] > 0) {
                conflicts.add(new Conflict(name, Conflict.Kind.ROWS, rowConflicts[0]));
                continue;
            }
            long nextAuto = Math.max(ot.nextAutoIncrement(), tt.nextAutoIncrement());
            Table merged = Table.create(store, schema, ourRows.apply(edits), nextAuto);
            result = result.withTable(name, merged);
        }
        return result;
    }
}
