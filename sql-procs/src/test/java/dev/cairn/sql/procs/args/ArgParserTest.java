package dev.cairn.sql.procs.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.sql.SqlException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private static CommitArgs commit(String... args) {
        return ArgParser.parse("dolt_commit", new CommitArgs(), List.of(args));
    }

    @Test
    void combinedShortFlagsTakeTheNextArgumentAsTheValue() {
        CommitArgs a = commit("-am", "msg");
        assertThat(a.all).isTrue();
        assertThat(a.message).isEqualTo("msg");
        CommitArgs b = commit("-Am", "msg");
        assertThat(b.allIncludingNew).isTrue();
        assertThat(b.all).isFalse();
    }

    @Test
    void longFlagsWithEqualsOrSeparateValue() {
        assertThat(commit("--message=hello world").message).isEqualTo("hello world");
        assertThat(commit("--message", "x", "--allow-empty").allowEmpty).isTrue();
        assertThat(commit("-m", "x", "--author", "A <a@b.c>").author).isEqualTo("A <a@b.c>");
        assertThat(commit("-mattached").message).isEqualTo("attached");
    }

    @Test
    void doubleDashEndsOptions() {
        CheckoutArgs a = ArgParser.parse("dolt_checkout", new CheckoutArgs(), List.of("--", "-weird"));
        assertThat(a.operands).containsExactly("-weird");
    }

    @Test
    void atSignArgumentsAreDataNotFiles() {
        AddArgs a = ArgParser.parse("dolt_add", new AddArgs(), List.of("@etc_passwd"));
        assertThat(a.tables).containsExactly("@etc_passwd");
    }

    @Test
    void optionValuesMayFollowOperands() {
        BackupArgs a = ArgParser.parse("dolt_backup", new BackupArgs(),
                List.of("add", "b", "aws://t:b/db", "--aws-region=eu-west-1", "--aws-creds-type", "env"));
        assertThat(a.operands).containsExactly("add", "b", "aws://t:b/db");
        assertThat(a.options.params()).containsExactly(
                java.util.Map.entry("aws-region", "eu-west-1"), java.util.Map.entry("aws-creds-type", "env"));
    }

    @Test
    void repeatedFlagsAreAllowed() {
        assertThat(commit("-m", "a", "-m", "b").message).isEqualTo("b");
    }

    @Test
    void unknownOptionIsOneLineError() {
        assertThatThrownBy(() -> commit("--bogus"))
                .isInstanceOf(SqlException.class)
                .hasMessage("error: Unknown option: '--bogus'");
    }

    @Test
    void missingOptionValueIsOneLineError() {
        assertThatThrownBy(() -> commit("-m"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("error: Missing required parameter for option '--message'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unexpectedOperandIsAnError() {
        assertThatThrownBy(() -> commit("-m", "x", "extra"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("'extra'");
    }

    @Test
    void nullArgumentIsRefused() {
        assertThatThrownBy(() -> ArgParser.parse("dolt_commit", new CommitArgs(), Arrays.asList("-m", null)))
                .isInstanceOf(SqlException.class)
                .hasMessage("error: dolt_commit does not accept NULL arguments");
    }

    @Test
    void branchFlagsCombine() {
        BranchArgs a = ArgParser.parse("dolt_branch", new BranchArgs(), List.of("-mf", "old", "new"));
        assertThat(a.move).isTrue();
        assertThat(a.force).isTrue();
        assertThat(a.operands).containsExactly("old", "new");
    }
}
