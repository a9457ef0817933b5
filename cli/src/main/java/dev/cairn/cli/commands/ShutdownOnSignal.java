package dev.cairn.cli.commands;

import dev.cairn.sql.server.MySqlServer;

/**
 * Closes a server gracefully on SIGTERM and SIGINT, so that {@code sql-server} ends with
 * status 0 once the statements in flight have finished, as Dolt's does. Left to the JVM, a
 * signal runs the shutdown hooks and exits with 143 or 130; and a shutdown hook cannot wait
 * for the main thread to finish, because the JVM does not wait for it. So the signals are
 * handled (through {@code sun.misc.Signal}, the JDK's only way; javac warns about it), and
 * the server's close lets the main thread, waiting in {@code awaitClosed}, return normally.
 * A shutdown hook covers the other ways out (SIGHUP, an exit elsewhere): it closes and waits.
 */
final class ShutdownOnSignal {
    private ShutdownOnSignal() {
    }

    static void install(MySqlServer server) {
        sun.misc.SignalHandler close = signal -> server.close();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), close);
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (-Xrs); the shutdown hook still closes the server.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                server.awaitClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sql-server-shutdown"));
    }
}
