package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps the bytes moved to and from a blob store under a rate, for a backup that must not
 * fill the office link. A token bucket holding one second's worth: a transfer may burst
 * that much, then every byte waits its turn, shared by all threads. Writes are charged
 * before they are sent, reads after they arrived (their size is known only then).
 */
public final class ThrottledBlobStore extends ForwardingBlobStore {
    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    /** When, on {@link #nanoClock}, the bytes charged so far will have been paid for. */
    private long paidUntil;

    public ThrottledBlobStore(BlobStore inner, long bytesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        super(inner);
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a bandwidth limit must be at least one byte per second");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.paidUntil = nanoClock.getAsLong() - 1_000_000_000L;
    }

    /** Charges {@code bytes}, waiting for as long as the rate says beyond the one-second burst. */
    private void charge(long bytes) throws IOException {
        long wait;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long start = Math.max(paidUntil, now - 1_000_000_000L);
            paidUntil = start + (long) (bytes * 1e9 / bytesPerSecond);
            wait = paidUntil - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        byte[] b = inner.get(key, range);
        charge(b.length);
        return b;
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        charge(source.length());
        inner.put(key, source);
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        VersionedBytes m = inner.getManifest();
        if (m != null) {
            charge(m.bytes().length);
        }
        return m;
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        charge(bytes.length);
        return inner.putManifest(expectedVersion, bytes);
    }

    @Override
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        byte[] b = reader.read(offset, length);
        charge(b.length);
        return b;
    }
}
