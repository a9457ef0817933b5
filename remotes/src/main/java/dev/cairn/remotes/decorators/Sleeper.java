package dev.cairn.remotes.decorators;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits; a seam so that tests of backoff and bandwidth limits run without real waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    };

    void sleep(Duration d) throws InterruptedIOException;
}
