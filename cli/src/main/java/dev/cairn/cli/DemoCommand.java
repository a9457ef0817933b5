package dev.cairn.cli;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn demo}: runs Cairn's storage end to end on an embedded default,
 * a table-file store in a temporary directory, and says what it did.
 */
@Command(name = "demo", description = "Write chunks to a temporary store, commit, reopen and verify them.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "Keep the demo store in this (new or empty) directory.")
    Path dir;

    @Option(names = "--rows", defaultValue = "5000", description = "Rows to write (default ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new UserError("--rows must be at least 1");
        }
        PrintStream out = System.out;
        boolean temporary = dir == null;
        Path storeDir = temporary ? Files.createTempDirectory("cairn-demo-") : dir.toAbsolutePath();
        if (!temporary && Files.isDirectory(storeDir)) {
            try (Stream<Path> s = Files.list(storeDir)) {
                if (s.findAny().isPresent()) {
                    throw new UserError("directory '" + dir + "' is not empty");
                }
            }
        }
        try {
            out.println("Cairn demo: a table-file chunk store in " + storeDir);
            Hash first;
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(storeDir))) {
                long t0 = System.nanoTime();
                first = writeVersion(store, 0, rows);
                boolean ok = store.commit(first, Hash.EMPTY);
                out.printf("  wrote %d rows as a tree of chunks and committed root %s (%s, %d ms)%n", rows, first,
                        ok ? "ok" : "lost the race", (System.nanoTime() - t0) / 1_000_000);
                describe(out, store.manifest());
            }
            Hash second;
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(storeDir))) {
                out.println("  reopened: root " + store.root());
                out.printf("  verified %d reachable chunks: every one reads back and matches its hash%n",
                        verify(store, store.root()));
                second = writeVersion(store, 1, rows);
                if (!store.commit(second, first)) {
                    throw new IllegalStateException("another writer moved the root during the demo");
                }
                out.printf("  changed 1 row of %d and committed root %s%n", rows, second);
                describe(out, store.manifest());
            }
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(storeDir))) {
                Set<Hash> v1 = reachable(store, first);
                Set<Hash> v2 = reachable(store, second);
                int shared = 0;
                for (Hash h : v2) {
                    shared += v1.contains(h) ? 1 : 0;
                }
                out.printf("  the second version reuses %d of its %d chunks; only %d were written%n", shared,
                        v2.size(), v2.size() - shared);
                out.printf("  reopened again: root %s, %d chunks verified%n", store.root(), verify(store, store.root()));
            }
            out.println(temporary ? "Done; removed the temporary store." : "Done; the store is in " + storeDir);
            return ExitCodes.OK;
        } finally {
            if (temporary) {
                deleteTree(storeDir);
            }
        }
    }

    /**
     * Writes {@code rows} rows as leaves of 100 rows and a two-level tree over
     * them; version {@code v} changes one row, so it shares most chunks.
     */
    private static Hash writeVersion(TableFileChunkStore store, int v, int rows) throws IOException {
        List<Hash> leaves = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            String value = (v == 1 && i == rows / 2) ? "changed" : "value-" + (i * 7919 % 10007);
            sb.append(i).append(',').append(value).append('\n');
            if ((i + 1) % 100 == 0 || i == rows - 1) {
                Chunk leaf = Chunk.leaf(sb.toString().getBytes(StandardCharsets.UTF_8));
                store.put(leaf);
                leaves.add(leaf.hash());
                sb.setLength(0);
            }
        }
        List<Hash> level = leaves;
        while (level.size() > 1) {
            List<Hash> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 16) {
                Chunk node = Chunk.create(level.subList(i, Math.min(level.size(), i + 16)), new byte[] {'n'});
                store.put(node);
                up.add(node.hash());
            }
            level = up;
        }
        Chunk root = Chunk.create(List.of(level.get(0)), ("demo version " + v).getBytes(StandardCharsets.UTF_8));
        store.put(root);
        return root.hash();
    }

    private static void describe(PrintStream out, Manifest m) {
        long bytes = 0;
        int chunks = 0;
        for (TableFileSummary t : m.tables()) {
            bytes += t.length();
            chunks += t.chunkCount();
        }
        out.printf("  manifest: %d table file(s), %d chunks, %d bytes on disk%n", m.tables().size(), chunks, bytes);
    }

    private static Set<Hash> reachable(TableFileChunkStore store, Hash root) throws IOException {
        Set<Hash> seen = new HashSet<>();
        Deque<Hash> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Hash h = todo.pop();
            if (seen.add(h)) {
                Chunk c = store.get(h);
                if (c == null) {
                    throw new IllegalStateException("chunk " + h + " is missing");
                }
                todo.addAll(c.children());
            }
        }
        return seen;
    }

    private static int verify(TableFileChunkStore store, Hash root) throws IOException {
        return reachable(store, root).size();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
