package dev.cairn.sql.ops;

import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.RemoteSettings.Kind;
import dev.cairn.sql.procs.args.AwsArgs;
import dev.cairn.sql.procs.args.BackupArgs;
import java.io.IOException;
import java.util.List;

/**
 * {@code backup} / {@code dolt_backup}. {@link #dispatch} checks the procedure's action and
 * arity with Dolt's messages; the CLI's subcommands call {@link #add}, {@link #remove},
 * {@link #sync}, {@link #syncUrl} and {@link #restore} directly after picocli's own checks.
 */
public final class BackupOp {
    static final String LIST_HINT = "use 'dolt_backups' table to list backups";
    private static final String AWS_USAGE = ", ['--aws-region=<region>'], ['--aws-creds-type=<type>'], "
            + "['--aws-creds-file=<file>'], ['--aws-creds-profile=<profile>'])";
    static final String USAGE_ADD = "usage: dolt_backup('add', 'backup_name', 'backup_url'" + AWS_USAGE;
    static final String USAGE_SYNC = "usage: dolt_backup('sync', 'backup_name')";
    static final String USAGE_SYNC_URL = "usage: dolt_backup('sync-url', 'remote_url'" + AWS_USAGE;
    static final String USAGE_RESTORE = "usage: dolt_backup('restore', 'remote_url', 'new_db_name', ['--force']"
            + AWS_USAGE;

    private BackupOp() {
    }

    static String usageRemove(String action) {
        return "usage: dolt_backup('" + action + "', 'backup_name')";
    }

    /** Runs {@code dolt_backup(action, ...)}. */
    public static void dispatch(SessionContext session, BackupArgs args) throws IOException {
        List<String> ops = args.operands;
        if (ops.isEmpty()) {
            throw UserErrors.error(LIST_HINT);
        }
        String action = ops.get(0);
        switch (action) {
            case "add" -> {
                arity(ops, 3, USAGE_ADD);
                add(session, ops.get(1), ops.get(2), args.aws);
            }
            case "remove", "rm" -> {
                arity(ops, 2, usageRemove(action));
                remove(session, ops.get(1));
            }
            case "sync" -> {
                arity(ops, 2, USAGE_SYNC);
                sync(session, ops.get(1));
            }
            case "sync-url" -> {
                arity(ops, 2, USAGE_SYNC_URL);
                syncUrl(session, ops.get(1), args.aws);
            }
            case "restore" -> {
                arity(ops, 3, USAGE_RESTORE);
                restore(session, ops.get(1), ops.get(2), args.force, args.aws);
            }
            default -> throw UserErrors.error("unrecognized dolt_backup parameter '" + action + "'");
        }
    }

    private static void arity(List<String> ops, int n, String usage) {
        if (ops.size() != n) {
            throw UserErrors.error(usage);
        }
    }

    public static RemoteConfig add(SessionContext session, String name, String url, AwsArgs aws) throws IOException {
        Repo repo = session.requireRepo();
        RemoteSettings.checkName(Kind.BACKUP, name);
        aws.checkFor(RemoteSettings.normalizeUrl(Kind.BACKUP, url, repo.dir()));
        return RemoteSettings.add(repo, Kind.BACKUP, name, url, aws.params());
    }

    public static void remove(SessionContext session, String name) throws IOException {
        RemoteSettings.remove(session.requireRepo(), Kind.BACKUP, name);
    }

    /** Mirrors the database to the named backup. */
    public static void sync(SessionContext session, String name) throws IOException {
        RemoteSettings.require(session.requireRepo(), Kind.BACKUP, name);
        throw NotAvailable.sync("backup sync");
    }

    /** Mirrors the database to a URL that is not configured as a backup. */
    public static void syncUrl(SessionContext session, String url, AwsArgs aws) throws IOException {
        Repo repo = session.requireRepo();
        aws.checkFor(RemoteSettings.normalizeUrl(Kind.BACKUP, url, repo.dir()));
        throw NotAvailable.sync("backup sync-url");
    }

    /**
     * Restores a backup into a new database {@code name} of the session's workspace; needs no
     * current database, so it works in a fresh server.
     */
    public static void restore(SessionContext session, String url, String name, boolean force, AwsArgs aws)
            throws IOException {
        Workspace ws = session.workspace();
        aws.checkFor(RemoteSettings.normalizeUrl(Kind.BACKUP, url, ws.root()));
        Workspace.checkName(name);
        if (ws.has(name) && !force) {
            throw UserErrors.error("database '" + name + "' already exists, use '--force' to overwrite");
        }
        throw NotAvailable.sync("backup restore");
    }
}
