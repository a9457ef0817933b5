package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a process that commits and garbage collects in a loop, again and
 * again on one store directory, and after each kill checks what a user would:
 * the store opens, its root is the last commit that reported success or the
 * one in flight, everything the root reaches reads back intact (a collection
 * cut short lost nothing), and a collection run afterwards succeeds and
 * leaves the same DAG.
 */
class GcCrashRecoveryTest {
    private static final int RUNS = 12;

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void killedCollectorLeavesAConsistentStore() throws Exception {
        Path dir = tmp.resolve("store");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Hash verified = Hash.EMPTY;
        List<Hash> links = new ArrayList<>();
        int collectionsDone = 0;
        int killedCollecting = 0;
        for (int run = 0; run < RUNS; run++) {
            String context = "run " + run + " (seed " + seed + ")";
            List<String> lines;
            try (ChildJvm child = ChildJvm.start(CrashCollector.class, tmp.resolve("child-" + run + ".stderr"),
                    dir.toString(), Long.toString(random.nextLong()))) {
                assertThat(child.awaitLine(l -> l.startsWith("OPEN "), 60_000))
                        .as("%s: child opened the store; stderr:%n%s", context, child.stderr()).isTrue();
                if (run % 3 == 0) {
                    assertThat(child.awaitLine(l -> l.startsWith("GCDONE "), 60_000))
                            .as("%s: child collected; stderr:%n%s", context, child.stderr()).isTrue();
                }
                Thread.sleep(50 + random.nextInt(351));
                assertThat(child.process().isAlive())
                        .as("%s: child still running when killed; stderr:%n%s", context, child.stderr()).isTrue();
                lines = child.kill();
            }

            assertThat(lines.get(0)).as(context).isEqualTo("OPEN " + verified);
            Hash lastDone = verified;
            Hash inFlight = null;
            boolean collecting = false;
            List<Hash> linksThisRun = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "BEGIN" -> inFlight = Hash.parse(f[1]);
                    case "DONE" -> {
                        assertThat(Hash.parse(f[1])).as(context).isEqualTo(inFlight);
                        lastDone = inFlight;
                        inFlight = null;
                    }
                    case "GC" -> {
                        collecting = true;
                        linksThisRun.add(lastDone); // the round's link: collections follow links only
                    }
                    case "GCDONE" -> {
                        collecting = false;
                        collectionsDone++;
                    }
                    default -> throw new AssertionError(context + ": unexpected child output '" + line + "'");
                }
            }
            killedCollecting += collecting ? 1 : 0;

            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir),
                    CrashCollector.OPTIONS)) {
                Hash root = store.root();
                if (inFlight == null) {
                    assertThat(root).as("%s: root after a kill outside a commit", context).isEqualTo(lastDone);
                } else {
                    assertThat(root).as("%s: root after a kill during a commit; lines %s", context, lines).isIn(lastDone, inFlight);
                }
                Set<Hash> reachable = walk(store, root, context);
                links.addAll(linksThisRun);
                assertThat(reachable).as("%s: every link committed so far is reachable", context).containsAll(links);
                GcResult r = store.collectGarbage();
                assertThat(r.chunksKept()).as(context).isGreaterThanOrEqualTo(reachable.size());
                assertThat(walk(store, root, context)).as("%s: a collection afterwards keeps the DAG", context)
                        .isEqualTo(reachable);
                verified = root;
            }
        }
        System.out.printf("GcCrashRecoveryTest: %d runs, %d collections reported done, %d kills during a"
                + " collection, seed %d%n", RUNS, collectionsDone, killedCollecting, seed);
        assertThat(collectionsDone).as("children made progress").isGreaterThanOrEqualTo(RUNS / 3);
    }

    /** Reads every chunk reachable from {@code root}, checking each one's bytes hash to its address. */
    private static Set<Hash> walk(TableFileChunkStore store, Hash root, String context) throws IOException {
        Set<Hash> seen = new HashSet<>();
        if (root.isEmpty()) {
            return seen;
        }
        Deque<Hash> todo = new ArrayDeque<>(List.of(root));
        seen.add(root);
        while (!todo.isEmpty()) {
            Hash h = todo.pop();
            Chunk c = store.get(h);
            assertThat(c).as("%s: reachable chunk %s is in the store", context, h).isNotNull();
            assertThat(Hash.of(c.data())).as(context).isEqualTo(h);
            for (Hash child : c.children()) {
                if (seen.add(child)) {
                    todo.push(child);
                }
            }
        }
        return seen;
    }
}
