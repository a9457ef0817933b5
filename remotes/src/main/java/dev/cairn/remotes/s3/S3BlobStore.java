package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in an S3 bucket under the URL's path, laid out like a {@code file://}
 * remote: each blob key is an object key below the prefix, and the manifest is the object
 * {@code manifest} there (so that blob key is reserved and never listed).
 *
 * <p>The manifest is replaced only by S3's conditional writes: {@code If-None-Match: *} to
 * create it, {@code If-Match: <ETag>} to replace it, its version being the ETag. S3 answers a
 * write that lost the race with 412 (or 409 when two conditional writes overlap), which is
 * {@code false} here, never an exception; a server that ignores the conditions cannot keep a
 * remote consistent and must not be used. Blobs above {@link #MULTIPART_THRESHOLD} go up as a
 * multipart upload with parts in parallel; reads are ranged GETs.
 */
public final class S3BlobStore implements BlobStore {
    /** Blobs larger than this go up in parts. */
    static final long MULTIPART_THRESHOLD = 16L << 20;
    /** The size of each part but the last; S3 wants at least 5 MiB. */
    static final long PART_SIZE = 8L << 20;
    private static final int UPLOAD_THREADS = 4;
    private static final String MANIFEST = "manifest";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final S3ClientFactory.Clients clients;
    private final S3Client s3;
    private final S3Location where;
    private final long multipartThreshold;
    private final long partSize;
    private ExecutorService uploads;

    S3BlobStore(S3ClientFactory.Clients clients, S3Location where, long multipartThreshold, long partSize) {
        this.clients = clients;
        this.s3 = clients.retrying();
        this.where = where;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /**
     * Connects to the bucket an s3 URL names, which must exist: buckets are made by their
     * owners, not by a backup.
     *
     * @throws dev.cairn.remotes.RemoteException if there are no credentials, no such bucket,
     *     or access is denied
     * @throws IOException if the server cannot be reached
     */
    static S3BlobStore open(S3Location where, AwsCredentialOptions options) throws IOException {
        S3BlobStore store = new S3BlobStore(S3ClientFactory.build(where, options), where, MULTIPART_THRESHOLD,
                PART_SIZE);
        try {
            store.checkBucket();
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void checkBucket() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(where.bucket()));
        } catch (SdkException e) {
            if (S3Errors.status(e) == 404) {
                throw S3Errors.noSuchBucket(where, e);
            }
            throw S3Errors.translate(e, where, "checking the bucket");
        }
    }

    private String objectKey(String key) {
        BlobKeys.check(key);
        if (key.equals(MANIFEST)) {
            throw new IllegalArgumentException("blob key '" + key + "' is reserved");
        }
        return where.objectKey(key);
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        String objectKey = objectKey(key);
        if (!range.isAll() && range.length() == 0) {
            if (size(key) < 0) {
                throw new NoSuchBlobException(key);
            }
            return new byte[0];
        }
        String header = range.isAll() ? null
                : "bytes=" + range.offset() + "-" + (range.length() < 0 ? "" : range.offset() + range.length() - 1);
        try {
            return s3.getObjectAsBytes(r -> r.bucket(where.bucket()).key(objectKey).range(header)).asByteArray();
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status == 404 && !S3Errors.code(e).equals("NoSuchBucket")) {
                throw new NoSuchBlobException(key);
            }
            if (status == 416) {
                // The range starts at or past the end: no bytes, if there is a blob at all.
                if (size(key) < 0) {
                    throw new NoSuchBlobException(key);
                }
                return new byte[0];
            }
            throw S3Errors.translate(e, where, "reading '" + key + "'");
        }
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        String objectKey = objectKey(key);
        long length = source.length();
        if (length > multipartThreshold) {
            new S3MultipartUpload(s3, where, uploadPool(), partSize).upload(key, source);
            return;
        }
        RequestBody body = source.file() != null ? RequestBody.fromFile(source.file()) : RequestBody.fromBytes(readAll(source));
        try {
            s3.putObject(r -> r.bucket(where.bucket()).key(objectKey).contentLength(length), body);
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, "writing '" + key + "'");
        }
    }

    private static byte[] readAll(BlobSource source) throws IOException {
        try (InputStream in = source.openStream()) {
            return in.readAllBytes();
        }
    }

    private synchronized ExecutorService uploadPool() {
        if (uploads == null) {
            int n = POOLS.incrementAndGet();
            AtomicInteger threads = new AtomicInteger();
            uploads = Executors.newFixedThreadPool(UPLOAD_THREADS, r -> {
                Thread t = new Thread(r, "s3-upload-" + n + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return uploads;
    }

    @Override
    public long size(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return s3.headObject(r -> r.bucket(where.bucket()).key(objectKey)).contentLength();
        } catch (SdkException e) {
            if (S3Errors.status(e) == 404) {
                return -1;
            }
            throw S3Errors.translate(e, where, "reading the size of '" + key + "'");
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        List<BlobInfo> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(where.bucket()).prefix(where.objectKey(prefix)))
                    .contents()) {
                String key = o.key().substring(where.prefix().length());
                if (key.equals(MANIFEST) || !BlobKeys.isKey(key)) {
                    continue; // the manifest, or something not written by Cairn
                }
                out.add(new BlobInfo(key, o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, "listing '" + prefix + "'");
        }
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            s3.deleteObject(r -> r.bucket(where.bucket()).key(objectKey));
        } catch (SdkException e) {
            if (S3Errors.status(e) == 404 && !S3Errors.code(e).equals("NoSuchBucket")) {
                return;
            }
            throw S3Errors.translate(e, where, "deleting '" + key + "'");
        }
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        try {
            ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(
                    b -> b.bucket(where.bucket()).key(where.objectKey(MANIFEST)));
            return new VersionedBytes(r.asByteArray(), r.response().eTag(), r.response().lastModified());
        } catch (SdkException e) {
            if (S3Errors.status(e) == 404 && !S3Errors.code(e).equals("NoSuchBucket")) {
                return null;
            }
            throw S3Errors.translate(e, where, "reading the manifest");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sent once, never retried here: if the answer is lost, the write may or may not have
     * happened, and a blind retry would meet its own write and wrongly report a lost race.
     * Such a failure is a {@link dev.cairn.chunkstore.blob.TransientBlobException} that says
     * it may have taken effect; the retry decorator then reads the manifest back to decide.
     */
    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        if (expectedVersion != null && expectedVersion.isBlank()) {
            return false; // no ETag is blank, and an empty If-Match would not be sent at all
        }
        byte[] copy = bytes.clone();
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(where.bucket())
                .key(where.objectKey(MANIFEST)).contentLength((long) copy.length);
        if (expectedVersion == null) {
            b.ifNoneMatch("*");
        } else {
            b.ifMatch(expectedVersion);
        }
        try {
            clients.once().putObject(b.build(), RequestBody.fromBytes(copy));
            return true;
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            String code = S3Errors.code(e);
            if (status == 412 || status == 409 && code.equals("ConditionalRequestConflict")) {
                return false;
            }
            if (status == 404 && expectedVersion != null && !code.equals("NoSuchBucket")) {
                return false; // If-Match on a manifest that is not there
            }
            throw S3Errors.translate(e, where, "writing the manifest");
        }
    }

    @Override
    public synchronized void close() {
        if (uploads != null) {
            uploads.shutdownNow();
        }
        clients.close();
    }

    @Override
    public String toString() {
        return where.toString();
    }
}
