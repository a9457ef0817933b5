package dev.cairn.sql.procs.args;

import dev.cairn.sql.SqlException;
import java.util.List;
import picocli.CommandLine;

/**
 * Parses a procedure's string arguments into one of the options classes of this package,
 * the same classes the CLI commands mix in, so {@code CALL dolt_commit('-am', 'msg')} and
 * {@code cairn commit -am msg} accept exactly the same flags. Supports combined short flags
 * ({@code -am}), {@code --flag=value}, {@code --flag value} and {@code --} before operands.
 */
public final class ArgParser {
    private ArgParser() {
    }

    /** Fills {@code spec} from {@code args} and returns it; a bad argument is a one-line {@link SqlException}. */
    public static <T> T parse(String command, T spec, List<String> args) {
        for (String a : args) {
            if (a == null) {
                throw new SqlException("error: " + command + " does not accept NULL arguments");
            }
        }
        CommandLine cl = configure(new CommandLine(spec)).setCommandName(command);
        try {
            cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new SqlException("error: " + oneLine(e.getMessage()));
        }
        return spec;
    }

    /**
     * The parser settings both surfaces use. {@code @file} expansion is off because a
     * procedure argument starting with {@code @} is data, never a file to read on the
     * server; repeating a flag is allowed, as git allows it.
     */
    public static CommandLine configure(CommandLine cl) {
        return cl.setExpandAtFiles(false)
                .setPosixClusteredShortOptionsAllowed(true)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    static String oneLine(String s) {
        return s == null ? "invalid arguments" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
