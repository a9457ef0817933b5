package dev.cairn.cli;

/** The documented exit statuses. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;

    private ExitCodes() {
    }
}
