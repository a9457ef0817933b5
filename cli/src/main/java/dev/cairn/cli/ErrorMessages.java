package dev.cairn.cli;

/** Turns any failure into the one line a user sees. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * The line printed for {@code t}: the message with its lines joined, after {@code error: }
     * unless it already starts with Dolt's {@code error:} or {@code fatal:}, so the ops'
     * messages read the same in the CLI as in a procedure's error.
     */
    static String line(Throwable t) {
        String msg = oneLine(t);
        if (t instanceof UserError u && u.isBare()) {
            return msg;
        }
        if (msg.startsWith("error: ") || msg.startsWith("fatal: ")) {
            return msg;
        }
        return "error: " + msg;
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
