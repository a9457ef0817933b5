package dev.cairn.remotes.sync;

import java.time.Duration;

/** The running totals of one sync; tells the listener on every change, one call at a time. */
final class ProgressTracker {
    private final ProgressListener listener;
    private final long startNanos;
    private long chunksDone;
    private long chunksTotal;
    private long bytesDone;
    private long bytesTotal;
    private long chunksSent;
    private long bytesSent;
    private int filesUploaded;
    private int filesReused;

    ProgressTracker(ProgressListener listener, long startNanos) {
        this.listener = listener;
        this.startNanos = startNanos;
    }

    /** More to send was found. */
    synchronized void planned(long chunks, long bytes) {
        chunksTotal += chunks;
        bytesTotal += bytes;
        listener.progress(snapshot());
    }

    /** A table file reached the destination. */
    synchronized void uploaded(long chunks, long bytes) {
        chunksDone += chunks;
        bytesDone += bytes;
        chunksSent += chunks;
        bytesSent += bytes;
        filesUploaded++;
        listener.progress(snapshot());
    }

    /** A table file was already at the destination under its name, so it counts as done without being sent. */
    synchronized void reused(long chunks, long bytes) {
        chunksDone += chunks;
        bytesDone += bytes;
        filesReused++;
        listener.progress(snapshot());
    }

    synchronized SyncProgress snapshot() {
        return new SyncProgress(chunksDone, chunksTotal, bytesDone, bytesTotal, elapsed());
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    synchronized long chunksSent() {
        return chunksSent;
    }

    synchronized long bytesSent() {
        return bytesSent;
    }

    synchronized int filesUploaded() {
        return filesUploaded;
    }

    synchronized int filesReused() {
        return filesReused;
    }
}
