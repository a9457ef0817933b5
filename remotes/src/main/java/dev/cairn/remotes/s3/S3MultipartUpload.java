package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.BlobSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One large blob sent as an S3 multipart upload, its parts in parallel: a table file of
 * hundreds of MiB would otherwise go over one connection, and a failure would resend it all.
 * The object becomes visible only when the upload is completed, so a reader never sees a
 * partial blob; a failed upload is aborted so its parts are not kept (and billed).
 */
final class S3MultipartUpload {
    private final S3Client s3;
    private final S3Location where;
    private final ExecutorService pool;
    private final long partSize;

    S3MultipartUpload(S3Client s3, S3Location where, ExecutorService pool, long partSize) {
        this.s3 = s3;
        this.where = where;
        this.pool = pool;
        this.partSize = partSize;
    }

    void upload(String key, BlobSource source) throws IOException {
        String objectKey = where.objectKey(key);
        long length = source.length();
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(where.bucket()).key(objectKey)).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, "starting the upload of '" + key + "'");
        }
        boolean done = false;
        List<Future<CompletedPart>> parts = new ArrayList<>();
        try {
            int partNumber = 1;
            for (long offset = 0; offset < length; offset += partSize, partNumber++) {
                long off = offset;
                int len = (int) Math.min(partSize, length - offset);
                int n = partNumber;
                parts.add(pool.submit(() -> uploadPart(source, objectKey, uploadId, n, off, len)));
            }
            List<CompletedPart> completed = new ArrayList<>(parts.size());
            for (Future<CompletedPart> f : parts) {
                completed.add(await(f, key));
            }
            try {
                s3.completeMultipartUpload(r -> r.bucket(where.bucket()).key(objectKey).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
            } catch (SdkException e) {
                throw S3Errors.translate(e, where, "completing the upload of '" + key + "'");
            }
            done = true;
        } finally {
            if (!done) {
                parts.forEach(f -> f.cancel(true));
                abort(objectKey, uploadId);
            }
        }
    }

    private CompletedPart uploadPart(BlobSource source, String objectKey, String uploadId, int partNumber,
            long offset, int length) throws IOException {
        byte[] bytes;
        try (InputStream in = source.openStream()) {
            in.skipNBytes(offset);
            bytes = in.readNBytes(length);
        }
        if (bytes.length != length) {
            throw new IOException("the source of '" + objectKey + "' shrank while it was uploaded");
        }
        try {
            UploadPartResponse r = s3.uploadPart(p -> p.bucket(where.bucket()).key(objectKey).uploadId(uploadId)
                    .partNumber(partNumber).contentLength((long) length), RequestBody.fromBytes(bytes));
            return CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).build();
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, "uploading part " + partNumber + " of '" + objectKey + "'");
        }
    }

    private static CompletedPart await(Future<CompletedPart> f, String key) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload of '" + key + "' interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("upload of '" + key + "' failed: " + c, c);
        }
    }

    private void abort(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(where.bucket()).key(objectKey).uploadId(uploadId));
        } catch (SdkException ignored) {
            // The upload already failed; a bucket lifecycle rule clears parts left behind.
        }
    }
}
