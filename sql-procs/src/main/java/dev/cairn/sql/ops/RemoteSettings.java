package dev.cairn.sql.ops;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.repo.RepoState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured remotes and backups of a database: name and URL rules, and adding and
 * removing them in {@code repo_state.json}. Remotes and backups share the rules and the
 * address-conflict check, so a URL is never both a remote and a backup (a backup sync
 * mirrors and deletes refs, which would wreck a remote used for push and pull).
 */
public final class RemoteSettings {
    /** Which list a setting lives in; the word is the one user messages use. */
    public enum Kind {
        REMOTE("remote"), BACKUP("backup");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final String FORBIDDEN = "./\\!@#$%^&*(){}[],<>'\"?=+|";
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);
    private static final Set<String> SCHEMES = Set.of("file", "s3", "aws", "gs", "git+file", "git+https",
            "git+http", "git+ssh", "git+git", "http", "https");

    private RemoteSettings() {
    }

    /** Refuses empty names and names with whitespace or any of {@code ./\!@#$%^&*(){}[],<>'"?=+|}. */
    public static String checkName(Kind kind, String name) {
        boolean bad = name.isEmpty();
        for (int i = 0; i < name.length() && !bad; i++) {
            char c = name.charAt(i);
            bad = Character.isWhitespace(c) || FORBIDDEN.indexOf(c) >= 0;
        }
        if (bad) {
            throw UserErrors.error(kind.word() + " name '" + name + "' is invalid");
        }
        return name;
    }

    /**
     * The URL as stored: scheme checked, and a relative {@code file://} path made absolute
     * against {@code base} (the database directory), so the setting means the same place
     * whatever directory a later command runs in.
     */
    public static String normalizeUrl(Kind kind, String url, Path base) {
        String u = url.trim();
        var m = SCHEME.matcher(u);
        if (u.isEmpty() || !m.matches() || !SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))
                || m.group(2).isEmpty()) {
            throw UserErrors.error(kind.word() + " URL '" + url + "' is invalid");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        if (scheme.equals("file") || scheme.equals("git+file")) {
            Path p = rest.startsWith("/") ? Path.of(rest) : base.resolve(rest);
            return scheme + "://" + p.toAbsolutePath().normalize();
        }
        return scheme + "://" + rest;
    }

    /** Adds a remote or backup after checking its name, URL, uniqueness and address. */
    public static RemoteConfig add(Repo repo, Kind kind, String name, String url, Map<String, String> params)
            throws IOException {
        checkName(kind, name);
        String normalized = normalizeUrl(kind, url, repo.dir());
        RemoteConfig config = new RemoteConfig(name, normalized, params);
        repo.updateState(s -> {
            if (list(s, kind).containsKey(name)) {
                throw UserErrors.error(kind.word() + " '" + name + "' already exists");
            }
            checkAddressConflict(s, normalized);
            return kind == Kind.REMOTE ? s.withRemote(config) : s.withBackup(config);
        });
        return config;
    }

    /** Removes a remote (with its remote-tracking branches) or a backup. */
    public static void remove(Repo repo, Kind kind, String name) throws IOException {
        require(repo, kind, name);
        repo.updateState(s -> kind == Kind.REMOTE ? s.withoutRemote(name) : s.withoutBackup(name));
        if (kind == Kind.REMOTE) {
            Map<String, Hash> gone = new LinkedHashMap<>();
            for (String b : repo.db().refs().list(RefNames.REMOTES + name + "/").keySet()) {
                gone.put(b, null);
            }
            if (!gone.isEmpty()) {
                repo.db().setRemoteRefs(name, gone);
            }
        }
    }

    /** The named remote or backup, or the "not found" error. */
    public static RemoteConfig require(Repo repo, Kind kind, String name) {
        RemoteConfig c = list(repo.state(), kind).get(name);
        if (c == null) {
            throw UserErrors.error(kind.word() + " '" + name + "' not found");
        }
        return c;
    }

    public static Map<String, RemoteConfig> list(RepoState s, Kind kind) {
        return kind == Kind.REMOTE ? s.remotes() : s.backups();
    }

    private static void checkAddressConflict(RepoState s, String url) {
        for (Kind k : Kind.values()) {
            for (RemoteConfig r : list(s, k).values()) {
                if (sameAddress(r.url(), url)) {
                    throw UserErrors.error("address conflict with a remote: '" + r.name() + "'");
                }
            }
        }
    }

    private static boolean sameAddress(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String u) {
        String s = u.trim();
        while (s.endsWith("/") && !s.endsWith("://")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
