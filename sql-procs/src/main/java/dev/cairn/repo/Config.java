package dev.cairn.repo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Configuration as {@code cairn config} sees it: a database's local settings
 * ({@code .cairn/config.json}) over the user's global ones ({@code config_global.json} in
 * {@code $CAIRN_ROOT_PATH}, default {@code ~/.cairn}). Keys are flat strings such as
 * {@code user.name}. Each write replaces its file atomically.
 */
public final class Config {
    public static final String USER_NAME = "user.name";
    public static final String USER_EMAIL = "user.email";

    /** Where a setting lives. */
    public enum Scope { LOCAL, GLOBAL }

    private final Path localFile;
    private final Path globalFile;

    private Config(Path localFile, Path globalFile) {
        this.localFile = localFile;
        this.globalFile = globalFile;
    }

    /** Config for a database ({@code repoDir} may be null outside a database: global settings only). */
    public static Config forRepo(Path repoDir) {
        Path local = repoDir == null ? null : repoDir.resolve(RepoLayout.DIR).resolve(RepoLayout.CONFIG);
        return new Config(local, globalRoot().resolve(RepoLayout.GLOBAL_CONFIG));
    }

    /** The directory of global state: {@code $CAIRN_ROOT_PATH}, else {@code ~/.cairn}. */
    public static Path globalRoot() {
        String env = System.getenv("CAIRN_ROOT_PATH");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cairn");
    }

    /** The effective value: local first, then global. */
    public Optional<String> get(String key) {
        String v = localFile == null ? null : read(localFile).get(key);
        if (v == null) {
            v = read(globalFile).get(key);
        }
        return Optional.ofNullable(v);
    }

    public Optional<String> get(Scope scope, String key) {
        return Optional.ofNullable(list(scope).get(key));
    }

    /** The settings of one scope, sorted by key. */
    public Map<String, String> list(Scope scope) {
        Path f = file(scope);
        return f == null ? Map.of() : read(f);
    }

    /** Local settings over global ones, sorted by key. */
    public Map<String, String> effective() {
        Map<String, String> all = new TreeMap<>(read(globalFile));
        if (localFile != null) {
            all.putAll(read(localFile));
        }
        return all;
    }

    public void set(Scope scope, String key, String value) throws IOException {
        Map<String, String> m = new TreeMap<>(list(scope));
        m.put(key, value);
        write(requireFile(scope), m);
    }

    /** Removes a key; returns false if it was not set in that scope. */
    public boolean unset(Scope scope, String key) throws IOException {
        Map<String, String> m = new TreeMap<>(list(scope));
        if (m.remove(key) == null) {
            return false;
        }
        write(requireFile(scope), m);
        return true;
    }

    private Path file(Scope scope) {
        return scope == Scope.LOCAL ? localFile : globalFile;
    }

    private Path requireFile(Scope scope) {
        Path f = file(scope);
        if (f == null) {
            throw new RepoException("--local can only be used inside a database directory");
        }
        return f;
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (JsonParser p = RepoStateCodec.JSON.createParser(Files.readAllBytes(file))) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.getCurrentName();
                    JsonToken value = p.nextToken();
                    out.put(key, value == JsonToken.VALUE_NULL ? "null" : RepoStateCodec.text(p, value, ""));
                }
            }
            return out;
        } catch (IOException e) {
            throw new RepoException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Map<String, String> values) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = RepoStateCodec.JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        AtomicFiles.write(file, out.toByteArray());
    }
}
