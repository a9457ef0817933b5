package dev.cairn.repo;

import java.util.Map;
import java.util.Objects;

/**
 * A configured remote or backup: its name, URL and extra parameters (AWS options and the
 * like), as stored under {@code remotes} and {@code backups} in {@code repo_state.json}.
 */
public record RemoteConfig(String name, String url, Map<String, String> params) {
    public RemoteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        params = params == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(params));
    }
}
