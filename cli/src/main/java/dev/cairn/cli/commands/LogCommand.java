package dev.cairn.cli.commands;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.cli.CliSession;
import dev.cairn.cli.UserError;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn log}: commits reachable from a ref, newest first, in git's layout. */
@Command(name = "log", description = "Show commit logs.")
public final class LogCommand extends CairnCommand {
    /** Dolt's date layout (Go's UnixDate with a numeric zone), in the local time zone. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ROOT);

    @Option(names = {"-n", "--number"}, paramLabel = "N", description = "Show at most N commits.")
    Integer number;

    @Option(names = "--oneline", description = "One line per commit: its hash and the first line of its message.")
    boolean oneline;

    @Parameters(paramLabel = "REF", arity = "0..1", description = "Where to start (default HEAD).")
    String ref;

    @Override
    protected void run() throws Exception {
        if (number != null && number < 0) {
            throw new UserError("-n must not be negative");
        }
        try (CliSession s = repoSession()) {
            List<Commit> commits = s.requireRepo().db().log(ref == null ? "HEAD" : ref, s.currentBranch(), false,
                    number == null ? -1 : number);
            PrintWriter out = out();
            for (int i = 0; i < commits.size(); i++) {
                Commit c = commits.get(i);
                if (oneline) {
                    out.println(c.address() + " " + firstLine(c.meta().message()));
                    continue;
                }
                if (i > 0) {
                    out.println();
                }
                print(out, c);
            }
        }
    }

    static void print(PrintWriter out, Commit c) {
        out.println("commit " + c.address());
        if (c.isMerge()) {
            StringBuilder sb = new StringBuilder("Merge:");
            for (Hash p : c.parents()) {
                sb.append(' ').append(p);
            }
            out.println(sb);
        }
        out.println("Author: " + c.meta().name() + " <" + c.meta().email() + ">");
        out.println("Date:  " + DATE.format(Instant.ofEpochMilli(c.meta().timestampMillis())
                .atZone(ZoneId.systemDefault())));
        out.println();
        for (String line : c.meta().message().split("\\R", -1)) {
            out.println(line.isEmpty() ? "" : "    " + line);
        }
    }

    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
