package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowCodecTest {
    private static final Schema PEOPLE = Schema.builder()
            .column("id", "bigint").column("name", "varchar(40)").column("score", "double").column("note", "text")
            .primaryKey("id").build();

    private static void assertSameRow(Schema s, Object[] expected, Object[] actual) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            SqlType t = s.column(i).type();
            assertThat(TypedOrder.sameValue(t, expected[i], actual[i]))
                    .as("column %s: %s vs %s", s.column(i).name(), expected[i], actual[i]).isTrue();
            if (expected[i] instanceof BigDecimal d) {
                assertThat(actual[i]).isEqualTo(d); // same scale too
            }
        }
    }

    private static Schema randomSchema(RandomValues rv, boolean keyless) {
        SchemaBuilder b = Schema.builder();
        int n = 1 + rv.random().nextInt(7);
        List<String> key = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SqlType t = rv.type();
            b.column("c" + i, t);
            boolean indexable = t.kind() != SqlType.Kind.TEXT && t.kind() != SqlType.Kind.BLOB
                    && t.kind() != SqlType.Kind.JSON;
            if (!keyless && indexable && (key.isEmpty() || rv.random().nextInt(3) == 0)) {
                key.add("c" + i);
            }
        }
        return b.primaryKey(key.toArray(new String[0])).build();
    }

    private static Object[] randomRow(RandomValues rv, Schema s) {
        Object[] row = new Object[s.columnCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = rv.value(s.column(i).type(), s.isPrimaryKey(i) ? 0 : 0.2);
        }
        return row;
    }

    @Test
    void randomRowsOfRandomSchemasRoundTrip() {
        RandomValues rv = new RandomValues(21);
        for (int round = 0; round < 400; round++) {
            Schema s = randomSchema(rv, round % 4 == 0);
            RowCodec codec = RowCodec.of(s);
            for (int i = 0; i < 50; i++) {
                Object[] row = randomRow(rv, s);
                EncodedRow e = codec.encode(row);
                assertThat(e.key()).isEqualTo(codec.encodeKey(row));
                assertThat(e.value()).isEqualTo(codec.encodeValue(row));
                assertSameRow(s, row, codec.decode(e.key(), e.value()));
            }
        }
    }

    @Test
    void keyedRowsUseTheKeyTupleAndACompactValue() {
        RowCodec codec = RowCodec.of(PEOPLE);
        Object[] row = {42L, "Ada Lovelace", 99.5, "n".repeat(60)};
        EncodedRow e = codec.encode(row);
        assertThat(e.key()).isEqualTo(codec.keyCodec().encode(42L));
        assertThat(codec.decodeKey(e.key())).containsExactly(42L);
        // slot count, bitmap, then three length-prefixed fields
        assertThat(e.value()).hasSize(1 + 1 + (1 + 12) + (1 + 8) + (1 + 60));
        assertThat(codec.decode(e.key(), e.value())).containsExactly(42L, "Ada Lovelace", 99.5, "n".repeat(60));
        assertThat(codec.cardinality(e.value())).isEqualTo(1);
    }

    @Test
    void nullsCostOnlyABit() {
        RowCodec codec = RowCodec.of(PEOPLE);
        byte[] value = codec.encodeValue(new Object[] {1L, null, null, null});
        assertThat(value).containsExactly(4, 0);
        assertThat(codec.decode(codec.encodeKey(new Object[] {1L, null, null, null}), value))
                .containsExactly(1L, null, null, null);
    }

    @Test
    void longValuesGetLongerLengthPrefixes() {
        RowCodec codec = RowCodec.of(PEOPLE);
        for (int len : new int[] {126, 127, 128, 129, 16383, 16384, 65535}) {
            Object[] row = {1L, "x", 2.0, "\u00e9".repeat(len / 2) + "a".repeat(len % 2)};
            EncodedRow e = codec.encode(row);
            assertThat(codec.decode(e.key(), e.value())).containsExactly(row);
        }
    }

    @Test
    void decodeIntoAReusedRowOverwritesEveryColumn() {
        RowCodec codec = RowCodec.of(PEOPLE);
        EncodedRow full = codec.encode(new Object[] {1L, "a", 1.0, "b"});
        EncodedRow sparse = codec.encode(new Object[] {2L, null, null, "c"});
        Object[] row = new Object[4];
        codec.decode(full.key(), full.value(), row);
        codec.decode(sparse.key(), sparse.value(), row);
        assertThat(row).containsExactly(2L, null, null, "c");
    }

    @Test
    void uncoercedButEquivalentValuesStillEncode() {
        Schema s = Schema.builder().column("f", "float").column("d", "decimal(10,0)").column("x", "double")
                .primaryKey("f").build();
        RowCodec codec = RowCodec.of(s);
        EncodedRow e = codec.encode(new Object[] {1.5, new BigDecimal("1E+3"), 2.5f});
        assertThat(codec.decode(e.key(), e.value())).containsExactly(1.5f, new BigDecimal("1000"), 2.5);
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        RowCodec codec = RowCodec.of(PEOPLE);
        assertThatThrownBy(() -> codec.encode(new Object[] {1L})).hasMessage("table has 4 columns, row has 1");
    }

    @Test
    void addedColumnsReadAsTheirBackfillInOldRowsAndAsWrittenInNewOnes() {
        RowCodec v1 = RowCodec.of(PEOPLE);
        EncodedRow old = v1.encode(new Object[] {1L, "old", 1.0, "x"});
        Schema s2 = PEOPLE.withColumnAdded(Column.of("level", "int").notNull())
                .withColumnAdded(Column.of("rank", "varchar(5)").withDefault("mid"), 0)
                .withColumnAdded(Column.of("maybe", "date"));
        RowCodec v2 = RowCodec.of(s2);
        assertThat(v2.decode(old.key(), old.value())).containsExactly("mid", 1L, "old", 1.0, "x", 0L, null);
        // A new row that stores NULL must read NULL, not the default.
        EncodedRow fresh = v2.encode(new Object[] {null, 2L, "new", 2.0, null, 7L, null});
        assertThat(v2.decode(fresh.key(), fresh.value())).containsExactly(null, 2L, "new", 2.0, null, 7L, null);
    }

    @Test
    void droppedColumnsAreSkippedAndNeverResurrected() {
        RowCodec v1 = RowCodec.of(PEOPLE);
        EncodedRow old = v1.encode(new Object[] {1L, "gone", 3.5, "kept"});
        Schema dropped = PEOPLE.withColumnDropped("name");
        assertThat(RowCodec.of(dropped).decode(old.key(), old.value())).containsExactly(1L, 3.5, "kept");
        Schema readded = dropped.withColumnAdded(Column.of("name", "varchar(40)"));
        assertThat(RowCodec.of(readded).decode(old.key(), old.value())).containsExactly(1L, 3.5, "kept", null);
        // Rows written after the drop leave the old slot empty.
        EncodedRow after = RowCodec.of(dropped).encode(new Object[] {2L, 4.5, "n"});
        assertThat(v1.decode(after.key(), after.value())).containsExactly(2L, null, 4.5, "n");
    }

    @Test
    void renamedAndMovedColumnsKeepTheirValues() {
        EncodedRow old = RowCodec.of(PEOPLE).encode(new Object[] {1L, "ann", 3.5, "n"});
        Schema s = PEOPLE.withColumnRenamed("name", "full_name").withColumnAdded(Column.of("extra", "int"), 0);
        assertThat(RowCodec.of(s).decode(old.key(), old.value())).containsExactly(null, 1L, "ann", 3.5, "n");
    }

    @Test
    void evolutionSurvivesRandomAlterSequences() {
        RandomValues rv = new RandomValues(23);
        for (int round = 0; round < 60; round++) {
            Schema s = randomSchema(rv, round % 3 == 0);
            List<Object[]> written = new ArrayList<>();
            List<EncodedRow> stored = new ArrayList<>();
            List<Schema> writtenWith = new ArrayList<>();
            for (int step = 0; step < 12; step++) {
                Object[] row = randomRow(rv, s);
                written.add(row);
                stored.add(RowCodec.of(s).encode(row));
                writtenWith.add(s);
                int[] values = s.isKeyless() ? allIndexes(s) : s.valueIndexes();
                if (values.length > 1 && rv.random().nextInt(3) == 0) {
                    s = s.withColumnDropped(s.column(values[rv.random().nextInt(values.length)]).name());
                } else if (rv.random().nextInt(3) == 0 && values.length > 0) {
                    String old = s.column(values[0]).name();
                    s = s.withColumnRenamed(old, old + "_r");
                } else {
                    s = s.withColumnAdded(Column.of("a" + step, rv.type()), rv.random().nextInt(s.columnCount() + 1));
                }
            }
            RowCodec now = RowCodec.of(s);
            for (int i = 0; i < written.size(); i++) {
                Object[] decoded = now.decode(stored.get(i).key(), stored.get(i).value());
                for (int c = 0; c < s.columnCount(); c++) {
                    Column col = s.column(c);
                    int then = indexOfTag(writtenWith.get(i), col.tag());
                    Object expected = then >= 0 ? written.get(i)[then] : col.backfill();
                    assertThat(TypedOrder.sameValue(col.type(), expected, decoded[c]))
                            .as("round %d row %d column %s", round, i, col.name()).isTrue();
                }
            }
        }
    }

    private static int indexOfTag(Schema s, int tag) {
        for (int i = 0; i < s.columnCount(); i++) {
            if (s.column(i).tag() == tag) {
                return i;
            }
        }
        return -1;
    }

    private static int[] allIndexes(Schema s) {
        int[] all = new int[s.columnCount()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    @Test
    void keylessRowsAreKeyedByTheHashOfTheirValues() {
        Schema s = Schema.builder().column("a", "int").column("b", "varchar(5)").build();
        RowCodec codec = RowCodec.of(s);
        EncodedRow one = codec.encode(new Object[] {1L, "x"});
        EncodedRow same = codec.encode(new Object[] {1L, "x"});
        EncodedRow other = codec.encode(new Object[] {1L, "y"});
        assertThat(one.key()).hasSize(KeylessRows.KEY_LENGTH).isEqualTo(same.key()).isNotEqualTo(other.key());
        assertThat(one.key()).isEqualTo(Hash.of(Arrays.copyOfRange(one.value(), 1, one.value().length)).toBytes());
        assertThat(KeylessRows.keyOf(one.value())).isEqualTo(one.key());
        assertThat(codec.cardinality(one.value())).isEqualTo(1);
        assertThat(codec.decode(one.key(), one.value())).containsExactly(1L, "x");
        assertThatThrownBy(codec::keyCodec).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedValuesAreRejected() {
        RowCodec codec = RowCodec.of(PEOPLE);
        EncodedRow e = codec.encode(new Object[] {1L, "abc", 1.0, "def"});
        for (int cut = 0; cut < e.value().length; cut++) {
            byte[] shortened = Arrays.copyOf(e.value(), cut);
            assertThatThrownBy(() -> codec.decode(e.key(), shortened)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(e.value(), e.value().length + 1);
        assertThatThrownBy(() -> codec.decode(e.key(), longer)).hasMessageContaining("malformed value tuple");
    }
}
