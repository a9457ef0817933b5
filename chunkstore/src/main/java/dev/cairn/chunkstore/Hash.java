package dev.cairn.chunkstore;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The address of a chunk: the first 20 bytes of the SHA-512 of its bytes.
 *
 * <p>An immutable value type held as three primitive words, so that equality,
 * ordering and hashing never touch an array. The text form is 32 characters of
 * base32 with the alphabet {@code 0-9a-v} (160 bits, 5 per character, no
 * padding); it sorts in the same order as the bytes.
 */
public final class Hash implements Comparable<Hash> {
    /** Length of a hash in bytes. */
    public static final int BYTE_LENGTH = 20;
    /** Length of the text form in characters. */
    public static final int STRING_LENGTH = 32;

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final byte[] DECODE = new byte[128];
    private static final ThreadLocal<MessageDigest> SHA512 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java runtime", e);
        }
    });

    static {
        Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = (byte) i;
        }
    }

    /** The hash of no chunk: twenty zero bytes. Used as the root of an empty store. */
    public static final Hash EMPTY = new Hash(0, 0, 0);

    private final long w1;
    private final long w2;
    private final int w3;

    private Hash(long w1, long w2, int w3) {
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** Hashes {@code data}: the first 20 bytes of its SHA-512. */
    public static Hash of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Hashes {@code len} bytes of {@code data} from {@code off}. */
    public static Hash of(byte[] data, int off, int len) {
        MessageDigest md = SHA512.get();
        md.update(data, off, len);
        return fromBytes(md.digest(), 0);
    }

    /** Hashes the remaining bytes of {@code data}, leaving its position at its limit. */
    public static Hash of(ByteBuffer data) {
        MessageDigest md = SHA512.get();
        md.update(data);
        return fromBytes(md.digest(), 0);
    }

    /** Reads a hash from the 20 bytes of {@code raw} starting at {@code off}. */
    public static Hash fromBytes(byte[] raw, int off) {
        if (raw.length - off < BYTE_LENGTH) {
            throw new IllegalArgumentException("a hash needs " + BYTE_LENGTH + " bytes, got " + (raw.length - off));
        }
        ByteBuffer b = ByteBuffer.wrap(raw, off, BYTE_LENGTH);
        return new Hash(b.getLong(), b.getLong(), b.getInt());
    }

    /** Reads a hash from the next 20 bytes of {@code buf}, advancing its position. */
    public static Hash read(ByteBuffer buf) {
        return new Hash(buf.getLong(), buf.getLong(), buf.getInt());
    }

    /** Parses the 32-character text form. */
    public static Hash parse(CharSequence s) {
        if (s.length() != STRING_LENGTH) {
            throw new IllegalArgumentException("invalid hash '" + s + "': expected " + STRING_LENGTH + " characters");
        }
        byte[] out = new byte[BYTE_LENGTH];
        int bits = 0;
        int pos = 0;
        int acc = 0;
        for (int i = 0; i < STRING_LENGTH; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid hash '" + s + "': character '" + c + "' is not in 0-9a-v");
            }
            acc = (acc << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[pos++] = (byte) (acc >>> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return fromBytes(out, 0);
    }

    /** Returns true if {@code s} is a well-formed text hash. */
    public static boolean isHash(CharSequence s) {
        if (s.length() != STRING_LENGTH) {
            return false;
        }
        for (int i = 0; i < STRING_LENGTH; i++) {
            char c = s.charAt(i);
            if (c >= 128 || DECODE[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first eight bytes as a long: what table-file indexes sort and search by. */
    public long prefix() {
        return w1;
    }

    public boolean isEmpty() {
        return w1 == 0 && w2 == 0 && w3 == 0;
    }

    /** Writes the 20 bytes into {@code buf} at its position. */
    public void writeTo(ByteBuffer buf) {
        buf.putLong(w1).putLong(w2).putInt(w3);
    }

    /** Writes the 20 bytes into {@code dst} at {@code off}. */
    public void writeTo(byte[] dst, int off) {
        writeTo(ByteBuffer.wrap(dst, off, BYTE_LENGTH));
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTE_LENGTH];
        writeTo(out, 0);
        return out;
    }

    @Override
    public String toString() {
        byte[] raw = toBytes();
        char[] out = new char[STRING_LENGTH];
        int bits = 0;
        int acc = 0;
        int pos = 0;
        for (byte b : raw) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[pos++] = ALPHABET[(acc >>> bits) & 31];
            }
            acc &= (1 << bits) - 1;
        }
        return new String(out);
    }

    @Override
    public int compareTo(Hash o) {
        int c = Long.compareUnsigned(w1, o.w1);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w2, o.w2);
        return c != 0 ? c : Integer.compareUnsigned(w3, o.w3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash && equalsHash((Hash) o);
    }

    private boolean equalsHash(Hash h) {
        return w1 == h.w1 && w2 == h.w2 && w3 == h.w3;
    }

    @Override
    public int hashCode() {
        // The bits are uniformly distributed already.
        return (int) (w1 >>> 32);
    }
}
