package dev.cairn.repo;

import dev.cairn.chunkstore.model.CommitMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        // Sessions ask on every statement, by the stored name: answer from the cache without
        // listing the directory. A dropped or replaced database has left the cache already.
        Repo cached = open.get(name);
        if (cached != null) {
            return cached;
        }
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

    /** Writes a new database's chunk store and says what its repo state is; see {@link #install}. */
    @FunctionalInterface
    public interface DatabaseBuilder {
        /**
         * @param storeDir the empty directory to hold the chunk store ({@code .cairn/noms})
         * @return the repo state to write beside it
         */
        RepoState build(Path storeDir) throws IOException;
    }

    /**
     * Creates database {@code name} from what {@code builder} writes (a restore, a clone),
     * replacing an existing one if {@code replace}, and opens it for every session of the
     * workspace.
     *
     * <p>Crash-safe: the new {@code .cairn} is built complete in a hidden directory of the
     * root and renamed into place, so a failure or crash while building leaves the workspace
     * as it was (plus a hidden leftover). A replaced database's {@code .cairn} is first renamed
     * to a hidden directory, then the new one is renamed in, then the old one is deleted: a
     * crash between the two renames leaves no database under {@code name}, both versions
     * whole under hidden names, never a mix. The directory itself, and anything else in it, stays.
     *
     * @throws RepoException if {@code name} is invalid, or exists and {@code replace} is false
     */
    public synchronized Repo install(String name, boolean replace, DatabaseBuilder builder) throws IOException {
        checkName(name);
        String existing = resolve(name);
        if (existing != null && !replace) {
            throw new RepoException("database '" + name + "' already exists");
        }
        if (existing != null && existing.equals(rootDatabase())) {
            throw new RepoException("can't replace database " + name + "; it is the directory cairn was started in");
        }
        String key = existing != null ? existing : name;
        Path target = root.resolve(key);
        Files.createDirectories(root);
        Path tmp = Files.createTempDirectory(root, ".cairn-new-" + key + "-");
        Path replaced = null;
        boolean installed = false;
        try {
            Path cairn = tmp.resolve(RepoLayout.DIR);
            Path store = Files.createDirectories(cairn.resolve(RepoLayout.STORE));
            RepoState state = builder.build(store);
            AtomicFiles.write(cairn.resolve(RepoLayout.STATE), RepoStateCodec.encode(state));
            if (existing != null) {
                forget(existing);
                replaced = root.resolve(".cairn-replaced-" + key + "-" + System.nanoTime());
                Files.move(target.resolve(RepoLayout.DIR), replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(target)) {
                Files.move(cairn, target.resolve(RepoLayout.DIR), StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.syncDirectory(target);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            installed = true;
            AtomicFiles.syncDirectory(root);
        } finally {
            Repo.deleteTree(tmp);
            if (replaced != null) {
                if (installed) {
                    Repo.deleteTree(replaced);
                } else {
                    // The new one never made it: put the old one back rather than lose both.
                    Files.move(replaced, target.resolve(RepoLayout.DIR), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        Repo r = Repo.open(target);
        open.put(key, r);
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
