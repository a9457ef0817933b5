package dev.cairn.repo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-database state kept beside the chunk store in {@code .cairn/repo_state.json}: the
 * checked-out branch, and the configured remotes and backups by name. Immutable; the
 * {@code with*} methods return changed copies.
 */
public record RepoState(String currentBranch, Map<String, RemoteConfig> remotes, Map<String, RemoteConfig> backups) {
    public RepoState {
        remotes = Collections.unmodifiableMap(new TreeMap<>(remotes == null ? Map.of() : remotes));
        backups = Collections.unmodifiableMap(new TreeMap<>(backups == null ? Map.of() : backups));
    }

    public static RepoState initial(String branch) {
        return new RepoState(branch, Map.of(), Map.of());
    }

    public RepoState withCurrentBranch(String branch) {
        return new RepoState(branch, remotes, backups);
    }

    public RepoState withRemote(RemoteConfig remote) {
        Map<String, RemoteConfig> m = new TreeMap<>(remotes);
        m.put(remote.name(), remote);
        return new RepoState(currentBranch, m, backups);
    }

    public RepoState withoutRemote(String name) {
        Map<String, RemoteConfig> m = new TreeMap<>(remotes);
        m.remove(name);
        return new RepoState(currentBranch, m, backups);
    }

    public RepoState withBackup(RemoteConfig backup) {
        Map<String, RemoteConfig> m = new TreeMap<>(backups);
        m.put(backup.name(), backup);
        return new RepoState(currentBranch, remotes, m);
    }

    public RepoState withoutBackup(String name) {
        Map<String, RemoteConfig> m = new TreeMap<>(backups);
        m.remove(name);
        return new RepoState(currentBranch, remotes, m);
    }
}
