package dev.cairn.remotes.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blobs as objects in a Google Cloud Storage bucket, under the prefix of a {@code gs://} URL
 * (see {@link GcsLocation}), through the official client on its HTTP/JSON transport.
 *
 * <p>The manifest is the object {@code manifest} under the prefix, replaced by
 * compare-and-swap on its generation: {@code ifGenerationMatch=0} to create it,
 * {@code ifGenerationMatch=<generation>} to replace it, and the service's 412 is a lost race.
 * Its version is its generation, which GCS changes on every write. The client is set to retry
 * nothing ({@link GcsConnector}), so a 412 is never our own earlier attempt; a swap whose
 * answer was lost fails with a {@link dev.cairn.chunkstore.blob.TransientBlobException}, and
 * the retry decorator reads the manifest back to learn what happened.
 *
 * <p>Blobs up to {@link #RESUMABLE_THRESHOLD} go up in one multipart request; larger ones by
 * the client's resumable upload, in {@link #CHUNK} pieces, so a dropped connection costs one
 * piece and not the file. Reads are ranged GETs.
 */
public final class GcsBlobStore implements BlobStore {
    /** The manifest's name under the prefix; not a blob key, so never listed. */
    static final String MANIFEST = "manifest";
    /** Larger blobs use a resumable upload. */
    static final long RESUMABLE_THRESHOLD = 16L << 20;
    /** The resumable upload's piece size: a multiple of 256 KiB, as GCS requires. */
    static final int CHUNK = 16 << 20;
    private static final int MANIFEST_READ_TRIES = 100;
    /** The service's largest listing page. */
    private static final int LIST_PAGE = 1000;

    private final Storage storage;
    private final GcsLocation at;

    GcsBlobStore(Storage storage, GcsLocation at) {
        this.storage = storage;
        this.at = at;
    }

    private BlobId id(String key) {
        BlobKeys.check(key);
        if (key.equals(MANIFEST)) {
            throw new IllegalArgumentException("blob key '" + key + "' is reserved");
        }
        return BlobId.of(at.bucket(), at.objectName(key));
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        BlobId id = id(key);
        try {
            if (range.isAll()) {
                return storage.readAllBytes(id);
            }
            if (range.length() == 0) {
                if (size(key) < 0) {
                    throw new NoSuchBlobException(key);
                }
                return new byte[0];
            }
            return read(id, key, range.offset(), range.length());
        } catch (StorageException e) {
            throw notFoundOr(e, key, "read " + key);
        }
    }

    /** Up to {@code length} bytes from {@code offset}: one ranged GET, fewer bytes if the blob ends first. */
    private byte[] read(BlobId id, String key, long offset, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("range " + offset + "+" + length + " of " + key + " is too large to read at once");
        }
        try (ReadChannel ch = storage.reader(id)) {
            ch.setChunkSize(0);
            ch.seek(offset);
            ch.limit(offset + length);
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            if (e.getCause() instanceof StorageException se) {
                throw notFoundOr(se, key, "read " + key);
            }
            throw e;
        }
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        com.google.cloud.storage.BlobInfo info = com.google.cloud.storage.BlobInfo.newBuilder(id(key)).setContentType("application/octet-stream").build();
        long length = source.length();
        try {
            if (length <= RESUMABLE_THRESHOLD) {
                byte[] bytes;
                try (InputStream in = source.openStream()) {
                    bytes = in.readAllBytes();
                }
                storage.create(info, bytes);
                return;
            }
            try (WriteChannel ch = storage.writer(info); InputStream in = source.openStream()) {
                ch.setChunkSize(CHUNK);
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                }
            }
        } catch (StorageException e) {
            throw GcsErrors.translate(e, at, "write " + key);
        } catch (IOException e) {
            if (e.getCause() instanceof StorageException se) {
                throw GcsErrors.translate(se, at, "write " + key);
            }
            throw e;
        }
    }

    @Override
    public long size(String key) throws IOException {
        BlobId id = id(key);
        try {
            Blob b = storage.get(id, Storage.BlobGetOption.fields(Storage.BlobField.SIZE));
            return b == null ? -1 : b.getSize();
        } catch (StorageException e) {
            throw GcsErrors.translate(e, at, "read " + key);
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        List<BlobInfo> out = new ArrayList<>();
        try {
            Page<Blob> page = storage.list(at.bucket(), Storage.BlobListOption.prefix(at.prefix() + prefix),
                    Storage.BlobListOption.pageSize(LIST_PAGE));
            for (Blob b : page.iterateAll()) {
                String key = b.getName().substring(at.prefix().length());
                if (key.equals(MANIFEST) || !BlobKeys.isKey(key)) {
                    continue;
                }
                out.add(new BlobInfo(key, b.getSize(), instant(b.getUpdateTimeOffsetDateTime())));
            }
        } catch (StorageException e) {
            throw GcsErrors.translate(e, at, "list " + at.prefix() + prefix);
        }
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        BlobId id = id(key);
        try {
            storage.delete(id);
        } catch (StorageException e) {
            throw GcsErrors.translate(e, at, "delete " + key);
        }
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        BlobId id = BlobId.of(at.bucket(), at.manifestName());
        try {
            for (int attempt = 0; attempt < MANIFEST_READ_TRIES; attempt++) {
                Blob meta = storage.get(id);
                if (meta == null) {
                    return null;
                }
                try {
                    byte[] bytes = storage.readAllBytes(id, Storage.BlobSourceOption.generationMatch(meta.getGeneration()));
                    return new VersionedBytes(bytes, Long.toString(meta.getGeneration()), instant(meta.getUpdateTimeOffsetDateTime()));
                } catch (StorageException e) {
                    // Replaced or deleted between the two requests: look again, after a moment
                    // that grows, so that busy writers get out of the way.
                    if (e.getCode() != 412 && e.getCode() != 404) {
                        throw e;
                    }
                    pause(attempt);
                }
            }
            throw new IOException("the manifest of '" + at.url() + "' changed " + MANIFEST_READ_TRIES
                    + " times while it was read; try again");
        } catch (StorageException e) {
            throw GcsErrors.translate(e, at, "read the manifest");
        }
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        Storage.BlobTargetOption condition;
        if (expectedVersion == null) {
            condition = Storage.BlobTargetOption.doesNotExist();
        } else {
            long generation;
            try {
                generation = Long.parseLong(expectedVersion);
            } catch (NumberFormatException e) {
                return false;
            }
            if (generation <= 0) {
                return false;
            }
            condition = Storage.BlobTargetOption.generationMatch(generation);
        }
        com.google.cloud.storage.BlobInfo info = com.google.cloud.storage.BlobInfo.newBuilder(BlobId.of(at.bucket(), at.manifestName()))
                .setContentType("application/octet-stream").build();
        try {
            storage.create(info, bytes.clone(), condition);
            return true;
        } catch (StorageException e) {
            if (e.getCode() == 412) {
                return false;
            }
            throw GcsErrors.translate(e, at, "write the manifest");
        }
    }

    @Override
    public BlobReader open(String key) throws IOException {
        long size = size(key);
        if (size < 0) {
            throw new NoSuchBlobException(key);
        }
        BlobId id = id(key);
        return new BlobReader() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                long n = Math.max(0, Math.min(length, size - offset));
                if (n == 0) {
                    return new byte[0];
                }
                try {
                    return GcsBlobStore.this.read(id, key, offset, n);
                } catch (StorageException e) {
                    throw notFoundOr(e, key, "read " + key);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private IOException notFoundOr(StorageException e, String key, String what) {
        if (e.getCode() == 404 && !String.valueOf(e.getMessage()).contains("bucket does not exist")) {
            NoSuchBlobException missing = new NoSuchBlobException(key);
            missing.initCause(e);
            return missing;
        }
        return GcsErrors.translate(e, at, what);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() throws IOException {
        try {
            storage.close();
        } catch (Exception e) {
            throw new IOException("closing the GCS client failed", e);
        }
    }

    @Override
    public String toString() {
        return "GcsBlobStore(" + at.url() + ")";
    }

    private static void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the manifest");
        }
    }
}
