package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A blob store that fails where a network or a crash would: after a number of successful
 * uploads, or on the manifest write; and that can let another writer in just before the
 * manifest write, to lose a race on purpose.
 */
final class FaultyBlobStore extends ForwardingBlobStore {
    /** Runs before a manifest write. */
    interface Hook {
        void run() throws IOException;
    }

    private final int putsBeforeFailure;
    private final boolean failManifest;
    private final AtomicInteger putsStarted = new AtomicInteger();
    final AtomicInteger putsDone = new AtomicInteger();
    private final AtomicReference<Hook> beforeManifest = new AtomicReference<>();

    private FaultyBlobStore(BlobStore delegate, int putsBeforeFailure, boolean failManifest) {
        super(delegate);
        this.putsBeforeFailure = putsBeforeFailure;
        this.failManifest = failManifest;
    }

    /** Uploads {@code k} blobs, then fails every later upload. */
    static FaultyBlobStore failingAfterPuts(BlobStore delegate, int k) {
        return new FaultyBlobStore(delegate, k, false);
    }

    /** Uploads everything, then fails the manifest write without writing it. */
    static FaultyBlobStore failingManifest(BlobStore delegate) {
        return new FaultyBlobStore(delegate, Integer.MAX_VALUE, true);
    }

    /** Runs {@code hook} once, just before the next manifest write. */
    static FaultyBlobStore racing(BlobStore delegate, Hook hook) {
        FaultyBlobStore s = new FaultyBlobStore(delegate, Integer.MAX_VALUE, false);
        s.beforeManifest.set(hook);
        return s;
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        if (putsStarted.incrementAndGet() > putsBeforeFailure) {
            throw new IOException("injected failure: connection reset uploading " + key);
        }
        inner.put(key, source);
        putsDone.incrementAndGet();
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        Hook hook = beforeManifest.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        if (failManifest) {
            throw new IOException("injected failure: timed out writing the manifest");
        }
        return inner.putManifest(expectedVersion, bytes);
    }
}
