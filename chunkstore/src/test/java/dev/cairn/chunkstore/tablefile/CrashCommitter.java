package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process for {@link CrashRecoveryTest}: commits to the store at
 * {@code args[0]} in a loop until it is killed. Each commit adds a few random
 * leaves and a commit chunk whose children are those leaves and the previous
 * root. Prints {@code OPEN <root>} once the store is open, then
 * {@code BEGIN <hash>} before each commit and {@code DONE <hash>} after it
 * succeeds.
 */
public final class CrashCommitter {
    private CrashCommitter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            Hash root = store.root();
            out.println("OPEN " + root);
            out.flush();
            for (long n = 0; ; n++) {
                List<Hash> children = new ArrayList<>();
                int leaves = 1 + random.nextInt(3);
                for (int i = 0; i < leaves; i++) {
                    byte[] b = new byte[1024 + random.nextInt(63 * 1024)];
                    random.nextBytes(b);
                    Chunk leaf = Chunk.leaf(b);
                    store.put(leaf);
                    children.add(leaf.hash());
                }
                if (!root.isEmpty()) {
                    children.add(root);
                }
                Chunk commit = Chunk.create(children,
                        ("commit " + n + " of " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
                store.put(commit);
                out.println("BEGIN " + commit.hash());
                out.flush();
                if (!store.commit(commit.hash(), root)) {
                    out.println("LOST " + store.root());
                    out.flush();
                    System.exit(3); // nobody else writes this store
                }
                out.println("DONE " + commit.hash());
                out.flush();
                root = commit.hash();
            }
        }
    }
}
