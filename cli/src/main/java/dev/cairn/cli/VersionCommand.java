package dev.cairn.cli;

import dev.cairn.cli.commands.CairnCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code cairn version}: prints the version. */
@Command(name = "version", description = "Print the version of cairn.")
final class VersionCommand extends CairnCommand {
    @Override
    protected void run() {
        out().println("cairn version " + version());
    }

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
