package dev.cairn.cli;

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

    static CommandLine forArgs(String... args) {
        Class<?> only = commandClass(args);
        if (only == null) {
            return new CommandLine(new Main());
        }
        CommandLine root = new CommandLine(new SingleCommandRoot());
        root.addSubcommand(new CommandLine(only));
        return root;
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
    static final class SingleCommandRoot {
        @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
        boolean verbose;

        @Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
                description = "Show this help and exit.")
        boolean help;
    }
}
