package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process for {@link GcCrashRecoveryTest}: on the store at {@code args[0]},
 * commits and garbage collects in a loop until it is killed. Each round commits
 * a detour (a chunk on top of the root) and then, on top of the root again, a
 * commit chunk with a few random leaves, which leaves the detour behind as
 * garbage; then it collects. Prints {@code OPEN <root>} once the store is open,
 * {@code BEGIN <hash>} and {@code DONE <hash>} around each commit, and
 * {@code GC} and {@code GCDONE <kept> <dropped>} around each collection.
 */
public final class CrashCollector {
    /** Small tables, so collections write several files and commits conjoin. */
    static final TableFileChunkStore.Options OPTIONS = new TableFileChunkStore.Options(64 << 10, 4, 256L << 20, 16);

    private CrashCollector() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir), OPTIONS)) {
            Hash root = store.root();
            out.println("OPEN " + root);
            out.flush();
            for (long n = 0; ; n++) {
                byte[] b = new byte[1024 + random.nextInt(15 * 1024)];
                random.nextBytes(b);
                Chunk detour = Chunk.create(root.isEmpty() ? List.of() : List.of(root), b);
                Hash parent = commit(store, out, detour, root);
                List<Hash> children = new ArrayList<>();
                for (int i = 0, leaves = 1 + random.nextInt(3); i < leaves; i++) {
                    byte[] leaf = new byte[1024 + random.nextInt(31 * 1024)];
                    random.nextBytes(leaf);
                    Chunk c = Chunk.leaf(leaf);
                    store.put(c);
                    children.add(c.hash());
                }
                if (!root.isEmpty()) {
                    children.add(root);
                }
                Chunk link = Chunk.create(children,
                        ("commit " + n + " of " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
                root = commit(store, out, link, parent);
                out.println("GC");
                out.flush();
                GcResult r = store.collectGarbage();
                out.println("GCDONE " + r.chunksKept() + " " + r.chunksDropped());
                out.flush();
            }
        }
    }

    private static Hash commit(TableFileChunkStore store, PrintStream out, Chunk c, Hash expected) throws Exception {
        store.put(c);
        out.println("BEGIN " + c.hash());
        out.flush();
        if (!store.commit(c.hash(), expected)) {
            out.println("LOST " + store.root());
            out.flush();
            System.exit(3); // nobody else writes this store
        }
        out.println("DONE " + c.hash());
        out.flush();
        return c.hash();
    }
}
