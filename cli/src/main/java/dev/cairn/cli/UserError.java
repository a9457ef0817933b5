package dev.cairn.cli;

/**
 * A mistake by the user: reported as its message alone, never with a stack trace. Most are
 * printed after {@code error: }; a few of Dolt's messages are printed exactly as they are.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean bare;

    public UserError(String message) {
        this(message, false);
    }

    private UserError(String message, boolean bare) {
        super(message);
        this.bare = bare;
    }

    /** An error whose line is printed without the {@code error: } prefix. */
    public static UserError bare(String message) {
        return new UserError(message, true);
    }

    public boolean isBare() {
        return bare;
    }
}
