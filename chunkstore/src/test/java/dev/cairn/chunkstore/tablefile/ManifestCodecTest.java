package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static Manifest sample() {
        Hash root = Hash.of("root".getBytes(StandardCharsets.UTF_8));
        return Manifest.next(root, List.of(
                new TableFileSummary(Hash.of(new byte[] {1}).toString(), 12, 34_567, 89_012),
                new TableFileSummary(Hash.of(new byte[] {2}).toString(), 1, 72, 3),
                new TableFileSummary(Hash.of(new byte[] {3}).toString(), 2_000_000, 5_000_000_000L, 9_000_000_000L)));
    }

    @Test
    void roundTrips() throws CorruptChunkException {
        Manifest m = sample();
        Manifest back = ManifestCodec.decode("manifest", ManifestCodec.encode(m));
        assertThat(back).isEqualTo(m);
        assertThat(back.tables()).containsExactlyElementsOf(m.tables());
    }

    @Test
    void roundTripsAnEmptyStore() throws CorruptChunkException {
        Manifest m = Manifest.next(Hash.EMPTY, List.of());
        assertThat(ManifestCodec.decode("manifest", ManifestCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void roundTripsTheGcGenerationAndItsSuccessorsKeepIt() throws CorruptChunkException {
        Manifest collected = sample().collected(sample().tables().subList(0, 1));
        assertThat(collected.gcGeneration()).isNotEmpty();
        assertThat(collected.root()).isEqualTo(sample().root());
        Manifest back = ManifestCodec.decode("manifest", ManifestCodec.encode(collected));
        assertThat(back).isEqualTo(collected);
        Manifest after = back.successor(Hash.EMPTY, List.of());
        assertThat(after.gcGeneration()).isEqualTo(collected.gcGeneration());
        assertThat(after.lockToken()).isNotEqualTo(collected.lockToken());
        assertThat(sample().collected(List.of()).gcGeneration()).isNotEqualTo(collected.gcGeneration());
    }

    @Test
    void aStoreNeverCollectedHasNoGcLine() {
        String text = new String(ManifestCodec.encode(sample()), StandardCharsets.UTF_8);
        assertThat(sample().gcGeneration()).isEmpty();
        assertThat(text).doesNotContain("\ngc ");
        assertThat(new String(ManifestCodec.encode(sample().collected(List.of())), StandardCharsets.UTF_8))
                .containsPattern("\nroot [0-9a-v]{32}\ngc \\S+\n");
    }

    @Test
    void isReadableText() {
        String text = new String(ManifestCodec.encode(sample()), StandardCharsets.UTF_8);
        assertThat(text).startsWith("cairn-manifest 1\nlock ").contains("\nroot ").contains("\ntable ")
                .containsPattern("\ncrc32c [0-9a-f]{8}\n$");
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] good = ManifestCodec.encode(sample());
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                int pos = i;
                int b = bit;
                assertThatThrownBy(() -> ManifestCodec.decode("manifest", bad))
                        .as("flip of bit %d at byte %d", b, pos)
                        .isInstanceOf(CorruptChunkException.class)
                        .satisfies(e -> assertThat(((CorruptChunkException) e).file()).isEqualTo("manifest"));
            }
        }
    }

    @Test
    void truncationIsDetected() {
        byte[] good = ManifestCodec.encode(sample());
        for (int len = 0; len < good.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            assertThatThrownBy(() -> ManifestCodec.decode("manifest", cut)).as("cut to %d bytes", len)
                    .isInstanceOf(CorruptChunkException.class);
        }
    }

    @Test
    void wellFormedButMeaninglessLinesAreRejected() {
        String body = "cairn-manifest 1\nlock x\nroot nothash\n";
        assertThatThrownBy(() -> ManifestCodec.decode("m", withCrc(body))).isInstanceOf(CorruptChunkException.class);
        String noRoot = "cairn-manifest 1\nlock x\n";
        assertThatThrownBy(() -> ManifestCodec.decode("m", withCrc(noRoot))).isInstanceOf(CorruptChunkException.class);
        String badTable = "cairn-manifest 1\nlock x\nroot " + Hash.EMPTY + "\ntable abc 1\n";
        assertThatThrownBy(() -> ManifestCodec.decode("m", withCrc(badTable)))
                .isInstanceOf(CorruptChunkException.class);
        String unknown = "cairn-manifest 1\nlock x\nroot " + Hash.EMPTY + "\nfrobnicate 1\n";
        assertThatThrownBy(() -> ManifestCodec.decode("m", withCrc(unknown)))
                .isInstanceOf(CorruptChunkException.class);
        String version2 = "cairn-manifest 2\nlock x\nroot " + Hash.EMPTY + "\n";
        assertThatThrownBy(() -> ManifestCodec.decode("m", withCrc(version2)))
                .isInstanceOf(CorruptChunkException.class);
    }

    private static byte[] withCrc(String body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        crc.update(b);
        return (body + "crc32c " + String.format("%08x", crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
