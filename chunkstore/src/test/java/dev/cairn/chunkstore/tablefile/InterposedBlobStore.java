package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blob store over a shared one that runs something around a chosen manifest
 * read or write, so a test can make another writer act at that exact moment.
 */
final class InterposedBlobStore extends ForwardingBlobStore {
    /** Runs an action at a chosen call: once after skipping some, or at every call. */
    static final class Hook {
        private int skip = -1;
        private boolean every;
        private IoAction action;

        /** Runs {@code a} once, at the call after the next {@code skipCalls} calls. */
        void arm(int skipCalls, IoAction a) {
            skip = skipCalls;
            every = false;
            action = a;
        }

        /** Runs {@code a} at every call until disarmed. */
        void armEvery(IoAction a) {
            skip = 0;
            every = true;
            action = a;
        }

        void disarm() {
            skip = -1;
        }

        void fire() throws IOException {
            if (skip == 0) {
                if (!every) {
                    skip = -1;
                }
                action.run();
            } else if (skip > 0) {
                skip--;
            }
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    final Hook afterRead = new Hook();
    final Hook beforeWrite = new Hook();
    final Hook afterWrite = new Hook();
    /** Bytes returned by {@link #get} and by reads of blobs opened through this store, so far. */
    final AtomicLong bytesRead = new AtomicLong();

    InterposedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        VersionedBytes vb = inner.getManifest();
        afterRead.fire();
        return vb;
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        beforeWrite.fire();
        boolean ok = inner.putManifest(expectedVersion, bytes);
        afterWrite.fire();
        return ok;
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        byte[] b = inner.get(key, range);
        bytesRead.addAndGet(b.length);
        return b;
    }

    @Override
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        byte[] b = reader.read(offset, length);
        bytesRead.addAndGet(b.length);
        return b;
    }

    /** The shared store belongs to the test. */
    @Override
    public void close() {
    }
}
