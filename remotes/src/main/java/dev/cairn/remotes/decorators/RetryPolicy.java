package dev.cairn.remotes.decorators;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request that failed transiently is tried again: up to
 * {@code maxAttempts} in all, waiting a random time up to {@code base * 2^(n-1)} (capped at
 * {@code maxDelay}) before the n-th retry, the "full jitter" backoff, so that many clients
 * failing together do not come back together.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** Six attempts, waits up to 0.1, 0.2, 0.4, 0.8 and 1.6 s: about 3 s at worst before giving up. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("a retry policy needs at least one attempt and no negative delays");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delayBefore(int retry) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
