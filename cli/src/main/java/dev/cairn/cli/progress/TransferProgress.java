package dev.cairn.cli.progress;

import dev.cairn.remotes.sync.ProgressFormat;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of one upload or download. On a terminal a live line is redrawn in place with
 * {@code \r}, at most ten times a second, showing bytes and chunks done of the total and the
 * rate; otherwise nothing is printed until {@link #finish()}, which prints one summary line:
 *
 * <pre>
 *   Uploaded 3.1 kB of 3.1 kB @ 1.2 MB/s.
 *   Downloaded 14 chunks, 3.5 kB @ 1.0 MB/s.
 * </pre>
 *
 * Thread-safe: the transfer's workers may report from many threads.
 */
public final class TransferProgress implements AutoCloseable {
    /** Which way the data goes; it picks the wording. */
    public enum Direction { UPLOAD, DOWNLOAD }

    /** Live redraws are at least this far apart, so a fast transfer does not flood the terminal. */
    static final long REDRAW_NANOS = 100_000_000L;

    private final Direction direction;
    private final PrintWriter out;
    private final boolean live;
    private final LongSupplier nanoClock;
    private final long start;
    private long totalBytes;
    private long totalChunks;
    private long bytes;
    private long chunks;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;
    private boolean finished;

    /**
     * @param totalBytes the bytes to transfer, or -1 if not known yet
     * @param totalChunks the chunks to transfer, or -1 if not known yet
     * @param live whether to redraw a line in place (a terminal)
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public TransferProgress(Direction direction, long totalBytes, long totalChunks, PrintWriter out, boolean live,
            LongSupplier nanoClock) {
        this.direction = direction;
        this.totalBytes = totalBytes;
        this.totalChunks = totalChunks;
        this.out = out;
        this.live = live;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** Progress on stderr, live if stderr is an interactive terminal. */
    public static TransferProgress toStderr(Direction direction, long totalBytes, long totalChunks) {
        return new TransferProgress(direction, totalBytes, totalChunks,
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), Terminal.interactive(), System::nanoTime);
    }

    /** Sets the totals once they are known (a sync learns them after walking what to send). */
    public synchronized void totals(long totalBytes, long totalChunks) {
        this.totalBytes = totalBytes;
        this.totalChunks = totalChunks;
    }

    /** Records {@code addBytes} and {@code addChunks} more done, redrawing the live line if it is due. */
    public synchronized void advance(long addBytes, long addChunks) {
        bytes += addBytes;
        chunks += addChunks;
        if (!live || finished) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(liveLine(now));
        }
    }

    /** Prints the summary line (replacing the live one on a terminal); later calls do nothing. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        String line = summaryLine(nanoClock.getAsLong());
        if (live) {
            draw(line);
            out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        finish();
    }

    synchronized String liveLine(long now) {
        String rate = ProgressFormat.rate(bytes, Duration.ofNanos(now - start));
        String b = ProgressFormat.bytes(bytes) + (totalBytes >= 0 ? " of " + ProgressFormat.bytes(totalBytes) : "");
        String c = chunks + (totalChunks >= 0 ? " of " + totalChunks : "") + " chunks";
        return direction == Direction.UPLOAD
                ? "Uploading " + b + ", " + c + " @ " + rate
                : "Downloading " + c + ", " + b + " @ " + rate;
    }

    synchronized String summaryLine(long now) {
        Duration elapsed = Duration.ofNanos(now - start);
        return direction == Direction.UPLOAD
                ? ProgressFormat.uploaded(bytes, Math.max(totalBytes, bytes), elapsed)
                : ProgressFormat.downloaded(chunks, bytes, elapsed);
    }

    /** Rewrites the line in place, blanking what is left of a longer previous one. */
    private void draw(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }
}
