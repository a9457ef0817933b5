package dev.cairn.remotes.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one sync transfers table files on. Bounded twice: a fixed number of threads,
 * and a fixed number of tasks queued or running, so a walk that finds files faster than the
 * network takes them waits instead of filling the scratch disk. The first failure stops
 * further submissions and is rethrown as it was thrown, so a {@code CorruptChunkException}
 * reaches the caller with its file name.
 */
final class TransferPool implements AutoCloseable {
    /** A transfer. */
    interface Task {
        void run() throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService executor;
    private final Semaphore slots;
    private final List<Future<?>> futures = new ArrayList<>();
    private volatile Throwable failure;

    TransferPool(int threads, int maxInFlight) {
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-sync-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(maxInFlight);
    }

    /** Queues a transfer, waiting while the pool is full; throws an earlier transfer's failure instead. */
    void submit(Task task) throws IOException {
        rethrowFailure();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to transfer a table file");
        }
        try {
            futures.add(executor.submit(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                    throw t;
                } finally {
                    slots.release();
                }
                return null;
            }));
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Waits for every transfer so far; throws the first failure after cancelling the rest. */
    void awaitAll() throws IOException {
        try {
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | CancellationException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    rethrowFailure();
                    throw new IOException("a table file transfer failed", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while transferring table files");
        }
        futures.clear();
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IOException("a table file transfer failed", t);
    }

    /** Stops every transfer and waits for the threads, so nothing writes to the destination after a sync returns. */
    @Override
    public void close() throws IOException {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IOException("table file transfers did not stop within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping table file transfers");
        }
    }
}
