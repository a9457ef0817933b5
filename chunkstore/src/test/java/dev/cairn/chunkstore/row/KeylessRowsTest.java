package dev.cairn.chunkstore.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeylessRowsTest {
    private static final RowCodec CODEC = RowCodec.of(Schema.builder().column("a", "int").column("b", "text").build());

    @Test
    void duplicatesShareAnEntryAndCountUpAndDown() {
        EncodedRow row = CODEC.encode(new Object[] {5L, "dup"});
        byte[] three = KeylessRows.adjust(KeylessRows.adjust(row.value(), 1), 1);
        assertThat(KeylessRows.cardinality(three)).isEqualTo(3);
        assertThat(KeylessRows.keyOf(three)).isEqualTo(row.key());
        assertThat(CODEC.decode(row.key(), three)).containsExactly(5L, "dup");
        byte[] two = KeylessRows.adjust(three, -1);
        assertThat(KeylessRows.cardinality(two)).isEqualTo(2);
        assertThat(KeylessRows.adjust(two, -2)).isNull();
        assertThatThrownBy(() -> KeylessRows.adjust(two, -3)).hasMessageContaining("cannot remove 3 copies");
    }

    @Test
    void largeCountsChangeThePrefixLengthButNotTheKeyOrRow() {
        EncodedRow row = CODEC.encode(new Object[] {null, "x"});
        for (long n : new long[] {127, 128, 16384, Long.MAX_VALUE}) {
            byte[] v = KeylessRows.withCardinality(row.value(), n);
            assertThat(KeylessRows.cardinality(v)).isEqualTo(n);
            assertThat(CODEC.cardinality(v)).isEqualTo(n);
            assertThat(KeylessRows.keyOf(v)).isEqualTo(row.key());
            assertThat(CODEC.decode(row.key(), v)).containsExactly(null, "x");
            assertThat(KeylessRows.withCardinality(v, 1)).isEqualTo(row.value());
        }
        assertThatThrownBy(() -> KeylessRows.withCardinality(row.value(), 0)).hasMessageContaining("at least 1");
    }
}
