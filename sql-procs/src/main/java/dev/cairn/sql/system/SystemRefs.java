package dev.cairn.sql.system;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Resolves the revisions system tables read: {@code WORKING} and {@code STAGED} (the
 * session branch's working set), or any ref or commit hash the model resolves.
 */
final class SystemRefs {
    /** Commit dates are kept to the millisecond, as commits store them. */
    static final SqlType DATE = SqlType.datetime(3);
    static final SqlType HASH = SqlType.varchar(32);

    /** A resolved revision: its root value and, unless it is WORKING or STAGED, its commit. */
    record Revision(RootValue root, Commit commit) {
        String hash() {
            return commit == null ? null : commit.address().toString();
        }

        LocalDateTime date() {
            return commit == null ? null : SystemRefs.date(commit.meta().timestampMillis());
        }
    }

    private SystemRefs() {
    }

    static Revision resolve(SessionContext session, Repo repo, String ref) throws IOException {
        Database db = repo.db();
        String upper = ref.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("WORKING") || upper.equals("STAGED")) {
            Branch b = db.branch(session.currentBranch());
            return new Revision(upper.equals("WORKING") ? session.workingRoot() : b.staged(), null);
        }
        Hash h = db.resolve(ref, session.currentBranch());
        Commit c = db.commit(h);
        return new Revision(db.rootValue(c.rootValue()), c);
    }

    static LocalDateTime date(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
