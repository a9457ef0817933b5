package dev.cairn.cli;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training run behind the launcher's class-data archive (AppCDS): the launcher runs this
 * once per built jar in an empty temporary directory under {@code -XX:DumpLoadedClassList},
 * then dumps a static archive of that list, so every class the everyday commands and the
 * transfers load is archived, already parsed and verified, and later runs start faster. Not
 * for users, hence hidden.
 */
@Command(name = "__train-cds", hidden = true, description = "Exercise everyday commands for the launcher's class-data archive.")
final class CdsTrainingCommand implements Callable<Integer> {
    /**
     * Everyday command lines, run in a fresh database. A command that does not exist (yet) only
     * prints an error; what matters is the classes each one loads.
     */
    static final List<List<String>> TRAINING = List.of(
            List.of("version"),
            List.of("status"),
            List.of("sql", "-q", "create table t (pk int primary key, c1 varchar(20), c2 decimal(10,2));"
                    + " insert into t values (1, 'a', 1.5), (2, 'b', null); select * from t where pk = 1;"
                    + " update t set c1 = 'c' where pk = 2; select count(*) from t; show tables"),
            List.of("sql", "-r", "csv", "-q", "select * from t order by pk"),
            List.of("sql", "-r", "json", "-q", "select * from t order by pk"),
            List.of("status"),
            List.of("diff"),
            List.of("ls"),
            List.of("add", "."),
            List.of("config", "--global", "--add", "user.name", "cairn"),
            List.of("config", "--global", "--add", "user.email", "cairn@localhost"),
            List.of("commit", "-m", "training"),
            List.of("log", "-n", "1"),
            List.of("branch"),
            List.of("tag"),
            List.of("remote", "-v"),
            List.of("config", "--list"),
            // Transfers, against file:// remotes beside the training database.
            List.of("backup", "add", "training", "file://../training-backup"),
            List.of("backup", "sync", "training"),
            List.of("backup", "sync", "training"),
            List.of("backup", "-v"),
            List.of("backup", "restore", "file://../training-backup", "../training-restored"),
            List.of("remote", "add", "origin", "file://../training-remote"),
            List.of("push", "origin", "main"),
            List.of("fetch", "origin"),
            List.of("clone", "file://../training-remote", "../training-clone"),
            List.of("sql", "--help"),
            List.of("--help"),
            List.of("no-such-command"));

    @Override
    public Integer call() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        // It creates a database here and writes global config: only where the launcher sets both up.
        try (Stream<Path> files = Files.list(dir)) {
            if (System.getenv("CAIRN_ROOT_PATH") == null || files.findAny().isPresent()) {
                throw new UserError("__train-cds runs only from the launcher, in an empty directory");
            }
        }
        Repo.init(dir, "main", new CommitMeta("cairn", "cairn@localhost", System.currentTimeMillis(),
                "Initialize data repository")).close();
        for (List<String> args : TRAINING) {
            Main.run(args.toArray(String[]::new));
        }
        return ExitCodes.OK;
    }
}
