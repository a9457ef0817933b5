package dev.cairn.sql;

/**
 * Registers the built-in procedures, system tables and table functions. The SQL engine
 * calls {@link #install()} before it runs anything; calling it again does nothing.
 */
public final class Builtins {
    private static boolean installed;

    private Builtins() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        dev.cairn.sql.procs.DoltProcedures.register();
        dev.cairn.sql.system.DoltSystemTables.register();
    }
}
