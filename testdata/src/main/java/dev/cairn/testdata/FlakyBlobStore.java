package dev.cairn.testdata;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blob store that fails a share of requests the way a network does, for testing what sits
 * above it: before a request (refused, nothing happened) or, for writes, after it (the write
 * landed but the answer was lost, so the caller cannot know). Failures are
 * {@link TransientBlobException}s, drawn from a seeded {@link Random} so a failing run can
 * be replayed.
 */
public final class FlakyBlobStore extends ForwardingBlobStore {
    private final double beforeRate;
    private final double afterRate;
    private final Random random;
    private final AtomicLong injected = new AtomicLong();

    /**
     * @param beforeRate the share of requests refused before they take effect
     * @param afterRate the share of writes whose answer is lost after they took effect
     */
    public FlakyBlobStore(BlobStore inner, double beforeRate, double afterRate, long seed) {
        super(inner);
        this.beforeRate = beforeRate;
        this.afterRate = afterRate;
        this.random = new Random(seed);
    }

    /** How many failures were injected so far. */
    public long injected() {
        return injected.get();
    }

    private boolean fail(double rate) {
        boolean f;
        synchronized (random) {
            f = random.nextDouble() < rate;
        }
        if (f) {
            injected.incrementAndGet();
        }
        return f;
    }

    private void before(String what) throws TransientBlobException {
        if (fail(beforeRate)) {
            throw new TransientBlobException("injected: connection refused before " + what, null, false);
        }
    }

    private void after(String what) throws TransientBlobException {
        if (fail(afterRate)) {
            throw new TransientBlobException("injected: connection reset after " + what + " (it took effect)");
        }
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        before("reading " + key);
        return inner.get(key, range);
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        before("writing " + key);
        inner.put(key, source);
        after("writing " + key);
    }

    @Override
    public long size(String key) throws IOException {
        before("looking up " + key);
        return inner.size(key);
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        before("listing " + prefix);
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        before("deleting " + key);
        inner.delete(key);
        after("deleting " + key);
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        before("reading the manifest");
        return inner.getManifest();
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        before("replacing the manifest");
        boolean swapped = inner.putManifest(expectedVersion, bytes);
        after("replacing the manifest");
        return swapped;
    }

    @Override
    protected BlobReader openReader(String key) throws IOException {
        before("opening " + key);
        return inner.open(key);
    }

    @Override
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        before("reading " + key);
        return reader.read(offset, length);
    }

    @Override
    public String toString() {
        return "flaky " + inner;
    }
}
