package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
    private static Schema people() {
        return Schema.builder()
                .column(Column.of("id", SqlType.BIGINT).notNull().withAutoIncrement(true))
                .column("name", "varchar(40)")
                .column(Column.of("score", SqlType.DOUBLE).withDefault("1.5"))
                .column(Column.of("created", SqlType.TIMESTAMP).withDefaultExpression("CURRENT_TIMESTAMP"))
                .column(Column.of("note", SqlType.TEXT))
                .primaryKey("ID")
                .build();
    }

    @Test
    void columnsAreNumberedInOrderAndLookedUpIgnoringCase() {
        Schema s = people();
        assertThat(s.columns()).extracting(Column::tag).containsExactly(0, 1, 2, 3, 4);
        assertThat(s.nextTag()).isEqualTo(5);
        assertThat(s.indexOf("NAME")).isEqualTo(1);
        assertThat(s.indexOf("nope")).isEqualTo(-1);
        assertThat(s.findColumn("Score")).map(Column::name).contains("score");
        assertThat(s.column("CREATED").type()).isEqualTo(SqlType.TIMESTAMP);
        assertThatThrownBy(() -> s.column("nope")).hasMessage("Unknown column 'nope'");
        assertThat(s.primaryKey()).containsExactly("id");
        assertThat(s.primaryKeyIndexes()).containsExactly(0);
        assertThat(s.valueIndexes()).containsExactly(1, 2, 3, 4);
        assertThat(s.autoIncrementColumn()).map(Column::name).contains("id");
        assertThat(s.isKeyless()).isFalse();
    }

    @Test
    void keyColumnsAreMadeNotNull() {
        Schema s = Schema.builder().column("a", "int").column("b", "varchar(3)").primaryKey("b", "a").build();
        assertThat(s.columns()).allMatch(c -> !c.nullable());
        assertThat(s.primaryKeyIndexes()).containsExactly(1, 0);
    }

    @Test
    void invalidDefinitionsFailWithMySqlsMessages() {
        assertThatThrownBy(() -> Schema.of(List.of(), List.of()))
                .isInstanceOf(SchemaException.class).hasMessage("A table must have at least 1 column");
        assertThatThrownBy(() -> Schema.builder().column("a", "int").column("A", "int").build())
                .hasMessage("Duplicate column name 'A'");
        assertThatThrownBy(() -> Schema.builder().column("a", "int").primaryKey("b").build())
                .hasMessage("Key column 'b' doesn't exist in table");
        assertThatThrownBy(() -> Schema.builder().column("a", "int").primaryKey("a", "A").build())
                .hasMessage("Duplicate column name 'A'");
        assertThatThrownBy(() -> Schema.builder().column("j", "json").primaryKey("j").build())
                .hasMessageContaining("JSON column 'j' supports indexing only via generated columns");
        assertThatThrownBy(() -> Schema.builder().column("t", "text").primaryKey("t").build())
                .hasMessage("BLOB/TEXT column 't' used in key specification without a key length");
        String autoMessage =
                "Incorrect table definition; there can be only one auto column and it must be defined as a key";
        assertThatThrownBy(() -> Schema.builder().column(Column.of("a", "int").withAutoIncrement(true)).build())
                .hasMessage(autoMessage);
        assertThatThrownBy(() -> Schema.builder().column(Column.of("a", "int").withAutoIncrement(true))
                .column(Column.of("b", "int").withAutoIncrement(true)).primaryKey("a", "b").build())
                .hasMessage(autoMessage);
        assertThatThrownBy(() -> Schema.builder().column("a", "int").column(Column.of("b", "int")
                .withAutoIncrement(true)).primaryKey("a", "b").build()).hasMessage(autoMessage);
        assertThatThrownBy(() -> Schema.builder().column(Column.of("a", "varchar(5)").withAutoIncrement(true))
                .primaryKey("a").build()).hasMessage("Incorrect column specifier for column 'a'");
        assertThatThrownBy(() -> Schema.builder().column(Column.of("a", "int").withAutoIncrement(true)
                .withDefault(1)).primaryKey("a").build()).hasMessage("Invalid default value for 'a'");
    }

    @Test
    void columnDefinitionsAreChecked() {
        assertThatThrownBy(() -> Column.of("", SqlType.INT)).hasMessage("Incorrect column name ''");
        assertThatThrownBy(() -> Column.of("a ", SqlType.INT)).hasMessage("Incorrect column name 'a '");
        assertThatThrownBy(() -> Column.of("x".repeat(65), SqlType.INT)).hasMessageContaining("is too long");
        assertThatThrownBy(() -> Column.of("n", SqlType.TINYINT).withDefault(1000))
                .hasMessage("Invalid default value for 'n'");
        assertThatThrownBy(() -> Column.of("t", SqlType.TEXT).withDefault("x"))
                .hasMessage("BLOB, TEXT, GEOMETRY or JSON column 't' can't have a default value");
        assertThat(Column.of("n", SqlType.decimal(5, 2)).withDefault("1.005").defaultValue())
                .isEqualTo(new BigDecimal("1.01"));
    }

    @Test
    void columnsRenderAsShowCreateTableDoes() {
        Schema s = people();
        assertThat(s.columns()).extracting(Column::toSql).containsExactly(
                "`id` bigint NOT NULL AUTO_INCREMENT",
                "`name` varchar(40) DEFAULT NULL",
                "`score` double DEFAULT '1.5'",
                "`created` timestamp NULL DEFAULT CURRENT_TIMESTAMP",
                "`note` text");
        assertThat(Column.of("it's", "char(3)").notNull().withDefault("a'b").toSql())
                .isEqualTo("`it's` char(3) NOT NULL DEFAULT 'a''b'");
        assertThat(Column.of("d", "datetime(3)").withDefault("2024-01-02 03:04:05").toSql())
                .isEqualTo("`d` datetime(3) DEFAULT '2024-01-02 03:04:05.000'");
        assertThat(Column.of("b", "boolean").withDefault(true).toSql()).isEqualTo("`b` tinyint(1) DEFAULT '1'");
    }

    @Test
    void addingAColumnTakesANewTagAndFixesWhatOldRowsRead() {
        Schema s = people().withColumnAdded(Column.of("level", SqlType.INT).notNull(), 1);
        Column level = s.column("level");
        assertThat(s.indexOf("level")).isEqualTo(1);
        assertThat(level.tag()).isEqualTo(5);
        assertThat(level.backfill()).isEqualTo(0L);
        assertThat(s.nextTag()).isEqualTo(6);
        Schema withDefault = s.withColumnAdded(Column.of("rank", "decimal(4,1)").withDefault("2.25"));
        assertThat(withDefault.column("rank").backfill()).isEqualTo(new BigDecimal("2.3"));
        Schema computed = s.withColumnAdded(Column.of("seen", "datetime").withDefaultExpression("NOW()"), 0,
                "2024-05-06 07:08:09");
        assertThat(computed.column("seen").backfill()).isEqualTo(LocalDateTime.of(2024, 5, 6, 7, 8, 9));
        assertThat(computed.indexOf("seen")).isZero();
        assertThatThrownBy(() -> s.withColumnAdded(Column.of("NAME", "int")))
                .hasMessage("Duplicate column name 'NAME'");
        assertThatThrownBy(() -> s.withColumnAdded(Column.of("k", "int").withAutoIncrement(true)))
                .isInstanceOf(SchemaException.class);
    }

    @Test
    void droppedTagsAreNeverReused() {
        Schema s = people().withColumnDropped("NOTE");
        assertThat(s.findColumn("note")).isEmpty();
        assertThat(s.nextTag()).isEqualTo(5);
        Schema again = s.withColumnAdded(Column.of("note", SqlType.TEXT));
        assertThat(again.column("note").tag()).isEqualTo(5);
        assertThatThrownBy(() -> s.withColumnDropped("nope"))
                .hasMessage("Can't DROP 'nope'; check that column/key exists");
        assertThatThrownBy(() -> s.withColumnDropped("id")).hasMessageContaining("part of the primary key");
        Schema one = Schema.builder().column("a", "int").build();
        assertThatThrownBy(() -> one.withColumnDropped("a"))
                .hasMessage("You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
    }

    @Test
    void renamingKeepsTheTagAndUpdatesTheKey() {
        Schema s = people().withColumnRenamed("ID", "person_id").withColumnRenamed("name", "Name");
        assertThat(s.column("person_id").tag()).isZero();
        assertThat(s.primaryKey()).containsExactly("person_id");
        assertThat(s.column("name").name()).isEqualTo("Name");
        assertThatThrownBy(() -> s.withColumnRenamed("name", "score")).hasMessage("Duplicate column name 'score'");
        assertThatThrownBy(() -> s.withColumnRenamed("zzz", "y")).hasMessage("Unknown column 'zzz'");
    }

    @Test
    void encodingRoundTripsAndIsDeterministic() {
        Schema s = people().withColumnAdded(Column.of("flag", "bool").notNull().withDefault("true"))
                .withColumnAdded(Column.of("blobby", "blob").notNull()).withColumnDropped("score")
                .withColumnAdded(Column.of("amount", "decimal(30,10)").withDefault("-12345678901234567890.5"))
                .withColumnRenamed("name", "full_name");
        byte[] bytes = s.encode();
        Schema back = Schema.decode(bytes);
        assertThat(back).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(back.encode()).isEqualTo(bytes);
        assertThat((byte[]) back.column("blobby").backfill()).isEmpty();
        assertThat(back.column("amount").defaultValue()).isEqualTo(new BigDecimal("-12345678901234567890.5000000000"));
        assertThat(back.nextTag()).isEqualTo(s.nextTag());
        // Built twice, independently: same bytes.
        assertThat(people().encode()).isEqualTo(people().encode());
    }

    @Test
    void randomSchemasRoundTrip() {
        RandomValues rv = new RandomValues(11);
        for (int round = 0; round < 300; round++) {
            SchemaBuilder b = Schema.builder();
            int n = 1 + rv.random().nextInt(8);
            for (int i = 0; i < n; i++) {
                SqlType t = rv.type();
                Column c = Column.of("c" + i, t).withNullable(rv.random().nextBoolean());
                boolean lob = t.kind() == SqlType.Kind.TEXT || t.kind() == SqlType.Kind.BLOB
                        || t.kind() == SqlType.Kind.JSON;
                if (!lob && rv.random().nextInt(3) == 0) {
                    Object v = rv.value(t, 0);
                    try {
                        c = c.withDefault(v);
                    } catch (SchemaException e) {
                        // the random value does not fit this column; keep it without a default
                    }
                }
                b.column(c);
            }
            if (rv.random().nextBoolean()) {
                SqlType first = rv.type();
                if (first.kind() != SqlType.Kind.TEXT && first.kind() != SqlType.Kind.BLOB
                        && first.kind() != SqlType.Kind.JSON) {
                    b.column(Column.of("k", first));
                    b.primaryKey("k");
                }
            }
            Schema s = b.build();
            Schema back = Schema.decode(s.encode());
            assertThat(back).isEqualTo(s);
            assertThat(back.encode()).isEqualTo(s.encode());
        }
    }

    @Test
    void corruptEncodingsAreRejected() {
        byte[] good = people().encode();
        assertThatThrownBy(() -> Schema.decode(new byte[] {1, 2, 3})).hasMessage("not a stored schema");
        byte[] future = good.clone();
        future[2] = 9;
        assertThatThrownBy(() -> Schema.decode(future)).hasMessage("unsupported schema format version 9");
        for (int cut = 3; cut < good.length; cut++) {
            byte[] shortened = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> Schema.decode(shortened)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
