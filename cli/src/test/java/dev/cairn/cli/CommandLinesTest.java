package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLinesTest {
    @Test
    void theFirstWordPicksTheOnlyCommandModelled() {
        assertThat(CommandLines.commandClass("sql", "-q", "select 1")).isEqualTo(SqlCommand.class);
        assertThat(CommandLines.commandClass("--verbose", "version")).isEqualTo(VersionCommand.class);
        CommandLine cl = CommandLines.forArgs(java.nio.file.Path.of("."), "sql", "-q", "select 1");
        assertThat(cl.getSubcommands()).containsOnlyKeys("sql");
    }

    @Test
    void anythingElseGetsTheFullModelSoHelpAndErrorsStayTheSame() {
        assertThat(CommandLines.commandClass()).isNull();
        assertThat(CommandLines.commandClass("--help")).isNull();
        assertThat(CommandLines.commandClass("frobnicate")).isNull();
        assertThat(CommandLines.forArgs(java.nio.file.Path.of("."), "--help").getSubcommands()).containsKeys("sql", "version", "demo");
    }

    @Test
    void rootOptionsReachTheCommandAsInTheFullModel() {
        CommandLine cl = CommandLines.forArgs(java.nio.file.Path.of("."), "sql");
        assertThat(cl.getSubcommands().get("sql").getCommandSpec().findOption("--verbose")).isNotNull();
        assertThat(cl.getSubcommands().get("sql").getCommandSpec().findOption("--help")).isNotNull();
    }
}
