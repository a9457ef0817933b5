package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards start-up: the everyday non-SQL commands must not load the heavy libraries (the SQL
 * parser, cloud SDKs, the HTTP server, the line editor), since class loading and their static
 * set-up are most of a short command's time. Commands this build does not have yet are skipped.
 */
class StartupPathIT {
    private static final Path LAUNCHER = Paths.get("..", "cairn").toAbsolutePath().normalize();
    private static final List<String> HEAVY = List.of("net.sf.jsqlparser.", "software.amazon.", "com.amazonaws.",
            "org.eclipse.jetty.", "com.google.cloud.", "org.jline.");
    private static final List<List<String>> EVERYDAY = List.of(List.of("version"), List.of("status"),
            List.of("log", "-n", "1"), List.of("branch"), List.of("ls"), List.of("diff"), List.of("tag"));

    @TempDir
    Path tmp;

    @Test
    void everydayCommandsLoadNoHeavyLibrary() throws Exception {
        run(tmp, "sql", "-q", "create database db");
        Path db = tmp.resolve("db");
        run(db, "sql", "-q", "create table t (pk int primary key)");
        String commands = run(tmp, "--help");
        int checked = 0;
        for (List<String> args : EVERYDAY) {
            if (!commands.matches("(?s).*\\n {2}" + args.get(0) + " .*")) {
                continue;
            }
            Path classes = tmp.resolve("classes-" + args.get(0) + ".txt");
            List<String> cmd = new ArrayList<>(List.of("env",
                    "CAIRN_JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=" + classes));
            cmd.add(LAUNCHER.toString());
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(db.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(classes, StandardCharsets.UTF_8);
            assertThat(lines).as("classes loaded by cairn %s", args).isNotEmpty();
            for (String heavy : HEAVY) {
                assertThat(lines).as("cairn %s loads no %s*", args, heavy).noneMatch(l -> l.contains("] " + heavy));
            }
            checked++;
        }
        assertThat(checked).as("at least version is checked").isPositive();
    }

    private static String run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
