package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
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
 * SIGKILLs a committing process again and again on one store directory, and
 * after each kill checks what a user would: the store opens, its root is the
 * last commit that reported success or the one that was in flight, and
 * every chunk reachable from the root reads back intact.
 */
class CrashRecoveryTest {
    private static final int RUNS = 22;

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void killedCommitterLeavesAConsistentStore() throws Exception {
        Path dir = tmp.resolve("store");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Hash verified = Hash.EMPTY;
        List<Hash> history = new ArrayList<>();
        int commitsDone = 0;
        int killedInFlight = 0;
        int inFlightLanded = 0;
        for (int run = 0; run < RUNS; run++) {
            String context = "run " + run + " (seed " + seed + ")";
            Path stderr = tmp.resolve("child-" + run + ".stderr");
            List<String> lines;
            try (ChildJvm child = ChildJvm.start(CrashCommitter.class, stderr, dir.toString(),
                    Long.toString(random.nextLong()))) {
                assertThat(child.awaitLine(l -> l.startsWith("OPEN "), 60_000))
                        .as("%s: child opened the store; stderr:%n%s", context, child.stderr()).isTrue();
                if (run % 3 == 0) {
                    assertThat(child.awaitLine(l -> l.startsWith("DONE "), 60_000))
                            .as("%s: child committed; stderr:%n%s", context, child.stderr()).isTrue();
                }
                Thread.sleep(50 + random.nextInt(351));
                assertThat(child.process().isAlive())
                        .as("%s: child still running when killed; stderr:%n%s", context, child.stderr()).isTrue();
                lines = child.kill();
            }

            assertThat(lines.get(0)).as(context).isEqualTo("OPEN " + verified);
            Hash lastDone = verified;
            Hash inFlight = null;
            List<Hash> doneThisRun = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "BEGIN" -> {
                        assertThat(inFlight).as("%s: BEGIN without DONE before %s", context, line).isNull();
                        inFlight = Hash.parse(f[1]);
                    }
                    case "DONE" -> {
                        assertThat(Hash.parse(f[1])).as(context).isEqualTo(inFlight);
                        lastDone = inFlight;
                        doneThisRun.add(lastDone);
                        inFlight = null;
                    }
                    default -> throw new AssertionError(context + ": unexpected child output '" + line + "'");
                }
            }
            commitsDone += doneThisRun.size();

            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
                Hash root = store.root();
                if (inFlight == null) {
                    assertThat(root).as("%s: root after a kill between commits; lines %s history %s", context, lines, history).isEqualTo(lastDone);
                } else {
                    killedInFlight++;
                    assertThat(root).as("%s: root after a kill during a commit; lines %s history %s", context, lines, history).isIn(lastDone, inFlight);
                    if (root.equals(inFlight)) {
                        inFlightLanded++;
                    }
                }
                Set<Hash> reachable = walk(store, root, context);
                assertThat(reachable).as("%s: every earlier root is still reachable", context)
                        .containsAll(history).containsAll(doneThisRun);
                if (!root.isEmpty()) {
                    history.add(root);
                }
                verified = root;
            }
        }
        System.out.printf("CrashRecoveryTest: %d runs, %d commits reported done, %d kills during a commit"
                + " (%d of those landed), seed %d%n", RUNS, commitsDone, killedInFlight, inFlightLanded, seed);
        assertThat(commitsDone).as("children made progress").isGreaterThanOrEqualTo(RUNS / 3);
    }

    /** Reads every chunk reachable from {@code root}, checking each one's bytes hash to its address. */
    private static Set<Hash> walk(TableFileChunkStore store, Hash root, String context) throws IOException {
        Set<Hash> seen = new HashSet<>();
        if (root.isEmpty()) {
            return seen;
        }
        Deque<Hash> todo = new ArrayDeque<>();
        todo.push(root);
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
