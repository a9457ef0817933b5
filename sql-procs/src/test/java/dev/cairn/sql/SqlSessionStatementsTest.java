package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.rows;
import static dev.cairn.sql.SqlTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Workspace;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlSessionStatementsTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        s = new SqlSession(ws);
        s.execute("CREATE TABLE people (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL, "
                + "age INT DEFAULT 30, score DECIMAL(5,2));"
                + "INSERT INTO people (name, age, score) VALUES ('ann', 31, 1.5), ('bob', 25, 2.25), ('cy', NULL, NULL)");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void insertAssignsAutoIncrementAndLastInsertId() throws Exception {
        assertThat(rows(s, "SELECT id, name FROM people ORDER BY id"))
                .containsExactly(List.of(1L, "ann"), List.of(2L, "bob"), List.of(3L, "cy"));
        ResultSet rs = SqlTestSupport.one(s, "INSERT INTO people (name) VALUES ('dee')");
        assertThat(rs.lastInsertId()).isEqualTo(4L);
        assertThat(scalar(s, "SELECT last_insert_id()")).isEqualTo(4L);
        assertThat(scalar(s, "SELECT age FROM people WHERE id = 4")).isEqualTo(30L);
    }

    @Test
    void selectWithExpressionsAliasesOrderLimit() throws Exception {
        assertThat(rows(s, "SELECT upper(name) AS n, age + 1 FROM people WHERE age IS NOT NULL ORDER BY age DESC LIMIT 1"))
                .containsExactly(List.of("ANN", 32L));
        assertThat(rows(s, "SELECT name FROM people ORDER BY name LIMIT 1 OFFSET 1")).containsExactly(List.of("bob"));
        assertThat(rows(s, "SELECT name FROM people ORDER BY name LIMIT 2, 1")).containsExactly(List.of("cy"));
        assertThat(scalar(s, "SELECT concat(name, '-', coalesce(age, 0)) FROM people WHERE id = 3")).isEqualTo("cy-0");
        assertThat(scalar(s, "SELECT if(age > 30, 'old', 'young') FROM people WHERE id = 1")).isEqualTo("old");
        assertThat(scalar(s, "SELECT cast('12' AS SIGNED) + 1")).isEqualTo(13L);
        assertThat(scalar(s, "SELECT substring('hello', 2, 3)")).isEqualTo("ell");
        assertThat(scalar(s, "SELECT round(2.345, 2)")).isEqualTo(new BigDecimal("2.35"));
        assertThat(scalar(s, "SELECT length(trim('  ab  '))")).isEqualTo(2L);
        assertThat(rows(s, "SELECT name FROM people WHERE name LIKE 'b%'")).containsExactly(List.of("bob"));
    }

    @Test
    void aggregatesAndGrouping() throws Exception {
        assertThat(scalar(s, "SELECT COUNT(*) FROM people")).isEqualTo(3L);
        assertThat(scalar(s, "SELECT count(1) FROM people")).isEqualTo(3L);
        assertThat(scalar(s, "SELECT count(age) FROM people")).isEqualTo(2L);
        assertThat(rows(s, "SELECT SUM(age), MIN(age), MAX(age), AVG(score) FROM people"))
                .containsExactly(List.of(new BigDecimal("56"), 25L, 31L, new BigDecimal("1.875000")));
        s.execute("INSERT INTO people (name, age) VALUES ('ann', 40)");
        assertThat(rows(s, "SELECT name, COUNT(*) AS c FROM people GROUP BY name HAVING c > 1"))
                .containsExactly(List.of("ann", 2L));
        assertThat(rows(s, "SELECT DISTINCT name FROM people ORDER BY name"))
                .containsExactly(List.of("ann"), List.of("bob"), List.of("cy"));
        assertThat(scalar(s, "SELECT COUNT(*) FROM people WHERE id > 100")).isEqualTo(0L);
    }

    @Test
    void joinsAndSubqueries() throws Exception {
        s.execute("CREATE TABLE pets (pid INT PRIMARY KEY, owner INT, kind VARCHAR(10));"
                + "INSERT INTO pets VALUES (1, 1, 'cat'), (2, 1, 'dog'), (3, 2, 'fish')");
        assertThat(rows(s, "SELECT p.name, x.kind FROM people p JOIN pets x ON x.owner = p.id ORDER BY x.pid"))
                .containsExactly(List.of("ann", "cat"), List.of("ann", "dog"), List.of("bob", "fish"));
        assertThat(rows(s, "SELECT p.name, x.kind FROM people p LEFT JOIN pets x ON x.owner = p.id WHERE p.id = 3"))
                .containsExactly(java.util.Arrays.asList("cy", null));
        assertThat(rows(s, "SELECT name FROM people WHERE id IN (SELECT owner FROM pets WHERE kind = 'fish')"))
                .containsExactly(List.of("bob"));
    }

    @Test
    void updateDeleteReplaceAndOnDuplicateKey() throws Exception {
        assertThat(SqlTestSupport.one(s, "UPDATE people SET age = age + 1 WHERE age IS NOT NULL").affectedRows())
                .isEqualTo(2);
        assertThat(scalar(s, "SELECT age FROM people WHERE name = 'bob'")).isEqualTo(26L);
        s.execute("REPLACE INTO people (id, name, age) VALUES (2, 'bobby', 9)");
        assertThat(rows(s, "SELECT name, age FROM people WHERE id = 2")).containsExactly(List.of("bobby", 9L));
        s.execute("INSERT INTO people (id, name) VALUES (1, 'x') ON DUPLICATE KEY UPDATE age = 99");
        assertThat(rows(s, "SELECT name, age FROM people WHERE id = 1")).containsExactly(List.of("ann", 99L));
        assertThat(SqlTestSupport.one(s, "DELETE FROM people WHERE id IN (1, 3)").affectedRows()).isEqualTo(2);
        assertThat(scalar(s, "SELECT COUNT(*) FROM people")).isEqualTo(1L);
    }

    @Test
    void ddlStatements() throws Exception {
        s.execute("CREATE TABLE IF NOT EXISTS people (x INT)");
        s.execute("CREATE TABLE k (a INT NOT NULL, b VARCHAR(5), c DOUBLE, PRIMARY KEY (a, b))");
        s.execute("ALTER TABLE k ADD COLUMN d TEXT");
        s.execute("ALTER TABLE k RENAME COLUMN c TO cc");
        s.execute("ALTER TABLE k DROP COLUMN d");
        s.execute("RENAME TABLE k TO kk");
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("kk"), List.of("people"));
        assertThat(rows(s, "DESCRIBE kk").stream().map(r -> r.get(0)).toList()).containsExactly("a", "b", "cc");
        String create = (String) SqlTestSupport.one(s, "SHOW CREATE TABLE kk").rows().get(0)[1];
        assertThat(create).contains("`cc` double", "PRIMARY KEY (`a`,`b`)");
        s.execute("DROP TABLE kk; DROP TABLE IF EXISTS nope");
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("people"));
        assertThat(rows(s, "SHOW COLUMNS FROM people")).hasSize(4);
    }

    @Test
    void errorsLookLikeMysql() {
        assertThatThrownBy(() -> s.execute("SELECT * FROM nope")).isInstanceOf(SqlException.class)
                .hasMessage("Table 'db1.nope' doesn't exist")
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1146));
        assertThatThrownBy(() -> s.execute("SELECT nope FROM people"))
                .hasMessage("Unknown column 'nope' in 'field list'");
        assertThatThrownBy(() -> s.execute("INSERT INTO people (id, name) VALUES (1, 'dup')"))
                .hasMessage("Duplicate entry '1' for key 'people.PRIMARY'")
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1062));
        assertThatThrownBy(() -> s.execute("INSERT INTO people (name, age) VALUES ('z', 'abc')"))
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1366));
        assertThatThrownBy(() -> s.execute("SELEC 1"))
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1064))
                .hasMessageContaining("near 'SELEC 1' at line 1");
    }

    @Test
    void variablesAndClientCompatibility() throws Exception {
        s.execute("SET NAMES utf8mb4; SET autocommit = 1; SET @@session.sql_mode = 'ANSI'; SET @x = 5");
        assertThat(rows(s, "SELECT @@version_comment, @@autocommit, @@session.sql_mode, @x"))
                .containsExactly(List.of("Cairn", 1L, "ANSI", 5L));
        assertThat(scalar(s, "SELECT database()")).isEqualTo("db1");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("main");
        assertThat(scalar(s, "SELECT now()")).isNotNull();
    }

    @Test
    void multiStatementSplittingRespectsQuotesAndComments() throws Exception {
        List<ResultSet> rs = s.execute("INSERT INTO people (name) VALUES ('a;b'); -- trailing; comment\n"
                + "SELECT name FROM people WHERE name = 'a;b' /* ; */;");
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).rows()).hasSize(1);
    }

    @Test
    void unknownProcedure() {
        assertThatThrownBy(() -> s.execute("CALL nope('x')")).hasMessage("PROCEDURE nope does not exist")
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1305));
    }
}
