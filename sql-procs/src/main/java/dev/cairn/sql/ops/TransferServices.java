package dev.cairn.sql.ops;

import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.FetchService;
import dev.cairn.remotes.PushService;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.sql.SessionContext;
import java.time.Clock;

/**
 * The remote services the operations use, built once: the standard URL schemes and engine
 * options. The backup service is made per session, so its prune floor comes from the
 * session's environment.
 */
final class TransferServices {
    private static final RemoteFactory REMOTES = RemoteFactory.standard();
    private static final SyncEngine ENGINE = new SyncEngine();
    static final PushService PUSH = new PushService(REMOTES, ENGINE);
    static final FetchService FETCH = new FetchService(REMOTES, ENGINE);

    private TransferServices() {
    }

    static BackupService backup(SessionContext session) {
        return new BackupService(REMOTES, ENGINE, new Pruner(Clock.systemUTC(), session::environment));
    }
}
