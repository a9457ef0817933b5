package dev.cairn.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatterTest {
    private final ResultSet rs = ResultSet.of(
            List.of(new ResultColumn("id", SqlType.BIGINT), new ResultColumn("name", SqlType.TEXT),
                    new ResultColumn("price", SqlType.decimal(5, 2))),
            List.of(new Object[] {1L, "a, \"b\"", new BigDecimal("1.50")}, new Object[] {22L, null, null}));

    @Test
    void tabularLooksLikeTheMysqlClient() {
        assertThat(new TabularFormatter().format(rs)).isEqualTo("""
                +----+--------+-------+
                | id | name   | price |
                +----+--------+-------+
                |  1 | a, "b" |  1.50 |
                | 22 | NULL   | NULL  |
                +----+--------+-------+
                """);
    }

    @Test
    void csvQuotesPerRfc4180AndLeavesNullEmpty() {
        assertThat(new CsvFormatter().format(rs)).isEqualTo("id,name,price\n1,\"a, \"\"b\"\"\",1.50\n22,,\n");
    }

    @Test
    void jsonHasRowsLikeDolt() {
        assertThat(new JsonFormatter().format(rs))
                .isEqualTo("{\"rows\":[{\"id\":1,\"name\":\"a, \\\"b\\\"\",\"price\":1.50},{\"id\":22}]}\n");
    }

    @Test
    void resultsWithoutColumnsPrintNothing() {
        assertThat(ResultFormatter.forName("tabular").format(ResultSet.ok(1, 0))).isEmpty();
    }
}
