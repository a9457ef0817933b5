package dev.cairn.repo;

import dev.cairn.chunkstore.model.CommitMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The databases a SQL session or server can see: the root directory itself if it is a
 * database (named after the directory), plus every immediate subdirectory that is one. So
 * {@code cairn sql} run inside a database sees that database, and run in a directory of
 * databases sees all of them; {@code CREATE DATABASE x} makes the subdirectory {@code x}.
 *
 * <p>Opened databases are cached and shared by every session of the workspace. Thread-safe.
 */
public final class Workspace implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_\\-]{0,63}");

    private final Path root;
    private final Map<String, Repo> open = new HashMap<>();

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace open(Path root) {
        return new Workspace(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    /** The name of the database at the root, or null if the root is not a database. */
    public String rootDatabase() {
        if (!Repo.isRepo(root)) {
            return null;
        }
        Path f = root.getFileName();
        return f == null ? "root" : f.toString();
    }

    /** Database names, sorted. */
    public synchronized List<String> databases() throws IOException {
        List<String> out = new ArrayList<>();
        String rootDb = rootDatabase();
        if (rootDb != null) {
            out.add(rootDb);
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(Files::isDirectory).filter(Repo::isRepo)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals(rootDb))
                        .forEach(out::add);
            }
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    /** The stored name of database {@code name} in any case, or null. */
    public String resolve(String name) throws IOException {
        for (String d : databases()) {
            if (d.equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }

    public boolean has(String name) throws IOException {
        return resolve(name) != null;
    }

    /** Where a database called {@code name} lives (or would live). */
    public Path pathFor(String name) {
        if (name.equals(rootDatabase())) {
            return root;
        }
        return root.resolve(name);
    }

    /** Opens (or returns the already open) database {@code name}. */
    public synchronized Repo database(String name) throws IOException {
        String stored = resolve(name);
        if (stored == null) {
            throw new RepoException("database not found: " + name);
        }
        Repo r = open.get(stored);
        if (r == null) {
            r = Repo.open(pathFor(stored));
            open.put(stored, r);
        }
        return r;
    }

    /** Creates a new database directory {@code name} under the root. */
    public synchronized Repo create(String name, String branch, CommitMeta meta) throws IOException {
        checkName(name);
        if (has(name)) {
            throw new RepoException("can't create database " + name + "; database exists");
        }
        Repo r = Repo.init(root.resolve(name), branch, meta);
        open.put(name, r);
        return r;
    }

    /** Deletes database {@code name} and its directory. The root database cannot be dropped. */
    public synchronized void drop(String name) throws IOException {
        String stored = resolve(name);
        if (stored == null) {
            throw new RepoException("can't drop database " + name + "; database doesn't exist");
        }
        if (stored.equals(rootDatabase())) {
            throw new RepoException("can't drop database " + name + "; it is the directory cairn was started in");
        }
        forget(stored);
        Path dir = pathFor(stored);
        // Renamed first, so a crash mid-delete leaves a hidden directory, not a half database.
        Path doomed = root.resolve(".dropped-" + stored + "-" + System.nanoTime());
        Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Repo.deleteTree(doomed);
    }

    /** Closes and forgets an open database, e.g. before a restore replaces its directory. */
    public synchronized void forget(String name) throws IOException {
        Repo r = open.remove(name);
        if (r != null) {
            r.close();
        }
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RepoException("invalid database name: '" + name + "'");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (Repo r : open.values()) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
