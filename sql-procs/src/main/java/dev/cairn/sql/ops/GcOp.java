package dev.cairn.sql.ops;

import dev.cairn.chunkstore.GcResult;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.GcArgs;
import java.io.IOException;

/** {@code gc} / {@code dolt_gc}: keeps the chunks the store root reaches and drops the rest. */
public final class GcOp {
    private GcOp() {
    }

    /** Collects garbage; the result lets the CLI report what was freed. */
    public static GcResult run(SessionContext session, GcArgs args) throws IOException {
        return session.requireRepo().db().gc();
    }
}
