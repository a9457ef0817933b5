package dev.cairn.chunkstore.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Blobs as files under a directory, created if missing.
 *
 * <p>Every write is durable before it becomes visible: bytes go to a
 * {@code .tmp-*} file, which is fsynced, renamed into place, and then the
 * directory is fsynced. The manifest lives in the file {@code manifest}; its
 * version is a digest of its bytes (the table-file layer puts a fresh lock
 * token in every manifest, so no two writes share a version). Replacing it
 * holds an OS lock on the file {@code LOCK}, so two processes on one
 * directory serialise their compare-and-swaps instead of corrupting the
 * manifest, and the loser sees {@code false}.
 */
public final class DirectoryBlobStore implements BlobStore, StagedWrites {
    static final String MANIFEST = "manifest";
    static final String LOCK = "LOCK";
    private static final String TEMP_PREFIX = ".tmp-";

    /** FileChannel.lock is per process; this keeps two stores in one JVM from tripping over it. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    public DirectoryBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    private Path pathOf(String key) {
        BlobKeys.check(key);
        if (key.equals(MANIFEST) || key.equals(LOCK)) {
            throw new IllegalArgumentException("blob key '" + key + "' is reserved");
        }
        return root.resolve(key);
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        try (FileChannel ch = openForRead(key)) {
            long len = range.lengthIn(ch.size());
            if (len > Integer.MAX_VALUE - 8) {
                throw new IOException("range " + range + " of " + key + " is too large to read at once");
            }
            return readFully(ch, range.offset(), (int) len);
        }
    }

    /** Opens a blob's file. A directory is only a prefix of other keys, so it is no blob either. */
    private FileChannel openForRead(String key) throws IOException {
        Path path = pathOf(key);
        if (Files.isDirectory(path)) {
            throw new NoSuchBlobException(key);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(key);
        }
    }

    static byte[] readFully(FileChannel ch, long offset, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, offset + buf.position());
            if (n < 0) {
                break;
            }
        }
        if (buf.hasRemaining()) {
            byte[] out = new byte[buf.position()];
            System.arraycopy(buf.array(), 0, out, 0, out.length);
            return out;
        }
        return buf.array();
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (source.file() != null) {
                    copyFile(source.file(), out);
                } else {
                    try (InputStream in = source.openStream()) {
                        byte[] buf = new byte[1 << 16];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                            while (bb.hasRemaining()) {
                                out.write(bb);
                            }
                        }
                    }
                }
                out.force(true);
            }
            moveDurably(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Appends the whole of {@code from} to {@code out}, copied by the kernel where it can. */
    public static void copyFile(Path from, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0 && in.size() <= done) {
                    throw new IOException(from + " shrank while it was copied");
                }
                done += n;
            }
        }
    }

    @Override
    public Path localPath(String key) throws IOException {
        Path p = pathOf(key);
        return Files.isRegularFile(p) ? p : null;
    }

    @Override
    public Path newStagingFile() throws IOException {
        Path tmp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
        Files.createFile(tmp);
        return tmp;
    }

    @Override
    public void publish(Path staged, String key) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        moveDurably(staged, target);
    }

    private static void moveDurably(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically", e);
        }
        fsyncDirectory(to.getParent());
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (not Linux) refuse to open a directory; the rename is still atomic there.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e;
            }
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(pathOf(key), BasicFileAttributes.class);
            return attrs.isRegularFile() ? attrs.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        List<BlobInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (key.isEmpty() || !key.startsWith(prefix) || key.equals(MANIFEST) || key.equals(LOCK)
                        || hasHiddenSegment(key)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (attrs.isRegularFile()) {
                    out.add(new BlobInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
            }
        }
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    private static boolean hasHiddenSegment(String key) {
        return key.startsWith(".") || key.contains("/.");
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isDirectory(path)) {
            Files.deleteIfExists(path);
        }
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        byte[] bytes;
        Instant modified;
        try {
            Path file = root.resolve(MANIFEST);
            // The bytes first: a replacement in between then makes them look newer, never older, than they are.
            bytes = Files.readAllBytes(file);
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return null;
        }
        return new VersionedBytes(bytes, versionOf(bytes), modified);
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            VersionedBytes current = getManifest();
            String currentVersion = current == null ? null : current.version();
            if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
                return false;
            }
            Path tmp = root.resolve(TEMP_PREFIX + "manifest-" + UUID.randomUUID());
            try {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer bb = ByteBuffer.wrap(bytes);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    out.force(true);
                }
                moveDurably(tmp, root.resolve(MANIFEST));
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * The version of a manifest with these bytes: what {@link #getManifest} reports for them.
     * Public so that a server in front of a directory can tell a client the version it wrote.
     */
    public static String versionOf(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public BlobReader open(String key) throws IOException {
        FileChannel ch = openForRead(key);
        long size = ch.size();
        return new BlobReader() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                return readFully(ch, offset, (int) Math.max(0, Math.min(length, size - offset)));
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "DirectoryBlobStore(" + root + ")";
    }
}
