package dev.cairn.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.progress.TransferProgress.Direction;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TransferProgressTest {
    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long now = 5_000 * MS;
    }

    private final FakeClock clock = new FakeClock();
    private final StringWriter text = new StringWriter();

    private TransferProgress progress(Direction d, long bytes, long chunks, boolean live) {
        return new TransferProgress(d, bytes, chunks, new PrintWriter(text), live, () -> clock.now);
    }

    @Test
    void notATerminalPrintsOnlyTheUploadSummary() {
        TransferProgress p = progress(Direction.UPLOAD, 3100, 4, false);
        for (int i = 0; i < 4; i++) {
            clock.now += 500 * MS;
            p.advance(775, 1);
        }
        assertThat(text.toString()).isEmpty();
        clock.now += 583 * MS; // 3100 B in 2.583 s is 1.2 kB/s
        p.finish();
        p.finish();
        assertThat(text.toString()).isEqualTo("Uploaded 3.1 kB of 3.1 kB @ 1.2 kB/s.\n");
    }

    @Test
    void downloadSummaryCountsChunks() {
        TransferProgress p = progress(Direction.DOWNLOAD, -1, -1, false);
        p.advance(3500, 14);
        clock.now += 3500 * MS / 1000; // 3.5 ms: 1.0 MB/s
        p.close();
        assertThat(text.toString()).isEqualTo("Downloaded 14 chunks, 3.5 kB @ 1.0 MB/s.\n");
    }

    @Test
    void onATerminalRedrawsInPlaceAtMostTenTimesASecond() {
        TransferProgress p = progress(Direction.UPLOAD, 10_000, 100, true);
        for (int i = 0; i < 100; i++) {
            clock.now += 10 * MS; // one second in all, in 10 ms steps
            p.advance(100, 1);
        }
        String drawn = text.toString();
        long redraws = drawn.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isEqualTo(10);
        assertThat(drawn).doesNotContain("\n").startsWith("\rUploading 100 B of 10 kB, 1 of 100 chunks @ ");
        p.finish();
        String last = text.toString().substring(text.toString().lastIndexOf('\r') + 1);
        assertThat(last).endsWith("\n");
        assertThat(last.strip()).isEqualTo("Uploaded 10 kB of 10 kB @ 10 kB/s.");
    }

    @Test
    void liveDownloadLineShowsChunksThenBytesOfTheTotals() {
        TransferProgress p = progress(Direction.DOWNLOAD, 3500, 14, true);
        clock.now += 1000 * MS;
        p.advance(1000, 4);
        assertThat(text.toString()).isEqualTo("\rDownloading 4 of 14 chunks, 1.0 kB of 3.5 kB @ 1.0 kB/s");
    }

    @Test
    void aShorterLineBlanksTheRestOfTheLongerOne() {
        TransferProgress p = progress(Direction.DOWNLOAD, 2_000_000, 2_000, true); // live line names the totals
        p.advance(999_000, 1000);
        clock.now += 200 * MS;
        p.finish();
        String[] draws = text.toString().split("\r");
        assertThat(draws[2].stripTrailing().length()).isLessThan(draws[1].length());
        assertThat(draws[2].length()).isGreaterThanOrEqualTo(draws[1].length());
    }
}
