package dev.cairn.cli;

/** Turns any failure into the one line a user sees. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }
}
