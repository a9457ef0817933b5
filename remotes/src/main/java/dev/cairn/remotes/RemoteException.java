package dev.cairn.remotes;

/**
 * A remote or backup request the user got wrong: a malformed URL, an unknown scheme, a
 * parameter that does not apply. The message is one line meant for the user and never
 * contains a secret from the URL.
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
