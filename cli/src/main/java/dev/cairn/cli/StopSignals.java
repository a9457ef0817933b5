package dev.cairn.cli;

import sun.misc.Signal;

/**
 * How the long-running commands ({@code remotesrv}, {@code sql-server}) are stopped: SIGTERM
 * (a service manager, {@code kill}) or SIGINT (Ctrl-C) runs {@code stop} on a thread of its
 * own, and the command then returns normally, so a clean stop exits 0 rather than the 143 the
 * JVM's default handling gives, which service managers read as a failure. (A shutdown hook
 * cannot do this: the JVM does not wait for the main thread.) {@code sun.misc.Signal} is the
 * JDK's only way to handle a signal; javac warns about it. A shutdown hook still runs
 * {@code stop} on the other ways out (SIGHUP, an exit elsewhere), so {@code stop} must be
 * idempotent.
 */
public final class StopSignals {
    private StopSignals() {
    }

    /** Runs {@code stop} once, on the first SIGTERM or SIGINT. */
    public static void onStop(String name, Runnable stop) {
        Thread stopper = new Thread(stop, name + "-stop");
        Runnable once = () -> {
            synchronized (stopper) {
                if (stopper.getState() == Thread.State.NEW) {
                    stopper.start();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, name + "-shutdown"));
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), s -> once.run());
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs): the shutdown hook still stops
            }
        }
    }
}
