package dev.cairn.testdata;

import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;

/**
 * TableFileChunkStore over a MemoryBlobStore with tiny memtables and few
 * tables, so background flushes and conjoins run often; over a store
 * without cheap random access, a conjoined-away file surfaces as a missing
 * blob rather than a closed channel.
 */
class TableFileOverMemoryBlobStoreSmallTablesContractTest extends TableFileOverMemoryBlobStoreContractTest {
    @Override
    protected Options options() {
        return new Options(64 << 10, 4, Options.DEFAULT.conjoinMaxBytes(), Options.DEFAULT.maxCasAttempts());
    }
}
