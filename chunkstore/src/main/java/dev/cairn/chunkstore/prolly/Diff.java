package dev.cairn.chunkstore.prolly;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One difference between two maps, from an older map to a newer one.
 * {@code oldValue} is null when the key was added, {@code newValue} when it was removed.
 */
public record Diff(Kind kind, byte[] key, byte[] oldValue, byte[] newValue) {
    public enum Kind {
        ADDED, REMOVED, MODIFIED
    }

    public static Diff added(byte[] key, byte[] newValue) {
        return new Diff(Kind.ADDED, key, null, newValue);
    }

    public static Diff removed(byte[] key, byte[] oldValue) {
        return new Diff(Kind.REMOVED, key, oldValue, null);
    }

    public static Diff modified(byte[] key, byte[] oldValue, byte[] newValue) {
        return new Diff(Kind.MODIFIED, key, oldValue, newValue);
    }

    /** Compares contents, not array identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Diff d && kind == d.kind && Arrays.equals(key, d.key) && Arrays.equals(oldValue, d.oldValue)
                && Arrays.equals(newValue, d.newValue);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * kind.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(oldValue))
                + Arrays.hashCode(newValue);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return kind + " " + hex.formatHex(key) + (oldValue != null ? " old=" + hex.formatHex(oldValue) : "")
                + (newValue != null ? " new=" + hex.formatHex(newValue) : "");
    }
}
