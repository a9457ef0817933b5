package dev.cairn.chunkstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTest {

    private static List<Hash> hashes(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Hash.of(("child " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void childrenAndPayloadRoundTrip() {
        for (int n : new int[] {0, 1, 2, 127, 128, 300}) {
            List<Hash> children = hashes(n);
            byte[] payload = ("payload " + n).getBytes(StandardCharsets.UTF_8);
            Chunk c = Chunk.create(children, payload);
            assertThat(c.children()).isEqualTo(children);
            assertThat(c.payload()).isEqualTo(payload);
            List<Hash> visited = new ArrayList<>();
            c.forEachChild(visited::add);
            assertThat(visited).isEqualTo(children);

            Chunk back = Chunk.fromBytes(c.data().clone());
            assertThat(back).isEqualTo(c);
            assertThat(back.hash()).isEqualTo(c.hash());
            assertThat(back.children()).isEqualTo(children);
            assertThat(back.payload()).isEqualTo(payload);
        }
    }

    @Test
    void layoutIsVersionVarintChildrenPayload() {
        List<Hash> children = hashes(200); // 200 needs a two-byte varint
        Chunk c = Chunk.create(children, new byte[] {7, 8});
        byte[] d = c.data();
        assertThat(d[0]).isEqualTo(Chunk.FORMAT_VERSION);
        assertThat(d[1] & 0xff).isEqualTo((200 & 0x7f) | 0x80);
        assertThat(d[2]).isEqualTo((byte) (200 >>> 7));
        assertThat(Arrays.copyOfRange(d, 3, 23)).isEqualTo(children.get(0).toBytes());
        assertThat(c.payloadOffset()).isEqualTo(3 + 200 * 20);
        assertThat(c.size()).isEqualTo(3 + 200 * 20 + 2);
        assertThat(c.hash()).isEqualTo(Hash.of(d));
    }

    @Test
    void leafHasNoChildrenAndAnEmptyPayloadIsAllowed() {
        Chunk empty = Chunk.leaf(new byte[0]);
        assertThat(empty.children()).isEmpty();
        assertThat(empty.payload()).isEmpty();
        assertThat(empty.data()).containsExactly(Chunk.FORMAT_VERSION, 0);
    }

    @Test
    void childrenArePartOfIdentity() {
        byte[] payload = {1, 2, 3};
        Chunk a = Chunk.create(hashes(1), payload);
        Chunk b = Chunk.create(List.of(), payload);
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a).isNotEqualTo(b);
        assertThat(Chunk.leaf(payload)).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void payloadIsACopy() {
        Chunk c = Chunk.leaf(new byte[] {1, 2, 3});
        c.payload()[0] = 9;
        assertThat(c.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void fromBytesRejectsMalformedHeaders() {
        byte[] twoChildren = Chunk.create(hashes(2), new byte[0]).data();
        List<byte[]> bad = List.of(
                new byte[0], // no header at all
                new byte[] {2, 0}, // unknown version
                new byte[] {0, 0}, // unknown version
                new byte[] {1}, // no child count
                new byte[] {1, (byte) 0x80}, // varint cut short
                new byte[] {1, 1}, // one child declared, none present
                new byte[] {1, 1, 5, 5, 5}, // one child declared, 3 bytes present
                Arrays.copyOf(twoChildren, twoChildren.length - 1), // second child cut short
                new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // negative count
                new byte[] {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}, // varint too long
                new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}); // huge count
        for (byte[] b : bad) {
            assertThatThrownBy(() -> Chunk.fromBytes(b)).as("fromBytes(%s)", Arrays.toString(b))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fromBytesAcceptsWellFormedHeaders() {
        Chunk c = Chunk.fromBytes(new byte[] {1, 0, 42});
        assertThat(c.children()).isEmpty();
        assertThat(c.payload()).containsExactly(42);
        // A non-minimal varint still decodes; what matters is that the hash covers the bytes as stored.
        Chunk padded = Chunk.fromBytes(new byte[] {1, (byte) 0x80, 0, 42});
        assertThat(padded.children()).isEmpty();
        assertThat(padded.payload()).containsExactly(42);
        assertThat(padded.hash()).isNotEqualTo(c.hash());
    }
}
