package dev.cairn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs a command line in-process in a directory and captures its streams: fast enough for format tests. */
final class InProcess {
    record Result(int exit, String out, String err) {
    }

    private InProcess() {
    }

    static Result cairn(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(cwd, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
