package dev.cairn.chunkstore.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status} shows for a branch: table changes staged for the next commit, changes
 * not staged, and tables that are new in the working set and not staged (untracked).
 */
public record Status(String branch, List<Change> staged, List<Change> unstaged, List<String> untracked) {

    public enum ChangeKind { NEW, MODIFIED, DELETED }

    public record Change(String table, ChangeKind kind) {
    }

    public boolean clean() {
        return staged.isEmpty() && unstaged.isEmpty() && untracked.isEmpty();
    }

    /** Computes the status of {@code branch}. */
    public static Status of(Branch branch) throws IOException {
        return of(branch, branch.working());
    }

    /** The status of {@code branch} if its working root were {@code working} (e.g. a SQL transaction's). */
    public static Status of(Branch branch, RootValue working) throws IOException {
        RootValue head = branch.headRoot();
        RootValue staged = branch.staged();
        List<Change> stagedChanges = new ArrayList<>();
        for (TableDelta d : TableDelta.between(head, staged)) {
            stagedChanges.add(new Change(d.name(), kindOf(d)));
        }
        List<Change> unstaged = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        for (TableDelta d : TableDelta.between(staged, working)) {
            if (d.kind() == TableDelta.Kind.ADDED) {
                untracked.add(d.name());
            } else {
                unstaged.add(new Change(d.name(), kindOf(d)));
            }
        }
        return new Status(branch.name(), List.copyOf(stagedChanges), List.copyOf(unstaged), List.copyOf(untracked));
    }

    private static ChangeKind kindOf(TableDelta d) {
        return switch (d.kind()) {
            case ADDED -> ChangeKind.NEW;
            case DROPPED -> ChangeKind.DELETED;
            case MODIFIED -> ChangeKind.MODIFIED;
        };
    }
}
