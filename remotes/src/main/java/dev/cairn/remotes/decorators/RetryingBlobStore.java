package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Retries the requests of a blob store that fail with a {@link TransientBlobException},
 * backing off as a {@link RetryPolicy} says; any other failure passes straight through.
 *
 * <p>Every request but one is safe to repeat: reads change nothing, and a blob's key is
 * derived from its content, so writing it twice writes the same bytes. The exception is the
 * manifest swap, whose transient failure can leave its outcome unknown: the swap may have
 * happened before the connection dropped. Unless the store says it was not carried out
 * ({@link TransientBlobException#mayHaveTakenEffect()}), this reads the manifest back: holding exactly
 * the bytes we wrote means ours landed (every manifest Cairn writes carries a fresh lock
 * token, so equal bytes are this write); still at the expected version means nothing
 * happened and the swap is tried again. Anything else cannot be told apart: another writer
 * won, or ours landed and another writer has replaced it since. Answering "lost" could make
 * the caller apply its change twice, answering "won" could lose it, so this throws a
 * {@link ManifestOutcomeUnknownException} and leaves the decision to the caller (a sync
 * reports it; syncing again is always safe).
 */
public final class RetryingBlobStore extends ForwardingBlobStore {
    /** A request that may fail with a {@link TransientBlobException} and is safe to send again. */
    interface Call<T> {
        T run() throws IOException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public RetryingBlobStore(BlobStore inner, RetryPolicy policy, Sleeper sleeper) {
        super(inner);
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** What to throw when the retries run out, given the attempts made and the last failure. */
    interface GiveUp {
        IOException after(int attempts, TransientBlobException last);
    }

    private <T> T retry(String what, Call<T> call) throws IOException {
        return retry(policy, sleeper, call, (attempts, last) -> giveUp(what + " on " + inner, attempts, last));
    }

    /** Runs {@code call} until it does not fail transiently, or {@code policy} gives up on it. */
    static <T> T retry(RetryPolicy policy, Sleeper sleeper, Call<T> call, GiveUp giveUp) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (TransientBlobException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw giveUp.after(attempt, e);
                }
                sleeper.sleep(policy.delayBefore(attempt));
            }
        }
    }

    private static IOException giveUp(String what, int attempts, TransientBlobException last) {
        return new IOException(what + " failed " + attempts + " times; the last error: " + last.getMessage(), last);
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        return retry("reading " + key, () -> inner.get(key, range));
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        retry("writing " + key, () -> {
            inner.put(key, source);
            return null;
        });
    }

    @Override
    public long size(String key) throws IOException {
        return retry("looking up " + key, () -> inner.size(key));
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return retry("listing " + (prefix.isEmpty() ? "the blobs" : prefix), () -> inner.list(prefix));
    }

    @Override
    public void delete(String key) throws IOException {
        retry("deleting " + key, () -> {
            inner.delete(key);
            return null;
        });
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        return retry("reading the manifest", inner::getManifest);
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inner.putManifest(expectedVersion, bytes);
            } catch (TransientBlobException e) {
                if (!e.mayHaveTakenEffect()) {
                    // Not carried out: the next try is checked against the expected version as the first was.
                    if (attempt >= policy.maxAttempts()) {
                        throw giveUp("replacing the manifest on " + inner, attempt, e);
                    }
                    sleeper.sleep(policy.delayBefore(attempt));
                    continue;
                }
                VersionedBytes now = getManifest();
                if (now != null && Arrays.equals(now.bytes(), bytes)) {
                    return true;
                }
                if (!Objects.equals(now == null ? null : now.version(), expectedVersion)) {
                    throw new ManifestOutcomeUnknownException("replacing the manifest of " + inner
                            + " failed with '" + e.getMessage() + "', and the manifest has changed since: it may or"
                            + " may not have been replaced by this write", e);
                }
                if (attempt >= policy.maxAttempts()) {
                    throw giveUp("replacing the manifest on " + inner, attempt, e);
                }
                sleeper.sleep(policy.delayBefore(attempt));
            }
        }
    }

    @Override
    protected BlobReader openReader(String key) throws IOException {
        return retry("opening " + key, () -> inner.open(key));
    }

    @Override
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        return retry("reading " + key, () -> reader.read(offset, length));
    }
}
