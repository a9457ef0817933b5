package dev.cairn.sql.procs;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.ops.AddOp;
import dev.cairn.sql.ops.BackupOp;
import dev.cairn.sql.ops.BranchOp;
import dev.cairn.sql.ops.CheckoutOp;
import dev.cairn.sql.ops.CommitOp;
import dev.cairn.sql.ops.GcOp;
import dev.cairn.sql.ops.MergeOp;
import dev.cairn.sql.ops.MergeOutcome;
import dev.cairn.sql.ops.RemoteOp;
import dev.cairn.sql.ops.ResetOp;
import dev.cairn.sql.ops.TagOp;
import dev.cairn.sql.ops.TransferOps;
import dev.cairn.sql.procs.args.AddArgs;
import dev.cairn.sql.procs.args.ArgParser;
import dev.cairn.sql.procs.args.BackupArgs;
import dev.cairn.sql.procs.args.BranchArgs;
import dev.cairn.sql.procs.args.CheckoutArgs;
import dev.cairn.sql.procs.args.CloneArgs;
import dev.cairn.sql.procs.args.CommitArgs;
import dev.cairn.sql.procs.args.FetchArgs;
import dev.cairn.sql.procs.args.GcArgs;
import dev.cairn.sql.procs.args.MergeArgs;
import dev.cairn.sql.procs.args.PullArgs;
import dev.cairn.sql.procs.args.PushArgs;
import dev.cairn.sql.procs.args.RemoteArgs;
import dev.cairn.sql.procs.args.ResetArgs;
import dev.cairn.sql.procs.args.TagArgs;
import java.util.List;

/**
 * The {@code dolt_*} procedures: each parses its arguments into the options class the CLI
 * command shares, runs the shared operation, and returns Dolt's one-row result.
 */
public final class DoltProcedures {
    private static final ResultColumn STATUS = new ResultColumn("status", SqlType.INT);
    private static final ResultColumn HASH = new ResultColumn("hash", SqlType.varchar(32));

    private DoltProcedures() {
    }

    public static void register() {
        Procedures.register(new SimpleProcedure("dolt_add", (s, a) -> {
            AddOp.run(s, ArgParser.parse("dolt_add", new AddArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_commit", (s, a) -> {
            String hash = CommitOp.run(s, ArgParser.parse("dolt_commit", new CommitArgs(), a));
            return ResultSet.of(List.of(HASH), List.<Object[]>of(new Object[] {hash}));
        }));
        Procedures.register(new SimpleProcedure("dolt_reset", (s, a) -> {
            ResetOp.run(s, ArgParser.parse("dolt_reset", new ResetArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_branch", (s, a) -> {
            BranchOp.run(s, ArgParser.parse("dolt_branch", new BranchArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_checkout", (s, a) -> {
            String message = CheckoutOp.run(s, ArgParser.parse("dolt_checkout", new CheckoutArgs(), a));
            return ResultSet.of(List.of(STATUS, new ResultColumn("message", SqlType.TEXT)),
                    List.<Object[]>of(new Object[] {0L, message}));
        }));
        Procedures.register(new SimpleProcedure("dolt_merge", (s, a) -> {
            MergeOutcome m = MergeOp.run(s, ArgParser.parse("dolt_merge", new MergeArgs(), a));
            return ResultSet.of(List.of(HASH, new ResultColumn("fast_forward", SqlType.INT),
                    new ResultColumn("conflicts", SqlType.INT), new ResultColumn("message", SqlType.TEXT)),
                    List.<Object[]>of(new Object[] {m.hash(), m.fastForward() ? 1L : 0L, m.conflicts(), m.message()}));
        }));
        Procedures.register(new SimpleProcedure("dolt_tag", (s, a) -> {
            TagOp.run(s, ArgParser.parse("dolt_tag", new TagArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_gc", (s, a) -> {
            GcOp.run(s, ArgParser.parse("dolt_gc", new GcArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_backup", (s, a) -> {
            BackupOp.dispatch(s, ArgParser.parse("dolt_backup", new BackupArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_remote", (s, a) -> {
            RemoteOp.dispatch(s, ArgParser.parse("dolt_remote", new RemoteArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_push", (s, a) -> {
            TransferOps.push(s, ArgParser.parse("dolt_push", new PushArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_pull", (s, a) -> {
            TransferOps.pull(s, ArgParser.parse("dolt_pull", new PullArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_fetch", (s, a) -> {
            TransferOps.fetch(s, ArgParser.parse("dolt_fetch", new FetchArgs(), a));
            return status();
        }));
        Procedures.register(new SimpleProcedure("dolt_clone", (s, a) -> {
            TransferOps.clone(s, ArgParser.parse("dolt_clone", new CloneArgs(), a));
            return status();
        }));
    }

    private static ResultSet status() {
        return ResultSet.of(List.of(STATUS), List.<Object[]>of(new Object[] {0L}));
    }
}
