package dev.cairn.sql.procs.args;

import picocli.CommandLine.Option;

/** Options of {@code gc} / {@code dolt_gc}. */
public class GcArgs {
    /** Accepted for Dolt compatibility; Cairn's collection is always a full one. */
    @Option(names = {"-s", "--shallow"}, description = "Accepted for compatibility; a full collection is always done.")
    public boolean shallow;
}
