package dev.cairn.repo;

/**
 * Where a database keeps things inside its directory: {@code .cairn/noms/} (the chunk
 * store: manifest, table files, lock), {@code .cairn/repo_state.json} and
 * {@code .cairn/config.json}.
 */
public final class RepoLayout {
    public static final String DIR = ".cairn";
    public static final String STORE = "noms";
    public static final String STATE = "repo_state.json";
    public static final String CONFIG = "config.json";
    public static final String GLOBAL_CONFIG = "config_global.json";

    private RepoLayout() {
    }
}
