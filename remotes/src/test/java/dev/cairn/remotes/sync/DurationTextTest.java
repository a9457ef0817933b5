package dev.cairn.remotes.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsTheFormsPeopleTypeInSettings() {
        assertThat(DurationText.parse("0s")).isZero();
        assertThat(DurationText.parse("0")).isZero();
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse(" 1h30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "5", "m", "-1s", "5 m", "1.5h", "5mm", "10x"}) {
            assertThatThrownBy(() -> DurationText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration");
        }
    }

    @Test
    void formatsShortestFirstAndReadsBack() {
        assertThat(DurationText.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(Duration.ofMillis(1_500))).isEqualTo("1s500ms");
        assertThat(DurationText.parse(DurationText.format(Duration.ofSeconds(3_725)))).isEqualTo(Duration.ofSeconds(3_725));
    }
}
