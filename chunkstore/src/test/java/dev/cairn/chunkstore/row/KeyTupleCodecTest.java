package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTupleCodecTest {
    private static final List<SqlType> ALL_TYPES = List.of(SqlType.TINYINT, SqlType.SMALLINT, SqlType.INT,
            SqlType.BIGINT, SqlType.decimal(10, 2), SqlType.decimal(65, 30), SqlType.decimal(1, 0), SqlType.FLOAT,
            SqlType.DOUBLE, SqlType.varchar(10), SqlType.character(5), SqlType.TEXT, SqlType.BLOB, SqlType.BOOLEAN,
            SqlType.DATE, SqlType.DATETIME, SqlType.datetime(6), SqlType.timestamp(3), SqlType.JSON);

    /** A tuple with its encoding, for sorting by bytes. */
    private record Encoded(Object[] values, byte[] bytes) {
    }

    /**
     * Sorts by encoded bytes and checks that each neighbour pair is in SQL
     * order, with equal bytes exactly when the values are equal. Together with
     * the sort this makes byte order and typed order the same total order.
     */
    private static void assertOrderMatches(List<SqlType> types, List<Object[]> tuples) {
        KeyTupleCodec codec = new KeyTupleCodec(types);
        List<Encoded> enc = new ArrayList<>();
        for (Object[] t : tuples) {
            enc.add(new Encoded(t, codec.encode(t)));
        }
        enc.sort(Comparator.comparing(Encoded::bytes, Arrays::compareUnsigned));
        for (int i = 1; i < enc.size(); i++) {
            Encoded a = enc.get(i - 1);
            Encoded b = enc.get(i);
            int typed = TypedOrder.compareTuples(types, a.values(), b.values());
            int bytes = Arrays.compareUnsigned(a.bytes(), b.bytes());
            assertThat(Integer.signum(typed)).as("%s vs %s in %s", Arrays.deepToString(a.values()),
                    Arrays.deepToString(b.values()), types).isEqualTo(Integer.signum(bytes));
        }
    }

    private static void assertRoundTrips(List<SqlType> types, Object[] tuple) {
        KeyTupleCodec codec = new KeyTupleCodec(types);
        Object[] back = codec.decode(codec.encode(tuple));
        for (int i = 0; i < types.size(); i++) {
            assertThat(TypedOrder.sameValue(types.get(i), tuple[i], back[i]))
                    .as("%s of %s decoded as %s", types.get(i), Arrays.deepToString(tuple), Arrays.deepToString(back))
                    .isTrue();
            if (tuple[i] != null) {
                assertThat(back[i]).isInstanceOf(types.get(i).javaType());
            }
        }
    }

    @Test
    void byteOrderIsSqlOrderForEveryTypeWithNulls() {
        RandomValues rv = new RandomValues(1);
        for (SqlType t : ALL_TYPES) {
            List<Object[]> tuples = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                tuples.add(new Object[] {rv.value(t, 0.05)});
            }
            assertOrderMatches(List.of(t), tuples);
        }
    }

    @Test
    void byteOrderIsSqlOrderForRandomCompositeKeys() {
        RandomValues rv = new RandomValues(2);
        for (int round = 0; round < 150; round++) {
            List<SqlType> types = new ArrayList<>();
            int width = 2 + rv.random().nextInt(3);
            for (int i = 0; i < width; i++) {
                types.add(rv.type());
            }
            List<Object[]> tuples = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Object[] t = new Object[width];
                for (int c = 0; c < width; c++) {
                    // Small value pools make ties in leading columns, so later columns get compared.
                    t[c] = c < width - 1 && i > 0 && rv.random().nextInt(3) > 0
                            ? tuples.get(rv.random().nextInt(i))[c] : rv.value(types.get(c), 0.1);
                }
                tuples.add(t);
            }
            assertOrderMatches(types, tuples);
            for (Object[] t : tuples.subList(0, 50)) {
                assertRoundTrips(types, t);
            }
        }
    }

    @Test
    void everyTypeRoundTrips() {
        RandomValues rv = new RandomValues(3);
        for (SqlType t : ALL_TYPES) {
            for (int i = 0; i < 2000; i++) {
                assertRoundTrips(List.of(t), new Object[] {rv.value(t, 0.05)});
            }
        }
    }

    @Test
    void stringsWithNulAndPrefixesSortInsideCompositeKeys() {
        List<SqlType> types = List.of(SqlType.varchar(10), SqlType.INT);
        KeyTupleCodec codec = new KeyTupleCodec(types);
        byte[] a = codec.encode("a", 9);
        byte[] aNul = codec.encode("a\0", 0);
        byte[] ab = codec.encode("ab", 0);
        assertThat(Arrays.compareUnsigned(a, aNul)).isNegative();
        assertThat(Arrays.compareUnsigned(aNul, ab)).isNegative();
        assertThat(codec.decode(aNul)).containsExactly("a\0", 0L);
        assertThat(codec.encode("", 1)).startsWith(1, 0, 1);
    }

    @Test
    void blobsWithZeroBytesRoundTripAndSort() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.BLOB, SqlType.BLOB));
        byte[][] blobs = {{}, {0}, {0, 0}, {0, 1}, {0, (byte) 0xFF}, {1}, {(byte) 0xFF}};
        for (int i = 1; i < blobs.length; i++) {
            byte[] lo = codec.encode(blobs[i - 1], new byte[] {(byte) 0xFF});
            byte[] hi = codec.encode(blobs[i], new byte[0]);
            assertThat(Arrays.compareUnsigned(lo, hi)).as("%s < %s", Arrays.toString(blobs[i - 1]),
                    Arrays.toString(blobs[i])).isNegative();
            assertThat((byte[]) codec.decode(hi)[0]).isEqualTo(blobs[i]);
        }
    }

    @Test
    void decimalsCompareByValueWhateverTheirScale() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.decimal(10, 2)));
        String[] ascending = {"-1000", "-10.25", "-10", "-2", "-1.5", "-0.001", "0", "0.00", "0.001", "1.5", "2",
            "2.000", "10", "10.25", "100", "1E+3"};
        for (int i = 1; i < ascending.length; i++) {
            BigDecimal lo = new BigDecimal(ascending[i - 1]);
            BigDecimal hi = new BigDecimal(ascending[i]);
            int bytes = Integer.signum(Arrays.compareUnsigned(codec.encode(lo), codec.encode(hi)));
            assertThat(bytes).as("%s vs %s", lo, hi).isEqualTo(Integer.signum(lo.compareTo(hi)));
        }
        RandomValues rv = new RandomValues(4);
        List<Object[]> tuples = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            tuples.add(new Object[] {rv.anyDecimal()});
        }
        assertOrderMatches(List.of(SqlType.decimal(65, 30)), tuples);
    }

    @Test
    void decimalsDecodeAtTheColumnScale() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.decimal(10, 2)));
        assertThat(codec.decode(codec.encode(new BigDecimal("12.50")))[0]).isEqualTo(new BigDecimal("12.50"));
        assertThat(codec.decode(codec.encode(new BigDecimal("0.00")))[0]).isEqualTo(new BigDecimal("0.00"));
        assertThat(codec.decode(codec.encode(new BigDecimal("-300.00")))[0]).isEqualTo(new BigDecimal("-300.00"));
    }

    @Test
    void extremesOfEachNumericTypeSortAtTheEnds() {
        KeyTupleCodec longs = new KeyTupleCodec(List.of(SqlType.BIGINT));
        assertThat(Arrays.compareUnsigned(longs.encode(Long.MIN_VALUE), longs.encode(-1L))).isNegative();
        assertThat(Arrays.compareUnsigned(longs.encode(-1L), longs.encode(0L))).isNegative();
        assertThat(Arrays.compareUnsigned(longs.encode(0L), longs.encode(Long.MAX_VALUE))).isNegative();
        assertThat(Arrays.compareUnsigned(longs.encode((Object) null), longs.encode(Long.MIN_VALUE))).isNegative();
        KeyTupleCodec doubles = new KeyTupleCodec(List.of(SqlType.DOUBLE));
        double[] ascending = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_VALUE, 0,
            Double.MIN_VALUE, 1, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(Arrays.compareUnsigned(doubles.encode(ascending[i - 1]), doubles.encode(ascending[i])))
                    .isNegative();
        }
    }

    @Test
    void negativeZeroIsZeroAndNaNIsRefused() {
        KeyTupleCodec doubles = new KeyTupleCodec(List.of(SqlType.DOUBLE));
        assertThat(doubles.encode(-0.0)).isEqualTo(doubles.encode(0.0));
        assertThat(doubles.decode(doubles.encode(-0.0))[0]).isEqualTo(0.0);
        KeyTupleCodec floats = new KeyTupleCodec(List.of(SqlType.FLOAT));
        assertThat(floats.encode(-0.0f)).isEqualTo(floats.encode(0.0f));
        assertThatThrownBy(() -> doubles.encode(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> floats.encode(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreCompact() {
        assertThat(new KeyTupleCodec(List.of(SqlType.BIGINT)).encode(5L)).hasSize(9);
        assertThat(new KeyTupleCodec(List.of(SqlType.INT)).encode(5L)).hasSize(5);
        assertThat(new KeyTupleCodec(List.of(SqlType.varchar(10))).encode("abc")).hasSize(6);
        assertThat(new KeyTupleCodec(List.of(SqlType.decimal(10, 2))).encode(new BigDecimal("12.50"))).hasSize(5);
    }

    @Test
    void leadingValuesEncodeAPrefixOfTheFullKey() {
        List<SqlType> types = List.of(SqlType.varchar(10), SqlType.decimal(8, 3), SqlType.DATE);
        KeyTupleCodec codec = new KeyTupleCodec(types);
        byte[] full = codec.encode("x\0y", new BigDecimal("-1.250"), LocalDate.of(2024, 2, 29));
        assertThat(full).startsWith(codec.encode("x\0y"));
        assertThat(full).startsWith(codec.encode("x\0y", new BigDecimal("-1.25")));
        // A prefix is not a full key.
        assertThatThrownBy(() -> codec.decode(codec.encode("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intsOfAnyBoxedWidthEncodeAlikeButOutOfRangeIsRefused() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.TINYINT));
        assertThat(codec.encode(5)).isEqualTo(codec.encode(5L));
        assertThat(codec.decode(codec.encode((byte) -128))[0]).isEqualTo(-128L);
        assertThatThrownBy(() -> codec.encode(128L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range for tinyint");
    }

    @Test
    void datetimesKeepMicroseconds() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.datetime(6)));
        LocalDateTime t = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
        assertThat(codec.decode(codec.encode(t))[0]).isEqualTo(t);
        LocalDateTime max = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
        assertThat(codec.decode(codec.encode(max))[0]).isEqualTo(max);
    }

    @Test
    void malformedKeysAreRejectedWithoutOddExceptions() {
        KeyTupleCodec codec = new KeyTupleCodec(List.of(SqlType.varchar(10), SqlType.BIGINT));
        byte[] good = codec.encode("abc", 7L);
        for (int cut = 0; cut < good.length; cut++) {
            byte[] shortKey = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> codec.decode(shortKey)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> codec.decode(longer)).hasMessageContaining("after the last column");
        byte[] badHeader = good.clone();
        badHeader[0] = 7;
        assertThatThrownBy(() -> codec.decode(badHeader)).hasMessageContaining("field header");
    }
}
