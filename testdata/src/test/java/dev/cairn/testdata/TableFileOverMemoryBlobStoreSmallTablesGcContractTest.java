package dev.cairn.testdata;

import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;

/**
 * As {@link TableFileOverMemoryBlobStoreGcContractTest} with 64 KiB memtables
 * and at most four small tables: puts spill into files before they are
 * committed, conjoins race collections, and a collection writes several files.
 */
class TableFileOverMemoryBlobStoreSmallTablesGcContractTest extends TableFileOverMemoryBlobStoreGcContractTest {
    @Override
    protected Options options() {
        return new Options(64 << 10, 4, Options.DEFAULT.conjoinMaxBytes(), Options.DEFAULT.maxCasAttempts());
    }
}
