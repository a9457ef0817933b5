package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compresses records on every core while one thread writes them out in
 * order: compression, not the disk, would otherwise bound write throughput.
 */
final class RecordCompressor {
    private static final int BATCH = 256;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "cairn-compress-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private RecordCompressor() {
    }

    /** Starts compressing {@code chunks} in batches; the futures come back in input order. */
    static List<Future<CompressedRecord[]>> compressAll(List<Chunk> chunks) {
        List<Future<CompressedRecord[]>> out = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += BATCH) {
            List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + BATCH));
            out.add(POOL.submit(() -> {
                CompressedRecord[] recs = new CompressedRecord[batch.size()];
                for (int i = 0; i < recs.length; i++) {
                    recs[i] = CompressedRecord.of(batch.get(i));
                }
                return recs;
            }));
        }
        return out;
    }

    static CompressedRecord[] await(Future<CompressedRecord[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing a record failed", e.getCause());
        }
    }
}
