package dev.cairn.chunkstore.prolly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maps written to a table-file store on disk read back after the store is reopened. */
class ProllyPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void mapsLoadBackFromATableFileStoreAfterCommit() throws IOException {
        Random random = new Random(9);
        NavigableMap<byte[], byte[]> rows = TestEntries.sortedMap();
        for (int i = 0; i < 20_000; i++) {
            rows.put(TestEntries.key(i), TestEntries.randomValue(random, 0, 150));
        }
        NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
        edits.put(TestEntries.key(5), "changed".getBytes(StandardCharsets.UTF_8));
        edits.put(TestEntries.key(6), null);
        Hash tableRoot;
        Hash refsRoot;
        Hash commitChunk;
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            ProllyMap table = TestEntries.build(store, false, rows).apply(edits);
            tableRoot = table.root();
            // A ref map: name -> a "commit" chunk that points at the table.
            Chunk commit = Chunk.create(List.of(tableRoot), "commit".getBytes(StandardCharsets.UTF_8));
            store.put(commit);
            commitChunk = commit.hash();
            ProllyMap refs = ProllyMap.empty(store, true).editor()
                    .put("refs/heads/main".getBytes(StandardCharsets.UTF_8), commit.hash().toBytes())
                    .commit();
            refsRoot = refs.root();
            assertThat(store.commit(refsRoot, Hash.EMPTY)).isTrue();
        }
        rows.put(TestEntries.key(5), "changed".getBytes(StandardCharsets.UTF_8));
        rows.remove(TestEntries.key(6));

        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            assertThat(store.root()).isEqualTo(refsRoot);
            ProllyMap refs = ProllyMap.load(store, store.root());
            assertThat(refs.addressValues()).isTrue();
            assertThat(refs.get("refs/heads/main".getBytes(StandardCharsets.UTF_8))).isEqualTo(commitChunk.toBytes());

            ProllyMap table = ProllyMap.load(store, tableRoot);
            assertThat(table.addressValues()).isFalse();
            assertThat(table.count()).isEqualTo(rows.size());
            assertThat(TestEntries.toList(table.iterator())).isEqualTo(TestEntries.toList(rows));

            // The store root reaches every node of the table by chunk headers alone: what GC and sync rely on.
            Set<Hash> reached = new HashSet<>();
            Deque<Hash> todo = new ArrayDeque<>(List.of(store.root()));
            while (!todo.isEmpty()) {
                Hash h = todo.pop();
                if (reached.add(h)) {
                    Chunk c = store.get(h);
                    assertThat(c).as("chunk %s", h).isNotNull();
                    todo.addAll(c.children());
                }
            }
            for (List<ProllyNode> level : TestEntries.levels(store, tableRoot)) {
                for (ProllyNode node : level) {
                    assertThat(reached).contains(node.hash());
                }
            }
        }
    }
}
