package dev.cairn.chunkstore.blob;

import java.io.IOException;

/**
 * A blob store request failed in a way that may well not happen again: a connection reset or
 * refused mid-way, a timeout, a 5xx answer, throttling. Each {@link BlobStore} over a network
 * classifies its own errors and throws this for the transient ones, so that one retry
 * decorator can serve every store; anything else (a missing blob, denied access, a bad
 * request) is final and is not retried.
 *
 * <p>For a write, the request may or may not have taken effect: a caller that retries must
 * be able to tell (a blob is content-addressed, so writing it again is harmless; a manifest
 * swap is checked by reading the manifest back).
 */
public class TransientBlobException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransientBlobException(String message) {
        super(message);
    }

    public TransientBlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
