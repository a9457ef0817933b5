package dev.cairn.chunkstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashTest {
    private static final Random RANDOM = new Random(42);

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    void ofEmptyIsTheFirstTwentyBytesOfSha512() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-512").digest(new byte[0]);
        assertThat(Hash.of(new byte[0]).toBytes()).isEqualTo(Arrays.copyOf(sha, 20));
        // Pinned so a change to the digest or the byte order shows up here, not in old stores.
        assertThat(sha[0]).isEqualTo((byte) 0xcf);
        assertThat(sha[1]).isEqualTo((byte) 0x83);
    }

    @Test
    void ofMatchesSha512ForArbitraryBytesAndSlices() throws Exception {
        byte[] data = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
        byte[] sha = MessageDigest.getInstance("SHA-512").digest(data);
        assertThat(Hash.of(data).toBytes()).isEqualTo(Arrays.copyOf(sha, 20));
        byte[] padded = new byte[data.length + 6];
        System.arraycopy(data, 0, padded, 3, data.length);
        assertThat(Hash.of(padded, 3, data.length)).isEqualTo(Hash.of(data));
    }

    @Test
    void textFormRoundTrips() {
        for (int i = 0; i < 1000; i++) {
            Hash h = Hash.of(randomBytes(16));
            String s = h.toString();
            assertThat(s).hasSize(Hash.STRING_LENGTH).matches("[0-9a-v]{32}");
            assertThat(Hash.isHash(s)).isTrue();
            assertThat(Hash.parse(s)).isEqualTo(h);
        }
    }

    @Test
    void textFormOfExtremes() {
        assertThat(Hash.EMPTY.toString()).isEqualTo("0".repeat(32));
        assertThat(Hash.parse("0".repeat(32))).isEqualTo(Hash.EMPTY);
        byte[] ones = new byte[20];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(Hash.fromBytes(ones, 0).toString()).isEqualTo("v".repeat(32));
        assertThat(Hash.parse("v".repeat(32)).toBytes()).isEqualTo(ones);
    }

    @Test
    void textFormIsBase32WithFiveBitsPerCharacter() {
        byte[] raw = new byte[20];
        raw[0] = (byte) 0b00001_000; // first character 1
        raw[19] = 0b000_00011; // last character 3
        assertThat(Hash.fromBytes(raw, 0).toString()).isEqualTo("1" + "0".repeat(30) + "3");
    }

    @Test
    void invalidTextIsRejected() {
        String good = Hash.of(new byte[] {1}).toString();
        for (String bad : List.of("", good.substring(1), good + "0", good.substring(1) + "w",
                good.substring(1) + "A", good.substring(1) + "-", good.substring(1) + "\u00e9",
                good.substring(1) + " ", good.toUpperCase())) {
            if (bad.equals(good)) {
                continue;
            }
            assertThat(Hash.isHash(bad)).as("isHash(%s)", bad).isFalse();
            assertThatThrownBy(() -> Hash.parse(bad)).as("parse(%s)", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fromBytesNeedsTwentyBytes() {
        assertThatThrownBy(() -> Hash.fromBytes(new byte[19], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hash.fromBytes(new byte[25], 6)).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = randomBytes(25);
        assertThat(Hash.fromBytes(raw, 5).toBytes()).isEqualTo(Arrays.copyOfRange(raw, 5, 25));
    }

    @Test
    void orderingMatchesUnsignedByteOrderAndTextOrder() {
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            hashes.add(Hash.fromBytes(randomBytes(20), 0));
        }
        // Hashes that differ only late, and in bytes with the high bit set, catch signed comparisons.
        byte[] a = new byte[20];
        byte[] b = new byte[20];
        b[19] = (byte) 0x80;
        hashes.add(Hash.fromBytes(a, 0));
        hashes.add(Hash.fromBytes(b, 0));
        byte[] c = new byte[20];
        c[8] = (byte) 0xff;
        hashes.add(Hash.fromBytes(c, 0));
        for (Hash x : hashes) {
            for (Hash y : hashes.subList(0, 50)) {
                int bytes = Integer.signum(Arrays.compareUnsigned(x.toBytes(), y.toBytes()));
                assertThat(Integer.signum(x.compareTo(y))).isEqualTo(bytes);
                assertThat(Integer.signum(x.toString().compareTo(y.toString()))).isEqualTo(bytes);
            }
        }
    }

    @Test
    void prefixIsTheFirstEightBytesBigEndian() {
        byte[] raw = new byte[20];
        for (int i = 0; i < 20; i++) {
            raw[i] = (byte) (0xf0 + i);
        }
        assertThat(Hash.fromBytes(raw, 0).prefix()).isEqualTo(0xf0f1f2f3f4f5f6f7L);
    }

    @Test
    void equalsAndHashCode() {
        byte[] raw = randomBytes(20);
        Hash h1 = Hash.fromBytes(raw, 0);
        Hash h2 = Hash.parse(h1.toString());
        assertThat(h1).isEqualTo(h2).hasSameHashCodeAs(h2);
        assertThat(h1.compareTo(h2)).isZero();
        for (int i = 0; i < 20; i++) {
            byte[] other = raw.clone();
            other[i] ^= 1;
            assertThat(Hash.fromBytes(other, 0)).as("differs in byte %d", i).isNotEqualTo(h1);
        }
        assertThat(h1).isNotEqualTo(h1.toString()).isNotEqualTo(null);
    }

    @Test
    void emptyIsTwentyZeroBytes() {
        assertThat(Hash.EMPTY.isEmpty()).isTrue();
        assertThat(Hash.EMPTY.toBytes()).isEqualTo(new byte[20]);
        assertThat(Hash.of(new byte[0]).isEmpty()).isFalse();
    }
}
