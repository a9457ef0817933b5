package dev.cairn.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TableFileChunkStore over a DirectoryBlobStore with 64 KiB memtables and at
 * most four small tables, so background flushes and conjoins run often.
 */
class TableFileOverDirectoryBlobStoreSmallTablesContractTest extends TableFileOverDirectoryBlobStoreContractTest {
    private static final Options SMALL =
            new Options(64 << 10, 4, Options.DEFAULT.conjoinMaxBytes(), Options.DEFAULT.maxCasAttempts());

    @Override
    protected Options options() {
        return SMALL;
    }

    /** Guards the suite itself: with these options, many commits really do conjoin. */
    @Test
    void manySmallCommitsAreConjoinedIntoFewTables() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir.resolve("conjoin"));
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs, SMALL)) {
            Hash root = Hash.EMPTY;
            for (int i = 0; i < 40; i++) {
                Chunk c = Chunk.create(root.isEmpty() ? List.of() : List.of(root),
                        ("commit-" + i).getBytes(StandardCharsets.UTF_8));
                s.put(c);
                assertThat(s.commit(c.hash(), root)).isTrue();
                root = c.hash();
            }
            List<TableFileSummary> tables = s.manifest().tables();
            assertThat(tables).hasSizeLessThanOrEqualTo(SMALL.maxTables());
            assertThat(tables.stream().mapToInt(TableFileSummary::chunkCount).sum()).isEqualTo(40);
            // Conjoined-away files are deleted; only live tables remain as blobs.
            assertThat(blobs.list("")).hasSize(tables.size());
        }
    }
}
