package dev.cairn.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import net.sf.jsqlparser.expression.Expression;
import org.junit.jupiter.api.Test;

class StatementTemplatesTest {
    private static String shape(String sql) {
        StatementTemplates.Lifted l = StatementTemplates.lift(sql);
        return l == null ? null : l.shape();
    }

    @Test
    void liftsComparedLiteralsOfTheWhereClause() {
        StatementTemplates.Lifted l = StatementTemplates.lift("SELECT * FROM t WHERE pk = 17 AND name <> 'x y'");
        assertThat(l.shape()).isEqualTo("SELECT * FROM t WHERE pk = ? AND name <> ?");
        assertThat(l.literals()).map(Expression::toString).containsExactly("17", "'x y'");
        assertThat(shape("select a from t where (a>=1 or b<=2) and c<3 and d!=4 order by a limit 5"))
                .isEqualTo("select a from t where (a>=? or b<=?) and c<? and d!=? order by a limit 5");
        assertThat(shape("SELECT * FROM t WHERE pk = 12")).isEqualTo(shape("SELECT * FROM t WHERE pk = 99999"));
    }

    @Test
    void leavesAloneWhatCouldChangeMeaningOrNames() {
        // the select list names the result columns; ORDER BY and GROUP BY numbers are positions
        assertThat(shape("SELECT a = 1 FROM t WHERE b = 2 ORDER BY a = 3")).isEqualTo(
                "SELECT a = 1 FROM t WHERE b = ? ORDER BY a = 3");
        assertThat(shape("SELECT a FROM t GROUP BY 1 HAVING count(*) > 1")).isNull();
        // numbers that are not plain integers, signed ones, long ones, escaped or adjacent strings
        assertThat(shape("SELECT * FROM t WHERE a = 1.5 AND b = 1e3 AND c = -2 AND d = 1234567890123456789"))
                .isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 'it''s'")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 'back\\\\slash'")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 'con' 'cat'")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 1 2")).isNull(); // "? 2" would read as the parameter ?2
        assertThat(shape("SELECT * FROM t WHERE a <=> 1")).isNull(); // JSqlParser reads <=> as a vector operator
        assertThat(shape("SELECT * FROM t WHERE a = DATE '2020-01-01' AND b = N'x' AND c IN (1, 2)")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = `5` AND b = \"6\"")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a BETWEEN 1 AND 2 AND b LIKE 'x%'")).isNull();
    }

    @Test
    void templatesNoStatementThatIsNotASimpleSelect() {
        assertThat(shape("UPDATE t SET a = 1 WHERE pk = 2")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 1 UNION SELECT * FROM t WHERE a = 2")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a IN (SELECT b FROM u WHERE c = 1)")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = 1 -- comment")).isNull();
        assertThat(shape("/* c */ SELECT * FROM t WHERE a = 1")).isNull();
        assertThat(shape("SELECT * FROM t WHERE a = ?")).isNull();
        assertThat(shape("(SELECT * FROM t WHERE a = 1)")).isNull();
    }

    @Test
    void aTemplateIsParsedOnceAndSharedWithItsLiterals() {
        StatementTemplates.Parsed a = StatementTemplates.parse("SELECT v FROM templ_t WHERE pk = 1");
        StatementTemplates.Parsed b = StatementTemplates.parse("SELECT v FROM templ_t WHERE pk = 2");
        assertThat(b.statement()).isSameAs(a.statement());
        assertThat(a.parameter(1)).hasToString("1");
        assertThat(b.parameter(1)).hasToString("2");
        assertThat(b.parameter(2)).isNull();
    }
}
