package dev.cairn.cli;

/** The documented exit statuses. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;

    private ExitCodes() {
    }
}
