package dev.cairn.remotes.decorators;

import java.io.IOException;

/**
 * A manifest swap failed transiently and the manifest has moved since, so whether the swap
 * happened cannot be known; see {@link RetryingBlobStore}. Not a lost race: the caller must
 * not assume its change is absent and apply it again.
 */
public class ManifestOutcomeUnknownException extends IOException {
    private static final long serialVersionUID = 1L;

    public ManifestOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
