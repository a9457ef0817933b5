package dev.cairn.chunkstore.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Fixed-width big-endian reads and writes on byte arrays, compiled to single loads and stores. */
final class BigEndian {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    static void putLong(byte[] b, int pos, long v) {
        LONG.set(b, pos, v);
    }

    static long getLong(byte[] b, int pos) {
        return (long) LONG.get(b, pos);
    }

    static void putInt(byte[] b, int pos, int v) {
        INT.set(b, pos, v);
    }

    static int getInt(byte[] b, int pos) {
        return (int) INT.get(b, pos);
    }

    static void putShort(byte[] b, int pos, short v) {
        SHORT.set(b, pos, v);
    }

    static short getShort(byte[] b, int pos) {
        return (short) SHORT.get(b, pos);
    }
}
