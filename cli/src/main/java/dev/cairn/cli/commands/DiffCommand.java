package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.DatabaseException;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.TableDelta;
import dev.cairn.cli.CliSession;
import dev.cairn.cli.UserError;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn diff [--stat] [--staged] [FROM [TO]] [TABLE...]}: row-level differences, with
 * git's choice of sides: no commit compares the staged tables with the working ones, one
 * commit compares it with the working tables, two compare the commits. Leading operands are
 * commits while they resolve as one (at most two); the rest are tables.
 */
@Command(name = "diff", description = "Show row-level changes between commits, the staged and the working tables.")
public final class DiffCommand extends CairnCommand {
    @Option(names = "--stat", description = "Show how many rows were added, deleted and modified per table.")
    boolean stat;

    @Option(names = {"--staged", "--cached"}, description = "Compare HEAD with the staged tables.")
    boolean staged;

    @Parameters(paramLabel = "[FROM [TO]] [TABLE...]", description = "Commits to compare, then tables to show.")
    List<String> operands = new ArrayList<>();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            Repo repo = s.requireRepo();
            Database db = repo.db();
            String branch = s.currentBranch();
            var b = db.branch(branch);
            List<RootValue> commits = new ArrayList<>();
            int i = 0;
            while (i < operands.size() && commits.size() < 2) {
                RootValue r = commitRoot(db, operands.get(i), branch);
                if (r == null) {
                    break;
                }
                commits.add(r);
                i++;
            }
            List<String> tables = operands.subList(i, operands.size());
            RootValue from;
            RootValue to;
            if (staged) {
                if (!commits.isEmpty()) {
                    from = commits.get(0);
                    to = b.staged();
                } else {
                    from = b.headRoot();
                    to = b.staged();
                }
                if (commits.size() > 1) {
                    throw new UserError("--staged takes at most one commit");
                }
            } else if (commits.isEmpty()) {
                from = b.staged();
                to = b.working();
            } else if (commits.size() == 1) {
                from = commits.get(0);
                to = b.working();
            } else {
                from = commits.get(0);
                to = commits.get(1);
            }
            for (String t : tables) {
                if (from.resolveName(t) == null && to.resolveName(t) == null) {
                    throw new UserError("table " + t + " does not exist in either revision");
                }
            }
            for (TableDelta d : TableDelta.between(from, to)) {
                if (tables.isEmpty() || tables.stream().anyMatch(t -> t.equalsIgnoreCase(d.name()))) {
                    RowDiffPrinter.print(out(), d, stat);
                }
            }
        }
    }

    /**
     * The root value of {@code operand} if it names a commit, else null (it is a table). A name
     * that is both a table and a ref is taken as the ref, as Dolt does.
     */
    private static RootValue commitRoot(Database db, String operand, String branch) throws IOException {
        try {
            return db.rootValue(db.commit(db.resolve(operand, branch)).rootValue());
        } catch (DatabaseException | IllegalArgumentException e) {
            return null;
        }
    }
}
