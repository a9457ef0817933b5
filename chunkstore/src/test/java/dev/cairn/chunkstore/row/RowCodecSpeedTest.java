package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bulk-load budget is 200k rows/s end to end, tree and hashing included,
 * so encoding and decoding the benchmark row must take well under a
 * microsecond. The bound asserted here is loose (the machine is shared and
 * the JIT may be cold); the printed figure is the one to watch.
 */
class RowCodecSpeedTest {
    private static final Schema SCHEMA = Schema.builder().column("id", "bigint").column("name", "varchar(40)")
            .column("score", "double").column("note", "text").primaryKey("id").build();

    @Test
    void benchmarkRowEncodesAndDecodesWellUnderAMicrosecond() {
        RowCodec codec = RowCodec.of(SCHEMA);
        int n = 4096;
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new Object[] {(long) i * 7919, "name-" + i + "-abcdefghij", i * 0.25,
                "a note of about sixty characters, row " + i + ", padded out...."};
        }
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 40; round++) {
            long start = System.nanoTime();
            for (Object[] row : rows) {
                EncodedRow e = codec.encode(row);
                Object[] back = codec.decode(e.key(), e.value());
                sink += e.value().length + ((String) back[3]).length();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        System.out.printf("row encode+decode: %.0f ns/row (best of 40 rounds of %d rows)%n", best, n);
        assertThat(sink).isPositive();
        assertThat(best).isLessThan(5_000);
    }

    @Test
    void coercingTheBenchmarkRowIsCheapToo() {
        Object[] input = {42L, "name-42-abcdefghij", 10.5, "a note of about sixty characters, row 42, padded out...."};
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 40; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 4096; i++) {
                for (int c = 0; c < input.length; c++) {
                    sink += SCHEMA.column(c).coerce(input[c]).hashCode();
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 4096.0);
        }
        System.out.printf("row coerce: %.0f ns/row%n", best);
        assertThat(sink).isNotZero();
        assertThat(best).isLessThan(5_000);
    }
}
