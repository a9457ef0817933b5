package dev.cairn.cli;

import sun.misc.Signal;

/**
 * How the long-running commands ({@code remotesrv}, {@code sql-server}) are stopped: SIGTERM
 * (a service manager, {@code kill}) or SIGINT (Ctrl-C) runs {@code stop} on a thread of its
 * own, and the command then returns normally, so a clean stop exits 0 rather than the 143 the
 * JVM's default handling gives, which service managers read as a failure.
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
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), s -> once.run());
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM reserves it): the default stays
            }
        }
    }
}
