package dev.cairn.cli.commands;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.BranchOp;
import dev.cairn.sql.procs.args.BranchArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn branch}: lists branches with no operands (the current one marked {@code * }),
 * otherwise creates, deletes, renames or copies through the operation {@code dolt_branch} runs.
 */
@Command(name = "branch", description = "List, create, delete or rename branches.")
public final class BranchCommand extends CairnCommand {
    @Mixin
    BranchArgs args = new BranchArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            boolean changes = args.delete || args.forceDelete || args.move || args.copy || args.force;
            if (args.operands.isEmpty() && !changes) {
                list(s);
            } else {
                BranchOp.run(s, args);
            }
        }
    }

    private void list(CliSession s) throws IOException {
        Database db = s.requireRepo().db();
        String current = s.currentBranch();
        List<String[]> rows = new ArrayList<>();
        if (!args.listRemote) {
            for (Map.Entry<String, Hash> e : db.branches().entrySet()) {
                rows.add(new String[] {e.getKey().equals(current) ? "* " : "  ", e.getKey(), e.getValue().toString()});
            }
        }
        if (args.listAll || args.listRemote) {
            for (Map.Entry<String, Hash> e : db.refs().list(RefNames.REMOTES).entrySet()) {
                String name = args.listAll ? "remotes/" + e.getKey() : e.getKey();
                rows.add(new String[] {"  ", name, e.getValue().toString()});
            }
        }
        int width = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (String[] r : rows) {
            if (args.verbose) {
                String message = LogCommand.firstLine(db.commit(Hash.parse(r[2])).meta().message());
                out().println(r[0] + pad(r[1], width) + " " + r[2] + " " + message);
            } else {
                out().println(r[0] + r[1]);
            }
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
