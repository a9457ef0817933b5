package dev.cairn.sql.ops;

import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.GcArgs;
import java.io.IOException;

/** {@code gc} / {@code dolt_gc}: rewrites the chunks reachable from the store root and drops the rest. */
public final class GcOp {
    private GcOp() {
    }

    public static void run(SessionContext session, GcArgs args) throws IOException {
        session.requireRepo();
        throw new dev.cairn.sql.SqlException(dev.cairn.sql.SqlException.ER_NOT_SUPPORTED, "0A000",
                "gc is not available yet: garbage collection is being merged into the chunk store");
    }
}
