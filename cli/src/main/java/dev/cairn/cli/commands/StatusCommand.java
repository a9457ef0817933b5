package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.Status;
import dev.cairn.cli.CliSession;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cairn status}: the branch, staged and unstaged table changes and untracked tables, laid out as git does. */
@Command(name = "status", description = "Show the working set's status.")
public final class StatusCommand extends CairnCommand {
    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            Status st = Status.of(s.requireRepo().db().branch(s.currentBranch()));
            print(out(), st);
        }
    }

    static void print(PrintWriter out, Status st) {
        out.println("On branch " + st.branch());
        if (st.clean()) {
            out.println("nothing to commit, working tree clean");
            return;
        }
        if (!st.staged().isEmpty()) {
            out.println();
            out.println("Changes to be committed:");
            out.println("  (use \"cairn reset <table>...\" to unstage)");
            changes(out, st.staged());
        }
        if (!st.unstaged().isEmpty()) {
            out.println();
            out.println("Changes not staged for commit:");
            out.println("  (use \"cairn add <table>\" to update what will be committed)");
            out.println("  (use \"cairn checkout <table>\" to discard changes in working directory)");
            changes(out, st.unstaged());
        }
        if (!st.untracked().isEmpty()) {
            out.println();
            out.println("Untracked tables:");
            out.println("  (use \"cairn add <table>\" to include in what will be committed)");
            for (String t : st.untracked()) {
                out.println(line("new table:", t));
            }
        }
    }

    private static void changes(PrintWriter out, List<Status.Change> changes) {
        for (Status.Change c : changes) {
            String label = switch (c.kind()) {
                case NEW -> "new table:";
                case MODIFIED -> "modified:";
                case DELETED -> "deleted:";
            };
            out.println(line(label, c.table()));
        }
    }

    private static String line(String label, String table) {
        return String.format("\t%-12s%s", label, table);
    }
}
