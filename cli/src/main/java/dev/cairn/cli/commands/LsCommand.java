package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.cli.CliSession;
import dev.cairn.repo.Repo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn ls}: the tables of the working set, or of a commit. */
@Command(name = "ls", description = "List the tables of the working set or of a commit.")
public final class LsCommand extends CairnCommand {
    /** The system tables every database has, as {@code SHOW TABLES} in SQL would not list them. */
    static final List<String> SYSTEM_TABLES = List.of("dolt_backups", "dolt_branches", "dolt_log",
            "dolt_remote_branches", "dolt_remotes", "dolt_status", "dolt_tags");

    @Option(names = {"-v", "--verbose"}, description = "Show each table's row count.")
    boolean verbose;

    @Option(names = {"-a", "--all"}, description = "List system tables too.")
    boolean all;

    @Parameters(paramLabel = "REF", arity = "0..1", description = "A commit to list the tables of (default: the working set).")
    String ref;

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            Repo repo = s.requireRepo();
            String branch = s.currentBranch();
            RootValue root = ref == null ? repo.db().branch(branch).working()
                    : repo.db().rootValue(repo.db().commit(repo.db().resolve(ref, branch)).rootValue());
            String where = ref == null ? "working set" : ref;
            List<String> names = root.tableNames();
            if (names.isEmpty()) {
                out().println("No tables in " + where);
            } else {
                out().println("Tables in " + where + ":");
                int width = names.stream().mapToInt(String::length).max().orElse(0);
                for (String n : names) {
                    if (verbose) {
                        Table t = root.table(n);
                        long rows = t.rows().count();
                        out().println("\t" + n + " ".repeat(width - n.length()) + "  " + rows
                                + (rows == 1 ? " row" : " rows"));
                    } else {
                        out().println("\t" + n);
                    }
                }
            }
            if (all) {
                List<String> system = new ArrayList<>(SYSTEM_TABLES);
                for (String n : names) {
                    system.add("dolt_diff_" + n);
                }
                system.sort(null);
                out().println();
                out().println("System tables:");
                for (String n : system) {
                    out().println("\t" + n);
                }
            }
        }
    }
}
