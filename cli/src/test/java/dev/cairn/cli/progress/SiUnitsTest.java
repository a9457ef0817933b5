package dev.cairn.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiUnitsTest {
    @Test
    void bytesUseSiUnitsWithOneDecimal() {
        assertThat(SiUnits.bytes(0)).isEqualTo("0 B");
        assertThat(SiUnits.bytes(999)).isEqualTo("999 B");
        assertThat(SiUnits.bytes(1000)).isEqualTo("1.0 kB");
        assertThat(SiUnits.bytes(3100)).isEqualTo("3.1 kB");
        assertThat(SiUnits.bytes(3_549)).isEqualTo("3.5 kB");
        assertThat(SiUnits.bytes(1_200_000)).isEqualTo("1.2 MB");
        assertThat(SiUnits.bytes(7_250_000_000L)).isEqualTo("7.3 GB");
    }

    @Test
    void valuesThatWouldRoundTo1000MoveUpAUnit() {
        assertThat(SiUnits.bytes(999_960)).isEqualTo("1.0 MB");
        assertThat(SiUnits.bytes(999_940)).isEqualTo("999.9 kB");
    }

    @Test
    void ratesArePerSecondAndSurviveAnInstantTransfer() {
        assertThat(SiUnits.rate(1_200_000, 1_000_000_000L)).isEqualTo("1.2 MB/s");
        assertThat(SiUnits.rate(500, 500_000_000L)).isEqualTo("1.0 kB/s");
        assertThat(SiUnits.rate(1000, 0)).isEqualTo("1.0 MB/s");
    }
}
