package dev.cairn.chunkstore.prolly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nodes stay between the minimum and maximum size, and average near the target. */
class ProllyNodeSizeTest {
    /** Chunk bytes beyond the entries' weights: headers and counts. */
    private static final int HEADER_SLACK = 16;

    private final MemoryChunkStore store = new MemoryChunkStore();

    @Test
    void nodesOfSmallEntriesStayWithinMinAndMaxAndAverageNearTheTarget() throws IOException {
        Random random = new Random(5);
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        while (model.size() < 150_000) {
            model.put(TestEntries.randomValue(random, 4, 40), TestEntries.randomValue(random, 0, 300));
        }
        ProllyMap m = TestEntries.build(store, false, model);
        List<List<ProllyNode>> levels = TestEntries.levels(store, m.root());
        assertThat(levels).hasSize(m.depth());
        assertThat(m.depth()).isGreaterThanOrEqualTo(3);

        for (int l = 0; l < levels.size(); l++) {
            List<ProllyNode> level = levels.get(l);
            int[] sizes = level.stream().mapToInt(n -> n.data().length).sorted().toArray();
            System.out.printf("prolly: level %d: %,d nodes, bytes min %,d p5 %,d mean %,.0f p95 %,d max %,d%n",
                    levels.size() - 1 - l, sizes.length, sizes[0], sizes[sizes.length / 20],
                    Arrays.stream(sizes).average().orElse(0), sizes[sizes.length * 19 / 20], sizes[sizes.length - 1]);
            for (int i = 0; i < level.size(); i++) {
                ProllyNode node = level.get(i);
                assertThat(node.data().length).as("node %s", node).isLessThanOrEqualTo(
                        NodeSplitter.MAX_NODE_BYTES + HEADER_SLACK);
                if (i < level.size() - 1) {
                    // Only the last node of a level may be cut short: it ends where the entries do.
                    assertThat(node.data().length).as("node %s", node).isGreaterThanOrEqualTo(
                            NodeSplitter.MIN_NODE_BYTES);
                }
            }
        }
        List<ProllyNode> leaves = levels.get(levels.size() - 1);
        double mean = leaves.stream().mapToInt(n -> n.data().length).average().orElse(0);
        assertThat(mean).isBetween(0.8 * NodeSplitter.TARGET_NODE_BYTES, 1.3 * NodeSplitter.TARGET_NODE_BYTES);
    }

    @Test
    void bigEntriesNeverMakeANodeExceedTheMaximumExceptAlone() throws IOException {
        Random random = new Random(6);
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 1_500; i++) {
            int len = random.nextInt(10) == 0 ? 16_000 + random.nextInt(40_000) : 1_000 + random.nextInt(9_000);
            model.put(TestEntries.key(i), TestEntries.randomBytes(random, len));
        }
        ProllyMap m = TestEntries.build(store, false, model);
        int alone = 0;
        for (List<ProllyNode> level : TestEntries.levels(store, m.root())) {
            for (ProllyNode node : level) {
                if (node.size() > 1) {
                    assertThat(node.data().length).as("node %s", node)
                            .isLessThanOrEqualTo(NodeSplitter.MAX_NODE_BYTES + HEADER_SLACK);
                } else if (node.data().length > NodeSplitter.MAX_NODE_BYTES) {
                    alone++;
                }
            }
        }
        assertThat(alone).as("entries over the maximum sit in nodes of their own").isGreaterThan(100);
    }
}
