package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code cairn version}: prints the version. */
@Command(name = "version", description = "Print the version of cairn.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("cairn version " + version());
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
