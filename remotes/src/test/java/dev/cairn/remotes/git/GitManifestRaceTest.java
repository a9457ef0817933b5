package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers, each with its own store instance (and, over the network, its own cache, as on
 * two machines), race to replace the same manifest version in every round: exactly one must
 * win, the winner's manifest must be what everyone reads, and the loser, after reading again,
 * must get its own update and its pending table files in. Neither writer's files may be lost.
 */
class GitManifestRaceTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void overABareRepositoryExactlyOneWriterWinsEachRound() throws Exception {
        String url = GitStores.fileUrl(tmp.resolve("race.git"));
        race(url, null, null);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void overGitDaemonExactlyOneWriterWinsEachRound() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(tmp.resolve("served"))) {
            race(daemon.newRepository(), tmp.resolve("cache-a"), tmp.resolve("cache-b"));
        }
    }

    private static void race(String url, Path cacheA, Path cacheB) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (GitBlobStore a = GitStores.open(url, cacheA); GitBlobStore b = GitStores.open(url, cacheB)) {
            assertThat(a.putManifest(null, bytes("round 0"))).isTrue();
            List<GitBlobStore> writers = List.of(a, b);
            for (int round = 1; round <= ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    GitBlobStore s = writers.get(w);
                    String name = "w" + w + "-" + round;
                    outcomes.add(pool.submit(() -> {
                        s.put("tables/" + name, BlobSource.ofBytes(bytes("file of " + name)));
                        VersionedBytes cur = s.getManifest();
                        together.await(20, TimeUnit.SECONDS);
                        return s.putManifest(cur.version(), bytes(name));
                    }));
                }
                boolean first = outcomes.get(0).get(30, TimeUnit.SECONDS);
                boolean second = outcomes.get(1).get(30, TimeUnit.SECONDS);
                assertThat(first ^ second).as("exactly one writer wins round %d (%s, %s)", round, first, second)
                        .isTrue();
                int winner = first ? 0 : 1;
                GitBlobStore loser = writers.get(1 - winner);
                assertThat(text(loser.getManifest())).as("the loser reads the winner's manifest")
                        .isEqualTo("w" + winner + "-" + round);
                VersionedBytes now = loser.getManifest();
                assertThat(loser.putManifest(now.version(), bytes("w" + (1 - winner) + "-" + round + "-retry")))
                        .as("the loser's retry on the current version").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        try (GitBlobStore reader = GitStores.openExisting(url, cacheA == null ? null : cacheA.resolveSibling("cache-c"))) {
            List<String> keys = new ArrayList<>();
            for (BlobInfo i : reader.list("tables/")) {
                keys.add(i.key());
            }
            List<String> expected = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                expected.add("tables/w0-" + round);
                expected.add("tables/w1-" + round);
            }
            assertThat(keys).as("every writer's files, seen from a third instance").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(reader.get("tables/w1-3", ByteRange.ALL)).isEqualTo(bytes("file of w1-3"));
            assertThat(text(reader.getManifest())).endsWith("-" + ROUNDS + "-retry");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(VersionedBytes vb) {
        return new String(vb.bytes(), StandardCharsets.UTF_8);
    }
}
