package dev.cairn.cli.progress;

/** Whether progress may be drawn in place: a console is attached and {@code CAIRN_NO_TTY} is not set. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean interactive() {
        String noTty = System.getenv("CAIRN_NO_TTY");
        return System.console() != null && (noTty == null || noTty.isEmpty());
    }
}
