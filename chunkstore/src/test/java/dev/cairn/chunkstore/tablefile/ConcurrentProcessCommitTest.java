package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one store directory, committing as fast as they can: the
 * manifest compare-and-swap must serialise them so that no commit is lost and
 * none is applied twice, whether the writers are processes or two store
 * instances in one JVM.
 */
class ConcurrentProcessCommitTest {
    private static final int COMMITS = 50;

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void twoProcessesLoseNoCommits() throws Exception {
        race(List.of("a", "b"), TableFileChunkStore.Options.DEFAULT.maxTables());
    }

    /**
     * With room for only four small table files, nearly every commit conjoins and deletes files the
     * other writers have just read about in the manifest but not yet opened.
     */
    @Test
    @Timeout(120)
    void threeProcessesConjoiningConstantlyLoseNoCommits() throws Exception {
        race(List.of("a", "b", "c"), 4);
    }

    private void race(List<String> names, int maxTables) throws Exception {
        Path dir = tmp.resolve("store");
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (String name : names) {
                children.add(ChildJvm.start(RacingCommitter.class, tmp.resolve(name + ".stderr"), dir.toString(),
                        name, Integer.toString(COMMITS), Integer.toString(maxTables)));
            }
            for (ChildJvm c : children) {
                assertThat(c.awaitLine("READY"::equals, 60_000)).as("child ready; stderr:%n%s", c.stderr()).isTrue();
            }
            for (ChildJvm c : children) {
                c.send("go");
            }
            int retries = 0;
            for (ChildJvm c : children) {
                List<String> lines = c.finish(90_000);
                assertThat(c.process().exitValue()).as("exit code; stderr:%n%s", c.stderr()).isZero();
                assertThat(lines).as("stderr:%n%s", c.stderr()).last().isEqualTo("EXIT");
                for (String l : lines) {
                    if (l.startsWith("DONE ")) {
                        retries += Integer.parseInt(l.split(" ")[2]) - 1;
                    }
                }
            }
            System.out.println("ConcurrentProcessCommitTest: " + names.size() + " processes, " + retries
                    + " lost races retried");
        } finally {
            for (ChildJvm c : children) {
                c.close();
            }
        }
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            assertChainHoldsEveryCommitOnce(store, store.root(), names);
        }
    }

    @Test
    @Timeout(60)
    void twoStoresInOneJvmInterleaved() throws Exception {
        Path dir = tmp.resolve("store");
        try (TableFileChunkStore a = TableFileChunkStore.open(new DirectoryBlobStore(dir));
                TableFileChunkStore b = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            // Strict alternation: each store's view is stale whenever it commits.
            Hash aRoot = Hash.EMPTY;
            Hash bRoot = Hash.EMPTY;
            for (int i = 0; i < 20; i++) {
                aRoot = commitOnTop(a, aRoot, "a-" + i);
                bRoot = commitOnTop(b, bRoot, "b-" + i);
            }
            assertThat(a.commit(a.root(), Hash.EMPTY)).isFalse();
            assertThat(a.root()).isEqualTo(bRoot);
            // Each sees the other's chunks once it has seen the other's root.
            assertChainHoldsEveryCommitOnce(a, bRoot, List.of("a", "b"), 20);
            assertChainHoldsEveryCommitOnce(b, bRoot, List.of("a", "b"), 20);
        }
        try (TableFileChunkStore reopened = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            assertChainHoldsEveryCommitOnce(reopened, reopened.root(), List.of("a", "b"), 20);
        }
    }

    @Test
    @Timeout(60)
    void twoStoresInOneJvmOnTwoThreads() throws Exception {
        Path dir = tmp.resolve("store");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Few small files allowed, so the two also race to conjoin.
        TableFileChunkStore.Options options = new TableFileChunkStore.Options(64L << 20, 4, 256L << 20, 16);
        try (TableFileChunkStore a = TableFileChunkStore.open(new DirectoryBlobStore(dir), options);
                TableFileChunkStore b = TableFileChunkStore.open(new DirectoryBlobStore(dir), options)) {
            Future<?> fa = pool.submit(() -> commitMany(a, "a"));
            Future<?> fb = pool.submit(() -> commitMany(b, "b"));
            fa.get();
            fb.get();
        } finally {
            pool.shutdownNow();
        }
        try (TableFileChunkStore reopened = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            assertChainHoldsEveryCommitOnce(reopened, reopened.root(), List.of("a", "b"));
        }
    }

    private static Void commitMany(TableFileChunkStore store, String name) throws IOException {
        Hash root = store.root();
        for (int i = 0; i < COMMITS; i++) {
            root = commitOnTop(store, root, name + "-" + i);
        }
        return null;
    }

    /** Commits a chunk on top of {@code parent}, rebuilding on the winner's root after each lost race. */
    private static Hash commitOnTop(TableFileChunkStore store, Hash parent, String payload) throws IOException {
        while (true) {
            Chunk c = Chunk.create(parent.isEmpty() ? List.of() : List.of(parent),
                    payload.getBytes(StandardCharsets.UTF_8));
            store.put(c);
            if (store.commit(c.hash(), parent)) {
                return c.hash();
            }
            assertThat(store.root()).isNotEqualTo(parent);
            parent = store.root();
        }
    }

    private static void assertChainHoldsEveryCommitOnce(TableFileChunkStore store, Hash root, List<String> names)
            throws IOException {
        assertChainHoldsEveryCommitOnce(store, root, names, COMMITS);
    }

    private static void assertChainHoldsEveryCommitOnce(TableFileChunkStore store, Hash root, List<String> names,
            int commits) throws IOException {
        List<String> payloads = new ArrayList<>();
        for (Hash h = root; !h.isEmpty(); ) {
            Chunk c = store.get(h);
            assertThat(c).as("chunk %s on the chain after %s", h, payloads).isNotNull();
            payloads.add(new String(c.payload(), StandardCharsets.UTF_8));
            List<Hash> children = c.children();
            assertThat(children).hasSizeLessThanOrEqualTo(1);
            h = children.isEmpty() ? Hash.EMPTY : children.get(0);
        }
        List<String> expected = new ArrayList<>();
        for (String n : names) {
            for (int i = 0; i < commits; i++) {
                expected.add(n + "-" + i);
            }
        }
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(expected);
        for (String n : names) {
            // Each writer's own commits appear in the order it made them (the chain is newest first).
            List<String> own = payloads.stream().filter(p -> p.startsWith(n + "-")).toList();
            for (int i = 0; i < own.size(); i++) {
                assertThat(own.get(i)).isEqualTo(n + "-" + (commits - 1 - i));
            }
        }
    }
}
