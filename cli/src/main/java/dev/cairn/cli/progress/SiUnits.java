package dev.cairn.cli.progress;

import java.util.Locale;

/** Byte counts and rates in SI units with one decimal: {@code 512 B}, {@code 3.1 kB}, {@code 1.2 MB/s}. */
public final class SiUnits {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    private SiUnits() {
    }

    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        // Move up while the rounded value would print as 1000.0 or more, so 999,999 B is "1.0 MB".
        while (unit < UNITS.length - 1 && v >= 999.95) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** {@code bytes} over {@code nanos} as a rate; an instant transfer counts as taking one millisecond. */
    public static String rate(long bytes, long nanos) {
        long perSecond = (long) (bytes * 1e9 / Math.max(nanos, 1_000_000L));
        return bytes(perSecond) + "/s";
    }
}
