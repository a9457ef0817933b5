package dev.cairn.cli;

import java.nio.file.Path;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds picocli's model of {@code cairn} for one command line. picocli reflects over every
 * registered command, its options and their annotations before it parses anything, which grows
 * with each command added and was the largest part of start-up; so when the first word names
 * a command, only that one is modelled, under a root with Main's global options. Anything else
 * (no command, root options, an unknown word) gets the full model, so help and errors read the
 * same as ever. {@link Main}'s {@code subcommands} list stays the one registry of commands.
 */
final class CommandLines {
    private CommandLines() {
    }

    static CommandLine forArgs(Path cwd, String... args) {
        Class<?> only = commandClass(args);
        CommandLine root;
        if (only == null) {
            root = new CommandLine(new Main(cwd));
        } else {
            root = new CommandLine(new SingleCommandRoot(cwd));
            root.addSubcommand(new CommandLine(only));
        }
        allowVerboseEverywhere(root);
        return root;
    }

    /** Gives every command without a --verbose of its own a hidden one, since the root's is not inherited. */
    static void allowVerboseEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--verbose") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--verbose")
                        .type(boolean.class).hidden(true).build());
            }
            allowVerboseEverywhere(sub);
        }
    }


    /** The class of the command the first word names, or null if there is none or root options come first. */
    static Class<?> commandClass(String... args) {
        String name = null;
        for (String a : args) {
            if (a.equals("--verbose")) {
                continue;
            }
            if (!a.startsWith("-")) {
                name = a;
            }
            break;
        }
        if (name == null) {
            return null;
        }
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /** Main without its list of subcommands; the options must stay as Main declares them. */
    @Command(name = "cairn")
    static final class SingleCommandRoot implements WorkingDirectory {
        // Not inherited, as in Main: listings use -v/--verbose themselves.
        @Option(names = "--verbose", description = "Print stack traces of errors.")
        boolean verbose;

        private final Path cwd;

        SingleCommandRoot(Path cwd) {
            this.cwd = cwd;
        }

        @Override
        public Path workingDirectory() {
            return cwd;
        }

        @Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
                description = "Show this help and exit.")
        boolean help;
    }
}
