package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one place the decorators every network remote gets are composed, outermost first:
 * {@link RetryingBlobStore}, then {@link LimitedBlobStore}, then, when a limit is set,
 * {@link ThrottledBlobStore}, then the scheme's own store. Retries sit outside the request
 * bound so that a request waiting out its backoff holds no slot.
 *
 * <p>Set from the environment: {@code CAIRN_REMOTE_RETRIES} (attempts per request, default
 * 6), {@code CAIRN_REMOTE_MAX_REQUESTS} (requests in flight per remote, default 32) and
 * {@code CAIRN_REMOTE_BANDWIDTH} (bytes per second, with an optional SI suffix such as
 * {@code 10MB}; unset for no limit).
 *
 * @param retry how transient failures are retried
 * @param maxConcurrentRequests the bound on requests in flight
 * @param bytesPerSecond the bandwidth limit; 0 for none
 */
public record RemoteDecorators(RetryPolicy retry, int maxConcurrentRequests, long bytesPerSecond) {
    public static final RemoteDecorators DEFAULT = new RemoteDecorators(RetryPolicy.DEFAULT, 32, 0);

    /** The settings the environment gives. */
    public static RemoteDecorators fromEnvironment(Function<String, String> env) {
        RetryPolicy retry = RetryPolicy.DEFAULT;
        String retries = env.apply("CAIRN_REMOTE_RETRIES");
        if (retries != null && !retries.isBlank()) {
            retry = new RetryPolicy(positive("CAIRN_REMOTE_RETRIES", retries), retry.baseDelay(), retry.maxDelay());
        }
        String requests = env.apply("CAIRN_REMOTE_MAX_REQUESTS");
        int max = requests == null || requests.isBlank() ? DEFAULT.maxConcurrentRequests
                : positive("CAIRN_REMOTE_MAX_REQUESTS", requests);
        String bandwidth = env.apply("CAIRN_REMOTE_BANDWIDTH");
        long rate = bandwidth == null || bandwidth.isBlank() ? 0 : bytes("CAIRN_REMOTE_BANDWIDTH", bandwidth);
        return new RemoteDecorators(retry, max, rate);
    }

    /** How a scheme opens its store; see {@link #open}. */
    public interface Opener {
        /** The store, or null if there is nothing to open. */
        BlobStore open() throws IOException;
    }

    /**
     * Opens a network remote's store and wraps it. Opening sends requests of its own before
     * there is a store to wrap (S3 and GCS check the bucket, an open of an existing remote
     * reads its manifest), so a transient failure there is retried under the same policy as
     * every later request: one 500 on the bucket check must not fail a whole sync. Opening
     * creates nothing, so it is safe to repeat. When the retries run out, the last failure's
     * own line (which names the remote) is kept first, so an unreachable endpoint still reads
     * "cannot reach ...".
     *
     * @return the wrapped store, or null if {@code opener} found nothing
     */
    public BlobStore open(Opener opener) throws IOException {
        BlobStore store = RetryingBlobStore.retry(retry, Sleeper.REAL, opener::open,
                (attempts, last) -> new IOException(last.getMessage() + " (tried " + attempts + " times)", last));
        return store == null ? null : decorate(store);
    }

    /** Wraps a network remote's store. */
    public BlobStore decorate(BlobStore store) {
        BlobStore s = store;
        if (bytesPerSecond > 0) {
            s = new ThrottledBlobStore(s, bytesPerSecond, System::nanoTime, Sleeper.REAL);
        }
        s = new LimitedBlobStore(s, maxConcurrentRequests);
        return new RetryingBlobStore(s, retry, Sleeper.REAL);
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new RemoteException(name + " must be a whole number of at least 1, not '" + value + "'");
    }

    /** Parses {@code 500000}, {@code 500kB}, {@code 10MB} or {@code 1GB} (SI: 1 kB = 1000 bytes). */
    static long bytes(String name, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace("/S", "");
        long unit = 1;
        if (v.endsWith("KB")) {
            unit = 1_000;
        } else if (v.endsWith("MB")) {
            unit = 1_000_000;
        } else if (v.endsWith("GB")) {
            unit = 1_000_000_000;
        } else if (v.endsWith("B")) {
            unit = 1;
        }
        String number = v.replaceAll("[KMG]?B$", "").trim();
        try {
            double n = Double.parseDouble(number);
            if (n > 0 && n * unit >= 1) {
                return (long) (n * unit);
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new RemoteException(name + " must be a rate in bytes per second such as 500kB or 10MB, not '"
                + value + "'");
    }
}
