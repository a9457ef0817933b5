package dev.cairn.sql.ops;

import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.RemoteSettings.Kind;
import dev.cairn.sql.procs.args.UrlOptions;
import dev.cairn.sql.procs.args.RemoteArgs;
import java.io.IOException;
import java.util.List;

/** {@code remote} / {@code dolt_remote}: {@code add NAME URL} and {@code remove|rm NAME}, with the backup rules. */
public final class RemoteOp {
    static final String LIST_HINT = "use 'dolt_remotes' table to list remotes";
    static final String USAGE_ADD = "usage: dolt_remote('add', 'remote_name', 'remote_url')";

    private RemoteOp() {
    }

    static String usageRemove(String action) {
        return "usage: dolt_remote('" + action + "', 'remote_name')";
    }

    public static void dispatch(SessionContext session, RemoteArgs args) throws IOException {
        List<String> ops = args.operands;
        if (ops.isEmpty()) {
            throw UserErrors.error(LIST_HINT);
        }
        String action = ops.get(0);
        switch (action) {
            case "add" -> {
                if (ops.size() != 3) {
                    throw UserErrors.error(USAGE_ADD);
                }
                add(session, ops.get(1), ops.get(2), args.options);
            }
            case "remove", "rm" -> {
                if (ops.size() != 2) {
                    throw UserErrors.error(usageRemove(action));
                }
                remove(session, ops.get(1));
            }
            default -> throw UserErrors.error("unrecognized dolt_remote parameter '" + action + "'");
        }
    }

    public static RemoteConfig add(SessionContext session, String name, String url, UrlOptions options) throws IOException {
        Repo repo = session.requireRepo();
        RemoteSettings.checkName(Kind.REMOTE, name);
        options.checkFor(RemoteSettings.normalizeUrl(Kind.REMOTE, url, repo.dir()));
        return RemoteSettings.add(repo, Kind.REMOTE, name, url, options.params());
    }

    /** Removes the remote and its remote-tracking branches. */
    public static void remove(SessionContext session, String name) throws IOException {
        RemoteSettings.remove(session.requireRepo(), Kind.REMOTE, name);
    }
}
