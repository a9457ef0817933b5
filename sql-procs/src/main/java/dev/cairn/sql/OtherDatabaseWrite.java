package dev.cairn.sql;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.RootValue;
import java.io.IOException;

/**
 * A statement's change to a database other than the current one: written to that
 * database's working set on its checked-out branch, as a session that had run
 * {@code USE} on it would.
 */
final class OtherDatabaseWrite {
    private final Branch branch;
    private final RootValue base;
    private RootValue changed;

    OtherDatabaseWrite(Branch branch) throws IOException {
        this.branch = branch;
        this.base = branch.working();
    }

    RootValue root() {
        return changed != null ? changed : base;
    }

    void change(RootValue next) {
        changed = next;
    }

    /** Stores the change, if any; a lost compare-and-swap throws and the statement is retried. */
    void store() throws IOException {
        if (changed != null && !changed.address().equals(base.address())) {
            branch.setWorking(base, changed);
        }
    }
}
