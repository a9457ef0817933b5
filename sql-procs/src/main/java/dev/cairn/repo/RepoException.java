package dev.cairn.repo;

/** A user-facing problem with a database directory: not a database, already one, unreadable state. */
public class RepoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RepoException(String message) {
        super(message);
    }

    public RepoException(String message, Throwable cause) {
        super(message, cause);
    }
}
