package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repo.Workspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements run from a shared template (see {@code StatementTemplates}) give what the same
 * text parsed on its own gives: a comment in front turns templating off, so each statement
 * is compared with its commented twin, twice, so that the second run comes from the template.
 */
class SqlSessionTemplatesTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        s = new SqlSession(ws);
        s.execute("CREATE TABLE t (pk BIGINT PRIMARY KEY, v VARCHAR(10), d DECIMAL(5,2), dt DATE);"
                + " INSERT INTO t VALUES (1, 'one', 1.50, '2020-01-01'), (2, 'two', 2.25, '2021-06-30'),"
                + " (3, 'Three', NULL, NULL), (123456789012345678, 'big', 0, '1999-12-31')");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private List<Object> result(String sql) throws Exception {
        ResultSet rs = one(s, sql);
        return List.of(rs.columns().stream().map(ResultColumn::name).toList(),
                rs.rows().stream().map(r -> Arrays.asList(r)).toList());
    }

    private void same(String sql) throws Exception {
        List<Object> plain = result("/* plain */ " + sql);
        assertThat(result(sql)).as(sql).isEqualTo(plain);
        assertThat(result(sql)).as(sql + ", from the template").isEqualTo(plain);
    }

    @Test
    void templatedStatementsGiveWhatTheirTextGives() throws Exception {
        for (String key : List.of("1", "2", "3", "4", "123456789012345678", "'2'", "'x'", "'2abc'")) {
            same("SELECT * FROM t WHERE pk = " + key);
            same("SELECT pk, v FROM t WHERE pk >= " + key + " ORDER BY pk");
            same("SELECT pk = 2 AS two, v FROM t WHERE pk <> " + key + " ORDER BY 1, pk");
        }
        for (String v : List.of("'one'", "'ONE'", "'three'", "'two '", "''", "'1'", "1")) {
            same("SELECT pk FROM t WHERE v = " + v);
            same("SELECT count(*), max(pk) FROM t WHERE v < " + v + " OR pk >= " + v);
        }
        same("SELECT pk FROM t WHERE d > 1 AND d <= '2.25'");
        same("SELECT pk FROM t WHERE dt >= '2020-06-01' AND dt < '2021-07-01'");
        same("SELECT v, count(*) AS n FROM t WHERE pk != 3 GROUP BY v HAVING n >= 1 ORDER BY v LIMIT 2");
        same("SELECT a.pk, b.v FROM t a JOIN t b ON a.pk = b.pk WHERE a.pk = 2");
    }

    @Test
    void errorsAreTheTextsErrors() throws Exception {
        for (String sql : List.of("SELECT * FROM t WHERE nope = 1", "SELECT * FROM t WHERE pk = 1 1",
                "SELECT * FROM t WHERE pk = 'a' 'b'", "SELECT * FROM t WHERE pk = 1 2")) {
            String plain = error("/* plain */ " + sql);
            assertThat(plain).as(sql).isNotNull();
            assertThat(error(sql)).as(sql).isEqualTo(plain.replace("/* plain */ ", ""));
            assertThat(error(sql)).as(sql).isEqualTo(plain.replace("/* plain */ ", ""));
        }
    }

    private String error(String sql) {
        try {
            one(s, sql);
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
