package dev.cairn.remotes.http.server;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileReader;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * One served repository, {@code DIR/ORG/REPO}: a {@link DirectoryBlobStore} over it, so that
 * it is byte for byte a {@code file://} remote, and the indexes of its live table files for
 * answering which chunks it has. Nothing is created on disk until the first write.
 */
final class Repository {
    /** The live table files under one manifest version; their indexes are in memory. */
    private record Live(String version, Manifest manifest, List<TableFileReader> tables) {
    }

    private static final Live NONE = new Live(null, null, List.of());

    private final Path dir;
    /**
     * Held by manifest writes and by deletes of table files, so a delete cannot slip in
     * between its check that no manifest names the file and a manifest that starts naming it.
     */
    final Object manifestLock = new Object();
    /** Read-held by writes in progress; write-held while an empty directory is removed again. */
    private final ReentrantReadWriteLock creation = new ReentrantReadWriteLock();
    private volatile DirectoryBlobStore blobs;
    private volatile Live live = NONE;
    /** Indexes by table-file name: a name always means the same bytes, so they never go stale. */
    private final Map<String, TableFileReader> indexes = new HashMap<>();

    Repository(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The store, or null while the repository does not exist: reads must not create it. */
    DirectoryBlobStore forRead() throws IOException {
        if (!exists()) {
            return null;
        }
        DirectoryBlobStore b = blobs;
        return b != null ? b : forWrite();
    }

    /**
     * Runs a write that may create the repository. If the repository did not exist and the
     * write failed (a refused upload), the empty directory it created is removed again, so a
     * repository exists only once something was stored in it.
     */
    <T> T write(IoAction<T> action) throws IOException, HttpError {
        boolean existed = exists();
        boolean done = false;
        creation.readLock().lock();
        try {
            T result = action.run(forWrite());
            done = true;
            return result;
        } finally {
            creation.readLock().unlock();
            if (!done && !existed) {
                removeIfEmpty();
            }
        }
    }

    /** A write against the repository's store. */
    interface IoAction<T> {
        T run(DirectoryBlobStore blobs) throws IOException, HttpError;
    }

    /** Removes the repository's directory if nothing is in it and no write is under way. */
    private void removeIfEmpty() {
        if (!creation.writeLock().tryLock()) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // Best effort: an empty directory only makes the repository look created.
        } finally {
            creation.writeLock().unlock();
        }
    }

    /** The store, creating the repository's directory if this is its first write. */
    synchronized DirectoryBlobStore forWrite() throws IOException {
        if (blobs == null || !exists()) {
            blobs = new DirectoryBlobStore(dir);
        }
        return blobs;
    }

    /** The current manifest, decoded; null if there is none or it is not a Cairn manifest. */
    Manifest manifest() throws IOException {
        return current().manifest();
    }

    /** For each hash, whether a table file the current manifest names holds that chunk. */
    boolean[] has(List<Hash> hashes) throws IOException {
        List<TableFileReader> tables = current().tables();
        boolean[] out = new boolean[hashes.size()];
        for (int i = 0; i < out.length; i++) {
            for (TableFileReader t : tables) {
                if (t.has(hashes.get(i))) {
                    out[i] = true;
                    break;
                }
            }
        }
        return out;
    }

    private Live current() throws IOException {
        DirectoryBlobStore b = forRead();
        if (b == null) {
            return NONE;
        }
        VersionedBytes m = b.getManifest();
        Live l = live;
        if (m == null) {
            return NONE;
        }
        if (m.version().equals(l.version())) {
            return l;
        }
        return refresh(b, m);
    }

    private synchronized Live refresh(DirectoryBlobStore b, VersionedBytes m) throws IOException {
        if (m.version().equals(live.version())) {
            return live;
        }
        Manifest manifest;
        try {
            manifest = ManifestCodec.decode(dir + "/manifest", m.bytes());
        } catch (CorruptChunkException e) {
            // Any bytes may be stored as a manifest; only a Cairn manifest has live files.
            Live l = new Live(m.version(), null, List.of());
            live = l;
            return l;
        }
        List<TableFileReader> tables = new ArrayList<>();
        for (TableFileSummary t : manifest.tables()) {
            TableFileReader r = indexes.get(t.name());
            if (r == null) {
                // open() loads the index; has() needs nothing else, so the file is not kept open.
                r = TableFileReader.open(b, t.name(), t.length());
                r.close();
                indexes.put(t.name(), r);
            }
            tables.add(r);
        }
        indexes.keySet().removeIf(name -> !manifest.contains(name));
        Live l = new Live(m.version(), manifest, List.copyOf(tables));
        live = l;
        return l;
    }
}
