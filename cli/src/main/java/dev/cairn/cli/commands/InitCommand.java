package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.cli.UserError;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import dev.cairn.repo.RepoLayout;
import java.nio.file.Files;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn init}: makes the current directory a database with an initial commit. */
@Command(name = "init", description = "Create an empty database in the current directory.")
public final class InitCommand extends CairnCommand {
    static final String ALREADY = "This directory has already been initialized.";
    static final String DONE = "Successfully initialized cairn data repository.";

    @Option(names = {"-b", "--initial-branch"}, paramLabel = "BRANCH", defaultValue = "main",
            description = "The name of the first branch (default ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--name", paramLabel = "NAME", description = "The user name for this database's commits.")
    String name;

    @Option(names = "--email", paramLabel = "EMAIL", description = "The email for this database's commits.")
    String email;

    @Override
    protected void run() throws Exception {
        if (Files.exists(cwd().resolve(RepoLayout.DIR))) {
            throw new UserError(ALREADY);
        }
        // The identity comes from the flags or the global config; the initial commit needs one.
        Config global = Config.forRepo(null);
        String who = identity(name, global.get(Config.USER_NAME), "name", Config.USER_NAME);
        String mail = identity(email, global.get(Config.USER_EMAIL), "email", Config.USER_EMAIL);
        CommitMeta meta = new CommitMeta(who, mail, System.currentTimeMillis(), "Initialize data repository");
        try (Repo repo = Repo.init(cwd(), branch, meta)) {
            if (name != null) {
                repo.config().set(Config.Scope.LOCAL, Config.USER_NAME, name);
            }
            if (email != null) {
                repo.config().set(Config.Scope.LOCAL, Config.USER_EMAIL, email);
            }
        }
        err().println(DONE);
    }

    private static String identity(String flag, Optional<String> configured, String what, String key) {
        if (flag != null) {
            if (flag.isBlank()) {
                throw new UserError("--" + what + " may not be empty");
            }
            return flag;
        }
        return configured.filter(s -> !s.isBlank()).orElseThrow(() -> new UserError("Could not determine "
                + key + ". Use the init parameter --" + what + " or set it with cairn config --global --add "
                + key + " \"...\""));
    }
}
