package dev.cairn.chunkstore.blob;

import java.io.IOException;

/**
 * A blob store request failed in a way that may well not happen again: a connection reset or
 * refused mid-way, a timeout, a 5xx answer, throttling. Each {@link BlobStore} over a network
 * classifies its own errors and throws this for the transient ones, so that one retry
 * decorator can serve every store; anything else (a missing blob, denied access, a bad
 * request) is final and is not retried.
 *
 * <p>A write that failed this way may or may not have taken effect (a connection reset after
 * the request was sent), unless the store knows it did not (refused before anything was sent,
 * or an answer such as 503 that says the request was not carried out): it says which in
 * {@link #mayHaveTakenEffect()}. A caller that retries must be able to tell: a blob is
 * content-addressed, so writing it again is harmless; a manifest swap is checked by reading
 * the manifest back.
 */
public class TransientBlobException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveTakenEffect;

    /** A failure after which a write may have taken effect. */
    public TransientBlobException(String message) {
        this(message, null, true);
    }

    public TransientBlobException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param mayHaveTakenEffect false only when the store knows the request was not carried out
     */
    public TransientBlobException(String message, Throwable cause, boolean mayHaveTakenEffect) {
        super(message, cause);
        this.mayHaveTakenEffect = mayHaveTakenEffect;
    }

    /** Whether a write that failed this way may nevertheless have happened. */
    public boolean mayHaveTakenEffect() {
        return mayHaveTakenEffect;
    }
}
