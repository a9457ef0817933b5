package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn sql} without a terminal, run through the real launcher as a user or a script would. */
class SqlCommandIT {
    private static final Path LAUNCHER = Paths.get("..", "cairn").toAbsolutePath().normalize();
    private static final String TABLE = "+----+----+\n| pk | c1 |\n+----+----+\n|  0 |  0 |\n|  1 |  1 |\n+----+----+\n";

    @TempDir
    Path tmp;
    /** A database directory holding table t with rows (0,0) and (1,1). */
    Path db;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void createDatabase() throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        ok(tmp.resolve("work"), null, "sql", "-q", "create database db");
        db = tmp.resolve("work/db");
        ok(db, null, "sql", "-q", "create table t (pk int primary key, c1 int); insert into t values (0,0), (1,1)");
    }

    /** Runs the launcher in {@code cwd} with {@code stdin} (null: none) and its own global config. */
    Result cairn(Path cwd, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path in = Files.writeString(tmp.resolve("stdin.txt"), stdin == null ? "" : stdin);
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("CAIRN_ROOT_PATH", tmp.resolve("root").toString());
        pb.environment().remove("CAIRN_DEBUG");
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("cairn finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    String ok(Path cwd, String stdin, String... args) throws Exception {
        Result r = cairn(cwd, stdin, args);
        assertThat(r.exit()).as("exit status; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    @Test
    void queryPrintsTabularByDefault() throws Exception {
        assertThat(ok(db, null, "sql", "-q", "select * from t order by pk")).isEqualTo(TABLE);
        assertThat(ok(db, null, "sql", "-r", "tabular", "-q", "select * from t order by pk")).isEqualTo(TABLE);
    }

    @Test
    void csvPrintsTheHeaderThenTheRows() throws Exception {
        assertThat(ok(db, null, "sql", "-r", "csv", "-q", "select * from t order by pk")).isEqualTo("pk,c1\n0,0\n1,1\n");
    }

    @Test
    void jsonPrintsDoltStyleRows() throws Exception {
        assertThat(ok(db, null, "sql", "-r", "json", "-q", "select * from t order by pk"))
                .isEqualTo("{\"rows\":[{\"pk\":0,\"c1\":0},{\"pk\":1,\"c1\":1}]}\n");
    }

    @Test
    void statementsWithoutRowsPrintNothing() throws Exception {
        assertThat(ok(db, null, "sql", "-q", "insert into t values (2,2); update t set c1 = 5 where pk = 2")).isEmpty();
        assertThat(ok(db, null, "sql", "-r", "csv", "-q", "select c1 from t where pk = 2")).isEqualTo("c1\n5\n");
    }

    @Test
    void everyResultOfAMultiStatementQueryIsPrintedInOrder() throws Exception {
        String out = ok(db, null, "sql", "-r", "csv", "-q",
                "select count(*) as n from t; insert into t values (7,7); select pk from t where pk > 0 order by pk");
        assertThat(out).isEqualTo("n\n2\npk\n1\n7\n");
    }

    @Test
    void anErrorIsOneLineExitOneAndStopsTheScript() throws Exception {
        Result r = cairn(db, null, "sql", "-r", "csv", "-q",
                "select count(*) as n from t; insert into t values (5,5); select nope from t; insert into t values (6,6)");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: Unknown column 'nope' in 'field list'\n");
        assertThat(r.out()).as("results before the error are still printed").isEqualTo("n\n2\n");
        assertThat(ok(db, null, "sql", "-r", "csv", "-q", "select pk from t where pk >= 5 order by pk"))
                .as("the statement before the error ran, the one after it did not").isEqualTo("pk\n5\n");
    }

    @Test
    void aSyntaxErrorHasNoStackTrace() throws Exception {
        Result r = cairn(db, null, "sql", "-q", "selec * frm t");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: You have an error in your SQL syntax").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fileRunsItsStatements() throws Exception {
        Files.writeString(db.resolve("script.sql"), """
                -- a comment; with a semicolon
                insert into t values (2, 2);
                /* block; comment */ insert into t values (3, 3);
                select pk, c1 from t where pk >= 2 order by pk;
                """);
        assertThat(ok(db, null, "sql", "-r", "csv", "-f", "script.sql")).isEqualTo("pk,c1\n2,2\n3,3\n");
    }

    @Test
    void aMissingFileIsAnError() throws Exception {
        Result r = cairn(db, null, "sql", "-f", "nope.sql");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: file 'nope.sql' not found\n");
    }

    @Test
    void statementsArePipedThroughStdin() throws Exception {
        String script = "insert into t values (2, 'x;y');\nselect * from t\n  where pk = 2;\n";
        Result bad = cairn(db, script, "sql");
        assertThat(bad.exit()).as("c1 is an int").isEqualTo(1);
        assertThat(bad.err()).startsWith("error: ").hasLineCount(1);
        String out = ok(db, "insert into t values (2, 2);\nselect * from t\n  where pk = 2;\n", "sql", "-r", "csv");
        assertThat(out).isEqualTo("pk,c1\n2,2\n");
    }

    @Test
    void anErrorOnStdinStopsTheRest() throws Exception {
        Result r = cairn(db, "insert into t values (3,3);\ninsert into nope values (1);\ninsert into t values (4,4);\n",
                "sql");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: Table 'db.nope' doesn't exist\n");
        assertThat(ok(db, null, "sql", "-r", "csv", "-q", "select pk from t where pk > 1 order by pk")).isEqualTo("pk\n3\n");
    }

    @Test
    void badFlagsAreOneLineErrors() throws Exception {
        Result format = cairn(db, null, "sql", "-r", "xml", "-q", "select 1");
        assertThat(format.exit()).isEqualTo(1);
        assertThat(format.err()).isEqualTo("error: invalid result format 'xml': use tabular, csv or json\n");
        Result both = cairn(db, null, "sql", "-q", "select 1", "-f", "x.sql");
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("error: -q and -f cannot be used together\n");
    }

    @Test
    void helpDescribesTheFlags() throws Exception {
        Result r = cairn(db, null, "sql", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("-q, --query=QUERY").contains("-r, --result-format=FORMAT").contains("-f, --file=FILE");
    }

    @Test
    void aDirectoryOfDatabasesSelectsNoneUntilUse() throws Exception {
        Path work = tmp.resolve("work");
        ok(work, null, "sql", "-q", "create database other");
        assertThat(ok(work, null, "sql", "-r", "csv", "-q", "show databases")).isEqualTo("Database\ndb\nother\n");

        Result none = cairn(work, null, "sql", "-q", "select * from t");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).containsIgnoringCase("no database selected").hasLineCount(1);

        ok(work, null, "sql", "-q", "use other; create table u (id int primary key); insert into u values (9)");
        String out = ok(work, null, "sql", "-r", "csv", "-q",
                "use db; select count(*) as n from t; use other; select id from u; show tables");
        assertThat(out).isEqualTo("n\n2\nid\n9\nTables_in_other\nu\n");
        assertThat(ok(db, null, "sql", "-r", "csv", "-q", "show tables"))
                .as("inside a database, only its own tables").isEqualTo("Tables_in_db\nt\n");
    }
}
