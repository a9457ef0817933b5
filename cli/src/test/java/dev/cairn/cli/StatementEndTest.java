package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementEndTest {
    @Test
    void aSemicolonEndsAStatementEvenAcrossLines() {
        assertThat(StatementEnd.isTerminated("select 1;")).isTrue();
        assertThat(StatementEnd.isTerminated("create table t (\n  pk int primary key);  \n")).isTrue();
        assertThat(StatementEnd.isTerminated("select 1")).isFalse();
        assertThat(StatementEnd.isTerminated("create table t (\n  pk int,")).isFalse();
    }

    @Test
    void semicolonsInQuotesDoNotEndIt() {
        assertThat(StatementEnd.isTerminated("insert into t values ('a;")).isFalse();
        assertThat(StatementEnd.isTerminated("insert into t values ('a;b')")).isFalse();
        assertThat(StatementEnd.isTerminated("insert into t values ('it''s;', \"x\\\";\");")).isTrue();
        assertThat(StatementEnd.isTerminated("select `odd;name` from t")).isFalse();
    }

    @Test
    void commentsAreIgnored() {
        assertThat(StatementEnd.isTerminated("select 1 -- done;")).isFalse();
        assertThat(StatementEnd.isTerminated("select 1; -- done")).isTrue();
        assertThat(StatementEnd.isTerminated("select 1 # done;")).isFalse();
        assertThat(StatementEnd.isTerminated("select 1 /* ; */")).isFalse();
        assertThat(StatementEnd.isTerminated("select 1 /* unfinished ;")).isFalse();
        assertThat(StatementEnd.isTerminated("select 1 /* c */;")).isTrue();
    }

    @Test
    void exitAndQuitNeedNoSemicolon() {
        assertThat(SqlShell.isExitCommand("exit")).isTrue();
        assertThat(SqlShell.isExitCommand("  QUIT; ")).isTrue();
        assertThat(SqlShell.isExitCommand("exit_table")).isFalse();
    }
}
