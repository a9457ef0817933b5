package dev.cairn.remotes.s3;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes s3proxy's conditional PutObject atomic, as S3's is. s3proxy 4.1.0 checks
 * {@code If-Match} for its file-system backend in the request handler, reading the ETag and
 * then writing, so two writers holding the same ETag can both pass; this backend wrapper
 * checks the condition again under a per-key lock, in the same step as the write. It
 * changes nothing for requests without conditions, and the client under test still only
 * sends headers and reads 412s.
 */
final class AtomicIfMatchBlobStore extends ForwardingBlobStore {
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    AtomicIfMatchBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        if (request.ifMatch() == null && request.ifNoneMatch() == null) {
            return super.putBlob(request, content);
        }
        Object lock = locks.computeIfAbsent(request.bucket() + "/" + request.key(), k -> new Object());
        synchronized (lock) {
            HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
            if (request.ifNoneMatch() != null && current != null) {
                throw S3Exceptions.preconditionFailed(null);
            }
            if (request.ifMatch() != null
                    && (current == null || !unquote(current.eTag()).equals(unquote(request.ifMatch())))) {
                throw S3Exceptions.preconditionFailed(null);
            }
            return super.putBlob(request, content);
        }
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
