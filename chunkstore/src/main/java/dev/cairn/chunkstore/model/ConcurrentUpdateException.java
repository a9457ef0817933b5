package dev.cairn.chunkstore.model;

/**
 * Another writer moved a branch this operation was building on (for example, committed to
 * it), so finishing would throw that writer's work away. Nothing was changed; the caller may
 * look at the new state and try again.
 */
public class ConcurrentUpdateException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
