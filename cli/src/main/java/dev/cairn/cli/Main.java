package dev.cairn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cairn} command. Exit status 0 on success and 1 on any error; an
 * error is one line on stderr, with the stack trace only under
 * {@code --verbose} or {@code CAIRN_DEBUG=1}.
 */
@Command(name = "cairn",
        mixinStandardHelpOptions = false,
        description = "A versioned, content-addressed database with git-like history and incremental backups.",
        subcommands = {VersionCommand.class, DemoCommand.class, SqlCommand.class,
                CdsTrainingCommand.class})
public final class Main implements Runnable {
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new UserError("no command given; see 'cairn --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String... args) {
        CommandLine cl = CommandLines.forArgs(args);
        boolean debug = "1".equals(System.getenv("CAIRN_DEBUG")) || java.util.Arrays.asList(args).contains("--verbose");
        cl.setParameterExceptionHandler((ex, a) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && u.getCommandLine() == cl) {
                System.err.println("error: unknown command '" + u.getUnmatched().get(0) + "'; see 'cairn --help'");
                return ExitCodes.ERROR;
            }
            System.err.println("error: " + ex.getMessage());
            return ExitCodes.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace();
            } else {
                System.err.println("error: " + ErrorMessages.oneLine(ex));
            }
            return ExitCodes.ERROR;
        });
        return cl.execute(args);
    }
}
