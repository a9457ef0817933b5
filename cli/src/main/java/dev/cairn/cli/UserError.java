package dev.cairn.cli;

/** A mistake by the user: reported as its message alone, never with a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}
