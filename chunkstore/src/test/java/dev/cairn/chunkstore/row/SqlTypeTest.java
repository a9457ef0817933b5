package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTypeTest {
    @Test
    void parsesMySqlSpellingsToTheTypeShowCreateTablePrints() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("INT", "int"), Map.entry("integer", "int"), Map.entry("int(11)", "int"),
                Map.entry("Int Signed", "int"), Map.entry("BIGINT", "bigint"), Map.entry("bigint(20)", "bigint"),
                Map.entry("TINYINT", "tinyint"), Map.entry("tinyint(4)", "tinyint"), Map.entry("SMALLINT", "smallint"),
                Map.entry("DECIMAL", "decimal(10,0)"), Map.entry("DECIMAL(10,2)", "decimal(10,2)"),
                Map.entry("decimal( 7 )", "decimal(7,0)"), Map.entry("NUMERIC(5, 5)", "decimal(5,5)"),
                Map.entry("DEC(65,30)", "decimal(65,30)"), Map.entry("FIXED(3,1)", "decimal(3,1)"),
                Map.entry("FLOAT", "float"), Map.entry("FLOAT(24)", "float"), Map.entry("FLOAT(25)", "double"),
                Map.entry("DOUBLE", "double"), Map.entry("DOUBLE PRECISION", "double"),
                Map.entry("double   precision", "double"), Map.entry("REAL", "double"),
                Map.entry("VARCHAR(40)", "varchar(40)"), Map.entry("character varying(3)", "varchar(3)"),
                Map.entry("CHAR", "char(1)"), Map.entry("CHAR(10)", "char(10)"), Map.entry("character(2)", "char(2)"),
                Map.entry("TEXT", "text"), Map.entry("BLOB", "blob"), Map.entry("BOOL", "tinyint(1)"),
                Map.entry("BOOLEAN", "tinyint(1)"), Map.entry("tinyint(1)", "tinyint(1)"), Map.entry("DATE", "date"),
                Map.entry("DATETIME", "datetime"), Map.entry("datetime(6)", "datetime(6)"),
                Map.entry("TIMESTAMP", "timestamp"), Map.entry("timestamp(3)", "timestamp(3)"),
                Map.entry("JSON", "json"), Map.entry("  varchar ( 255 )  ", "varchar(255)"));
        cases.forEach((text, name) -> assertThat(SqlType.parse(text).sqlName()).as(text).isEqualTo(name));
    }

    @Test
    void sqlNameParsesBackToTheSameType() {
        RandomValues rv = new RandomValues(7);
        for (int i = 0; i < 500; i++) {
            SqlType t = rv.type();
            assertThat(SqlType.parse(t.sqlName())).isEqualTo(t);
        }
    }

    @Test
    void booleanIsTinyint1() {
        assertThat(SqlType.parse("BOOLEAN")).isEqualTo(SqlType.BOOLEAN);
        assertThat(SqlType.parse("tinyint(1)")).isEqualTo(SqlType.BOOLEAN);
        assertThat(SqlType.BOOLEAN.javaType()).isEqualTo(Boolean.class);
    }

    @Test
    void parametersAreExposedPerKind() {
        SqlType d = SqlType.parse("decimal(12,4)");
        assertThat(d.precision()).isEqualTo(12);
        assertThat(d.scale()).isEqualTo(4);
        assertThat(d.length()).isZero();
        assertThat(SqlType.parse("varchar(9)").length()).isEqualTo(9);
        assertThat(SqlType.parse("datetime(3)").fsp()).isEqualTo(3);
        assertThat(SqlType.INT.minValue()).isEqualTo(Integer.MIN_VALUE);
        assertThat(SqlType.TINYINT.maxValue()).isEqualTo(127);
    }

    @Test
    void badTypeTextFailsWithAMessageNamingIt() {
        assertThatThrownBy(() -> SqlType.parse("VARCHAR")).isInstanceOf(SchemaException.class)
                .hasMessage("VARCHAR needs a length, as in VARCHAR(255)");
        assertThatThrownBy(() -> SqlType.parse("varchar(16384)")).hasMessageContaining("max = 16383");
        assertThatThrownBy(() -> SqlType.parse("char(256)")).hasMessageContaining("max = 255");
        assertThatThrownBy(() -> SqlType.parse("decimal(66,2)"))
                .hasMessage("Too-big precision 66 specified. Maximum is 65.");
        assertThatThrownBy(() -> SqlType.parse("decimal(40,31)"))
                .hasMessage("Too big scale 31 specified. Maximum is 30.");
        assertThatThrownBy(() -> SqlType.parse("decimal(2,3)")).hasMessageContaining("M must be >= D");
        assertThatThrownBy(() -> SqlType.parse("datetime(7)")).hasMessageContaining("Maximum is 6");
        assertThatThrownBy(() -> SqlType.parse("int unsigned")).hasMessageContaining("UNSIGNED is not supported");
        assertThatThrownBy(() -> SqlType.parse("MEDIUMINT")).hasMessage("unsupported column type 'MEDIUMINT'");
        assertThatThrownBy(() -> SqlType.parse("text(10)")).hasMessageContaining("takes no parameters");
        assertThatThrownBy(() -> SqlType.parse("float(10,2)")).hasMessageContaining("FLOAT(M,D) is not supported");
        for (String bad : new String[] {"", "  ", "int(", "int()", "int(1,2,3)", "varchar(4", "int(1)(2)", "(5)",
            "int 5", "int(-1)", "varchar(99999999999)"}) {
            assertThatThrownBy(() -> SqlType.parse(bad)).as("'%s'", bad).isInstanceOf(SchemaException.class);
        }
    }

    @Test
    void equalityIsByKindAndParameters() {
        assertThat(SqlType.varchar(10)).isEqualTo(SqlType.parse("varchar(10)")).hasSameHashCodeAs(SqlType.varchar(10));
        assertThat(SqlType.varchar(10)).isNotEqualTo(SqlType.varchar(11));
        assertThat(SqlType.varchar(10)).isNotEqualTo(SqlType.character(10));
        assertThat(SqlType.datetime(0)).isEqualTo(SqlType.DATETIME);
    }

    @Test
    void kindCodesAreStable() {
        // Stored schemas hold these numbers; changing one breaks every existing database.
        assertThat(SqlType.Kind.TINYINT.code()).isEqualTo(1);
        assertThat(SqlType.Kind.DECIMAL.code()).isEqualTo(5);
        assertThat(SqlType.Kind.VARCHAR.code()).isEqualTo(8);
        assertThat(SqlType.Kind.JSON.code()).isEqualTo(16);
    }
}
