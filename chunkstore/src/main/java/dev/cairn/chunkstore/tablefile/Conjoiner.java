package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.blob.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Merges many small table files into one by copying their records verbatim.
 * Picks files only; swapping them in is the store's manifest CAS.
 */
final class Conjoiner {
    /**
     * A written conjoined file and the files it replaces.
     *
     * @param summary the new file
     * @param replaced names of the files whose chunks it holds
     */
    record Result(TableFileSummary summary, Set<String> replaced) {
    }

    private Conjoiner() {
    }

    /**
     * If more than {@code maxTables} small files are live, writes the smallest
     * of them into one new file, leaving {@code maxTables / 2} small files.
     *
     * <p>A file is small if it is shorter than {@code conjoinMaxBytes} and holds
     * less than {@code memTableBytes} of chunks. A file written because the
     * memtable filled up is as large as the write path makes files, so copying
     * it again would gain nothing: without this rule a single 1 GiB commit
     * (sixteen memtable-sized files and a tail) would copy ten of them, most of
     * what it had just written, once more before returning.
     */
    static Optional<Result> conjoin(BlobStore blobs, List<TableFileReader> tables,
            TableFileChunkStore.Options options) throws IOException {
        List<TableFileReader> small = new ArrayList<>();
        for (TableFileReader r : tables) {
            if (r.length() < options.conjoinMaxBytes() && r.uncompressedSize() < options.memTableBytes()) {
                small.add(r);
            }
        }
        if (small.size() <= options.maxTables()) {
            return Optional.empty();
        }
        small.sort(Comparator.comparingLong(TableFileReader::length));
        List<TableFileReader> picked = small.subList(0, small.size() - options.maxTables() / 2 + 1);
        TableFileSummary summary = TableFilePublisher.write(blobs, w -> {
            for (TableFileReader r : picked) {
                w.copyRecordsOf(r);
            }
        });
        Set<String> replaced = picked.stream().map(TableFileReader::name)
                .filter(n -> !n.equals(summary.name())).collect(Collectors.toSet());
        return Optional.of(new Result(summary, replaced));
    }
}
