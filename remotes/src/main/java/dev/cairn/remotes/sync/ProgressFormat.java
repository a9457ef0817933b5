package dev.cairn.remotes.sync;

import java.time.Duration;
import java.util.Locale;

/**
 * The progress lines Dolt prints, with sizes in SI units ({@code 3.1 kB}, {@code 1.0 MB/s}):
 * {@code Uploaded 3.1 kB of 3.1 kB @ 1.2 MB/s.} and
 * {@code Downloaded 14 chunks, 3.5 kB @ 1.0 MB/s.}
 * Which of the two to show is the caller's choice: the engine does not know which side is remote.
 */
public final class ProgressFormat {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private ProgressFormat() {
    }

    /** {@code Uploaded <done> of <total> @ <rate>.} */
    public static String uploaded(SyncProgress p) {
        return uploaded(p.bytesDone(), p.bytesTotal(), p.elapsed());
    }

    public static String uploaded(long bytesDone, long bytesTotal, Duration elapsed) {
        return "Uploaded " + bytes(bytesDone) + " of " + bytes(bytesTotal) + " @ " + rate(bytesDone, elapsed) + ".";
    }

    /** {@code Downloaded <n> chunks, <bytes> @ <rate>.} */
    public static String downloaded(SyncProgress p) {
        return downloaded(p.chunksDone(), p.bytesDone(), p.elapsed());
    }

    public static String downloaded(long chunks, long bytes, Duration elapsed) {
        return "Downloaded " + chunks + (chunks == 1 ? " chunk, " : " chunks, ") + bytes(bytes) + " @ "
                + rate(bytes, elapsed) + ".";
    }

    /** Bytes per second over {@code elapsed}, e.g. {@code 1.2 MB/s}. */
    public static String rate(long bytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos(), 1_000_000L) / 1e9; // a sync too quick to time is not infinitely fast
        return bytes((long) (bytes / seconds)) + "/s";
    }

    /**
     * A size in SI units the way Dolt's progress shows it: whole bytes below ten, otherwise
     * one decimal below ten units ({@code 3.1 kB}) and none from ten up ({@code 14 kB}).
     */
    public static String bytes(long n) {
        if (n < 10) {
            return n + " B";
        }
        int exp = (int) Math.floor(Math.log10(n) / 3);
        double value = Math.floor(n / Math.pow(1000, exp) * 10 + 0.5) / 10;
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[exp]);
    }
}
