package dev.cairn.remotes.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressFormatTest {
    @Test
    void sizesUseSiUnitsTheWayDoltShowsThem() {
        assertThat(ProgressFormat.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressFormat.bytes(9)).isEqualTo("9 B");
        assertThat(ProgressFormat.bytes(14)).isEqualTo("14 B");
        assertThat(ProgressFormat.bytes(999)).isEqualTo("999 B");
        assertThat(ProgressFormat.bytes(1_000)).isEqualTo("1.0 kB");
        assertThat(ProgressFormat.bytes(3_100)).isEqualTo("3.1 kB");
        assertThat(ProgressFormat.bytes(3_549)).isEqualTo("3.5 kB");
        assertThat(ProgressFormat.bytes(14_000)).isEqualTo("14 kB");
        assertThat(ProgressFormat.bytes(1_200_000)).isEqualTo("1.2 MB");
        assertThat(ProgressFormat.bytes(82_854_982)).isEqualTo("83 MB");
        assertThat(ProgressFormat.bytes(5_000_000_000L)).isEqualTo("5.0 GB");
    }

    @Test
    void uploadAndDownloadLines() {
        assertThat(ProgressFormat.uploaded(3_100, 3_100, Duration.ofNanos(2_583_333)))
                .isEqualTo("Uploaded 3.1 kB of 3.1 kB @ 1.2 MB/s.");
        assertThat(ProgressFormat.downloaded(14, 3_500, Duration.ofNanos(3_500_000)))
                .isEqualTo("Downloaded 14 chunks, 3.5 kB @ 1.0 MB/s.");
        assertThat(ProgressFormat.uploaded(new SyncProgress(3, 3, 0, 0, Duration.ZERO)))
                .isEqualTo("Uploaded 0 B of 0 B @ 0 B/s.");
        assertThat(ProgressFormat.downloaded(new SyncProgress(1, 1, 2_000, 2_000, Duration.ofSeconds(1))))
                .isEqualTo("Downloaded 1 chunk, 2.0 kB @ 2.0 kB/s.");
    }
}
