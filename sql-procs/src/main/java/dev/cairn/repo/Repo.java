package dev.cairn.repo;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One database directory: the chunk store under {@code .cairn/noms}, the versioned
 * {@link Database} over it, and the repo state (checked-out branch, remotes, backups).
 * Thread-safe; close it to release the store.
 */
public final class Repo implements AutoCloseable {
    private final Path dir;
    private final TableFileChunkStore store;
    private final Database db;
    private final Path stateFile;
    private RepoState state;
    /** Per branch: held by a session while it stores a statement's or a transaction's changes there. */
    private final Map<String, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

    private Repo(Path dir, TableFileChunkStore store, Database db, RepoState state) {
        this.dir = dir;
        this.store = store;
        this.db = db;
        this.stateFile = dir.resolve(RepoLayout.DIR).resolve(RepoLayout.STATE);
        this.state = state;
    }

    /** True if {@code dir} holds a database. */
    public static boolean isRepo(Path dir) {
        return Files.isRegularFile(dir.resolve(RepoLayout.DIR).resolve(RepoLayout.STATE));
    }

    /**
     * Creates a database in {@code dir} (made if missing) with an initial commit on
     * {@code branch}. Everything is built in a temporary directory and renamed into place,
     * so a crash leaves either no database or a whole one.
     */
    public static Repo init(Path dir, String branch, CommitMeta meta) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        Path cairn = dir.resolve(RepoLayout.DIR);
        if (Files.exists(cairn)) {
            throw new RepoException("'" + dir + "' is already a cairn database");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".cairn-init-");
        try {
            try (TableFileChunkStore s = TableFileChunkStore.open(new DirectoryBlobStore(tmp.resolve(RepoLayout.STORE)))) {
                Database.init(s, branch, meta);
            }
            AtomicFiles.write(tmp.resolve(RepoLayout.STATE), RepoStateCodec.encode(RepoState.initial(branch)));
            Files.move(tmp, cairn, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(dir);
        } finally {
            deleteTree(tmp);
        }
        return open(dir);
    }

    /** Opens the database in {@code dir}. */
    public static Repo open(Path dir) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        if (!isRepo(dir)) {
            throw new RepoException("'" + dir + "' is not a cairn database");
        }
        Path stateFile = dir.resolve(RepoLayout.DIR).resolve(RepoLayout.STATE);
        RepoState state = RepoStateCodec.decode(Files.readAllBytes(stateFile), stateFile.toString());
        TableFileChunkStore store = TableFileChunkStore.open(
                new DirectoryBlobStore(dir.resolve(RepoLayout.DIR).resolve(RepoLayout.STORE)));
        try {
            return new Repo(dir, store, Database.open(store), state);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The database's name: its directory's name. */
    public String name() {
        Path f = dir.getFileName();
        return f == null ? dir.toString() : f.toString();
    }

    public Database db() {
        return db;
    }

    public TableFileChunkStore store() {
        return store;
    }

    /**
     * The chunk store's files as a blob store, for the sync engine to read or write beside
     * {@link #store()}. After a sync wrote here, {@code store().refresh()} shows it.
     */
    public DirectoryBlobStore storeBlobs() throws IOException {
        return new DirectoryBlobStore(dir.resolve(RepoLayout.DIR).resolve(RepoLayout.STORE));
    }

    public synchronized RepoState state() {
        return state;
    }

    /** Applies {@code change} to the repo state and writes it durably before returning. */
    public synchronized RepoState updateState(UnaryOperator<RepoState> change) throws IOException {
        RepoState next = change.apply(state);
        if (!next.equals(state)) {
            AtomicFiles.write(stateFile, RepoStateCodec.encode(next));
            state = next;
        }
        return next;
    }

    /**
     * The lock that sessions of this process hold while storing changes to {@code branch}'s
     * working set. The store is a compare-and-swap either way; the lock turns a session that
     * keeps losing the race (many connections writing one branch) into one that waits its
     * turn, so its statement is run once more against the latest root and then stored.
     */
    public ReentrantLock writeLock(String branch) {
        return writeLocks.computeIfAbsent(branch, b -> new ReentrantLock());
    }

    /** Local and global configuration for this database. */
    public Config config() {
        return Config.forRepo(dir);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    @Override
    public String toString() {
        return "Repo[" + dir + "]";
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
