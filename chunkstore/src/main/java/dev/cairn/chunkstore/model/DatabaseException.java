package dev.cairn.chunkstore.model;

/**
 * A request the database refuses: an unknown branch, a name already taken, nothing to
 * commit. The message is one line meant for the user, in the words git and Dolt use.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }
}
