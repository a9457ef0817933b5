package dev.cairn.cli.commands;

import dev.cairn.cli.UserError;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn config}: reads and writes settings. Without a scope, reads see local over
 * global, and writes go to the database's local config inside a database and to the global
 * config elsewhere, as git's do.
 */
@Command(name = "config", description = "Get and set database and global options.")
public final class ConfigCommand extends CairnCommand {
    static final String ONE_ACTION = "exactly one of --add, --get, --unset or --list must be given";

    @Option(names = "--global", description = "Use the global config (in $CAIRN_ROOT_PATH, default ~/.cairn).")
    boolean global;

    @Option(names = "--local", description = "Use this database's config.")
    boolean local;

    @Option(names = "--add", arity = "2", paramLabel = "KEY VALUE", description = "Set KEY to VALUE.")
    List<String> add;

    @Option(names = "--get", paramLabel = "KEY", description = "Print the value of KEY.")
    String get;

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove KEY.")
    String unset;

    @Option(names = "--list", description = "Print every setting as 'key = value'.")
    boolean list;

    @Override
    protected void run() throws Exception {
        if (global && local) {
            throw new UserError("--global and --local are mutually exclusive");
        }
        int actions = (add != null ? 1 : 0) + (get != null ? 1 : 0) + (unset != null ? 1 : 0) + (list ? 1 : 0);
        if (actions != 1) {
            throw new UserError(ONE_ACTION);
        }
        boolean inRepo = Repo.isRepo(cwd());
        if (local && !inRepo) {
            throw new UserError("--local can only be used inside a database directory");
        }
        Config config = Config.forRepo(inRepo ? cwd() : null);
        Config.Scope writeScope = global || !inRepo ? Config.Scope.GLOBAL : Config.Scope.LOCAL;
        if (add != null) {
            config.set(writeScope, add.get(0), add.get(1));
            err().println("Config successfully updated.");
        } else if (unset != null) {
            if (!config.unset(writeScope, unset)) {
                throw new UserError("key '" + unset + "' is not set");
            }
            err().println("Config successfully updated.");
        } else if (get != null) {
            String v = (global || local ? config.get(scope(), get) : config.get(get))
                    .orElseThrow(() -> new UserError("key '" + get + "' is not set"));
            out().println(v);
        } else {
            Map<String, String> all = global || local ? config.list(scope()) : config.effective();
            all.forEach((k, v) -> out().println(k + " = " + v));
        }
    }

    private Config.Scope scope() {
        return global ? Config.Scope.GLOBAL : Config.Scope.LOCAL;
    }
}
