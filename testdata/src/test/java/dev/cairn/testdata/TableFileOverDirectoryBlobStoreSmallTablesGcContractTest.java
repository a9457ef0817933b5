package dev.cairn.testdata;

import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;

/**
 * As {@link TableFileOverDirectoryBlobStoreGcContractTest} with 64 KiB
 * memtables and at most four small tables, so flushes, conjoins and
 * multi-file collections all happen.
 */
class TableFileOverDirectoryBlobStoreSmallTablesGcContractTest extends TableFileOverDirectoryBlobStoreGcContractTest {
    @Override
    protected Options options() {
        return new Options(64 << 10, 4, Options.DEFAULT.conjoinMaxBytes(), Options.DEFAULT.maxCasAttempts());
    }
}
