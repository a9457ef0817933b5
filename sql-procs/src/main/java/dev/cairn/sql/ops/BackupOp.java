package dev.cairn.sql.ops;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.DurationText;
import dev.cairn.remotes.sync.ProgressFormat;
import dev.cairn.remotes.sync.PruneResult;
import dev.cairn.remotes.sync.TransferDirection;
import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.repo.RepoState;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.RemoteSettings.Kind;
import dev.cairn.sql.procs.args.UrlOptions;
import dev.cairn.sql.procs.args.BackupArgs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    static final String PRUNE_ONLY_SYNC = "error: '--prune-with-grace-period' is only valid with 'sync' and 'sync-url'";
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
        if (args.pruneGrace != null && !action.equals("sync") && !action.equals("sync-url")) {
            throw UserErrors.error(PRUNE_ONLY_SYNC);
        }
        switch (action) {
            case "add" -> {
                arity(ops, 3, USAGE_ADD);
                add(session, ops.get(1), ops.get(2), args.options);
            }
            case "remove", "rm" -> {
                arity(ops, 2, usageRemove(action));
                remove(session, ops.get(1));
            }
            case "sync" -> {
                arity(ops, 2, USAGE_SYNC);
                sync(session, ops.get(1), pruneGrace(args.pruneGrace));
            }
            case "sync-url" -> {
                arity(ops, 2, USAGE_SYNC_URL);
                syncUrl(session, ops.get(1), args.options, pruneGrace(args.pruneGrace));
            }
            case "restore" -> {
                arity(ops, 3, USAGE_RESTORE);
                restore(session, ops.get(1), ops.get(2), args.force, args.options);
            }
            default -> throw UserErrors.error("unrecognized dolt_backup parameter '" + action + "'");
        }
    }

    private static void arity(List<String> ops, int n, String usage) {
        if (ops.size() != n) {
            throw UserErrors.error(usage);
        }
    }

    public static RemoteConfig add(SessionContext session, String name, String url, UrlOptions options) throws IOException {
        Repo repo = session.requireRepo();
        RemoteSettings.checkName(Kind.BACKUP, name);
        options.checkFor(RemoteSettings.normalizeUrl(Kind.BACKUP, url, repo.dir()));
        return RemoteSettings.add(repo, Kind.BACKUP, name, url, options.params());
    }

    public static void remove(SessionContext session, String name) throws IOException {
        RemoteSettings.remove(session.requireRepo(), Kind.BACKUP, name);
    }

    /**
     * Mirrors the database to the named backup: every branch, tag, remote-tracking ref and
     * working set; refs the backup has and the database lacks disappear. With
     * {@code pruneGrace}, then deletes what interrupted syncs left there; a busy backup is
     * left alone and said so through {@link SessionContext#notice}, which is not an error.
     */
    public static BackupService.SyncOutcome sync(SessionContext session, String name, Duration pruneGrace)
            throws IOException {
        Repo repo = session.requireRepo();
        RemoteConfig backup = RemoteSettings.require(repo, Kind.BACKUP, name);
        return mirror(session, repo, backup.url(), backup.params(), pruneGrace);
    }

    /** Mirrors the database to a URL that is not configured as a backup; see {@link #sync}. */
    public static BackupService.SyncOutcome syncUrl(SessionContext session, String url, UrlOptions options,
            Duration pruneGrace) throws IOException {
        Repo repo = session.requireRepo();
        String normalized = RemoteSettings.normalizeUrl(Kind.BACKUP, url, repo.dir());
        options.checkFor(normalized);
        return mirror(session, repo, normalized, options.params(), pruneGrace);
    }

    private static BackupService.SyncOutcome mirror(SessionContext session, Repo repo, String url,
            Map<String, String> params, Duration pruneGrace) throws IOException {
        BackupService.SyncOutcome out;
        try (DirectoryBlobStore local = repo.storeBlobs()) {
            out = TransferServices.backup(session).sync(local, repo.state().currentBranch(),
                    RemoteUrl.parse(url, repo.dir()), params, pruneGrace,
                    TransferListeners.of(session, TransferDirection.UPLOAD));
        }
        PruneResult p = out.prune();
        if (p != null) {
            session.notice(p.quiescent() ? "pruned " + p.deleted().size() + " unreferenced table file"
                    + (p.deleted().size() == 1 ? "" : "s") + ", " + ProgressFormat.bytes(p.bytesFreed())
                    : p.reason());
        }
        return out;
    }

    /**
     * Restores a backup into a new database {@code name} of the session's workspace; needs no
     * current database, so it works in a fresh server. The new database has no remotes or
     * backups and checks out the branch the backed-up database had checked out (see
     * {@link BackupService}). With {@code force} an existing database is replaced, but only
     * once the restored one is complete (see {@link Workspace#install}).
     */
    public static BackupService.RestoreOutcome restore(SessionContext session, String url, String name,
            boolean force, UrlOptions options) throws IOException {
        Workspace ws = session.workspace();
        String normalized = RemoteSettings.normalizeUrl(Kind.BACKUP, url, ws.root());
        options.checkFor(normalized);
        Workspace.checkName(name);
        String existing = ws.resolve(name);
        if (existing != null && !force) {
            throw UserErrors.error("database '" + name + "' already exists, use '--force' to overwrite");
        }
        Repo current = session.currentRepo();
        boolean replacingCurrent = existing != null && current != null && current.dir().equals(ws.pathFor(existing));
        RemoteUrl source = RemoteUrl.parse(normalized, ws.root());
        BackupService service = TransferServices.backup(session);
        BackupService.RestoreOutcome[] out = new BackupService.RestoreOutcome[1];
        ws.install(name, force, storeDir -> {
            try (DirectoryBlobStore into = new DirectoryBlobStore(storeDir)) {
                out[0] = service.restore(source, options.params(), into,
                        TransferListeners.of(session, TransferDirection.DOWNLOAD));
            }
            return RepoState.initial(out[0].branch());
        });
        if (replacingCurrent) {
            session.useDatabase(existing); // the session's branch may not exist in what replaced it
        }
        return out[0];
    }

    /** Parses {@code --prune-with-grace-period}; null when it was not given. */
    public static Duration pruneGrace(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw UserErrors.error("error: invalid --prune-with-grace-period: " + e.getMessage());
        }
    }
}
