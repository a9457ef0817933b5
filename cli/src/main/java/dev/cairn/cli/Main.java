package dev.cairn.cli;

import dev.cairn.cli.commands.AddCommand;
import dev.cairn.cli.commands.BackupCommand;
import dev.cairn.cli.commands.BranchCommand;
import dev.cairn.cli.commands.CheckoutCommand;
import dev.cairn.cli.commands.CloneCommand;
import dev.cairn.cli.commands.CommitCommand;
import dev.cairn.cli.commands.ConfigCommand;
import dev.cairn.cli.commands.DiffCommand;
import dev.cairn.cli.commands.FetchCommand;
import dev.cairn.cli.commands.GcCommand;
import dev.cairn.cli.commands.InitCommand;
import dev.cairn.cli.commands.LogCommand;
import dev.cairn.cli.commands.LsCommand;
import dev.cairn.cli.commands.MergeCommand;
import dev.cairn.cli.commands.PullCommand;
import dev.cairn.cli.commands.PushCommand;
import dev.cairn.cli.commands.RemoteCommand;
import dev.cairn.cli.commands.RemotesrvCommand;
import dev.cairn.cli.commands.ResetCommand;
import dev.cairn.cli.commands.SqlServerCommand;
import dev.cairn.cli.commands.StatusCommand;
import dev.cairn.cli.commands.TagCommand;
import dev.cairn.sql.procs.args.ArgParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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
        subcommands = {InitCommand.class, ConfigCommand.class, StatusCommand.class, AddCommand.class,
            ResetCommand.class, CommitCommand.class, LogCommand.class, DiffCommand.class, BranchCommand.class,
            CheckoutCommand.class, MergeCommand.class, TagCommand.class, LsCommand.class, RemoteCommand.class,
            PushCommand.class, FetchCommand.class, PullCommand.class, CloneCommand.class, BackupCommand.class,
            GcCommand.class, RemotesrvCommand.class, VersionCommand.class, DemoCommand.class, SqlCommand.class,
            SqlServerCommand.class, CdsTrainingCommand.class})
public final class Main implements Runnable, WorkingDirectory {
    /**
     * Not inherited: {@code branch}, {@code tag}, {@code remote} and {@code backup} use
     * {@code -v/--verbose} for their listings, as Dolt's do; {@code CommandLines.allowVerboseEverywhere}
     * gives the other commands a hidden one. The raw arguments decide about stack traces.
     */
    @CommandLine.Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Path workingDirectory;

    Main(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** The directory commands act in: the process's, or a test's. */
    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UserError("no command given; see 'cairn --help'");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(Path.of("").toAbsolutePath(), out, err, args));
    }

    /** Runs one command line in the process's directory and returns its exit status. */
    public static int run(String... args) {
        return run(Path.of("").toAbsolutePath(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs one command line in {@code cwd}, writing data to {@code out} and messages to {@code err}. */
    public static int run(Path cwd, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = ArgParser.configure(CommandLines.forArgs(cwd, args)).setOut(out).setErr(err);
        boolean debug = "1".equals(System.getenv("CAIRN_DEBUG")) || Arrays.asList(args).contains("--verbose");
        cl.setParameterExceptionHandler((ex, a) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && u.getCommandLine() == cl) {
                err.println("error: unknown command '" + u.getUnmatched().get(0) + "'; see 'cairn --help'");
                return ExitCodes.ERROR;
            }
            err.println(ErrorMessages.line(ex));
            return ExitCodes.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace(err);
            } else {
                err.println(ErrorMessages.line(ex));
            }
            return ExitCodes.ERROR;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
