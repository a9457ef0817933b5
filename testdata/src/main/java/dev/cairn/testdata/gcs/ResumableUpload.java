package dev.cairn.testdata.gcs;

import java.io.ByteArrayOutputStream;

/**
 * One resumable upload session: where the object will go, the preconditions given when the
 * session was started (checked when it completes, which is when the object appears), and
 * the bytes persisted so far.
 *
 * <p>As the service does, a chunk that does not finish the upload is persisted only up to a
 * multiple of {@link #QUANTUM} bytes; the client learns how far it got from the 308 reply's
 * {@code Range} header and sends the rest again.
 */
final class ResumableUpload {
    /** GCS persists non-final chunks in multiples of 256 KiB. */
    static final int QUANTUM = 256 * 1024;

    final String id;
    final String bucket;
    final String name;
    final String contentType;
    final Preconditions preconditions;
    private final ByteArrayOutputStream persisted = new ByteArrayOutputStream();
    private FakeGcsObject result;

    ResumableUpload(String id, String bucket, String name, String contentType, Preconditions preconditions) {
        this.id = id;
        this.bucket = bucket;
        this.name = name;
        this.contentType = contentType;
        this.preconditions = preconditions;
    }

    synchronized long persistedBytes() {
        return persisted.size();
    }

    synchronized byte[] bytes() {
        return persisted.toByteArray();
    }

    synchronized FakeGcsObject result() {
        return result;
    }

    synchronized void finish(FakeGcsObject object) {
        this.result = object;
    }

    /**
     * Takes the bytes {@code first..first+chunk.length-1} of the upload.
     *
     * @param last whether this chunk ends the upload (the total was given)
     * @throws GcsError if the chunk starts past what was persisted, leaving a gap
     */
    synchronized void accept(long first, byte[] chunk, boolean last) {
        long have = persisted.size();
        if (first > have) {
            throw GcsError.badRequest("Invalid request. According to the Content-Range header, the upload offset is "
                    + first + " byte(s), which exceeds already uploaded size of " + have + " byte(s).");
        }
        int skip = (int) (have - first);
        if (skip >= chunk.length) {
            return;
        }
        int len = chunk.length - skip;
        if (!last) {
            long end = ((have + len) / QUANTUM) * QUANTUM;
            len = (int) Math.max(0, end - have);
        }
        persisted.write(chunk, skip, len);
    }
}
