package dev.cairn.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Chunks and bytes for tests, and a way to read a stored DAG back as text. */
public final class TestChunks {
    private TestChunks() {
    }

    /** The UTF-8 bytes of {@code s}. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} bytes that are the same for the same seed and do not compress. */
    public static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static List<Hash> hashes(List<Chunk> chunks) {
        List<Hash> out = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            out.add(c.hash());
        }
        return out;
    }

    /**
     * Walks the DAG under {@code root} through {@link Chunk#children()},
     * breadth-first, asserting every chunk is present; maps each chunk's
     * payload (as UTF-8) to its children's payloads in header order.
     */
    public static Map<String, List<String>> payloadGraph(ChunkStore store, Hash root) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<Hash> seen = new HashSet<>();
        Deque<Hash> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Hash h = todo.poll();
            if (!seen.add(h)) {
                continue;
            }
            Chunk c = store.get(h);
            assertThat(c).as("chunk %s reachable from %s", h, root).isNotNull();
            List<String> children = new ArrayList<>();
            for (Hash child : c.children()) {
                Chunk cc = store.get(child);
                assertThat(cc).as("child %s of %s", child, h).isNotNull();
                children.add(new String(cc.payload(), StandardCharsets.UTF_8));
                todo.add(child);
            }
            out.put(new String(c.payload(), StandardCharsets.UTF_8), children);
        }
        return out;
    }
}
