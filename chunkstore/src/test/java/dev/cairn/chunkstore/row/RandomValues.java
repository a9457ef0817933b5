package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

/**
 * Values of each type in its Java form, biased towards the cases encodings
 * get wrong: extremes, zero and negative zero, NUL characters, strings that
 * are prefixes of each other, characters on both sides of the UTF-16
 * surrogate range, decimals of many scales.
 */
final class RandomValues {
    /** Few distinct characters, so that generated strings often share prefixes. */
    private static final String[] PIECES = {"", "a", "b", "\0", " ", "\u00e9", "\u20ac", "\uffff", "\ue000",
        new String(Character.toChars(0x1F600)), new String(Character.toChars(0x10000)), "\u007f", "\u0080", "z"};
    private static final byte[] BYTES = {0, 1, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x7F, 'a'};

    private final Random random;

    RandomValues(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A random value of {@code t}, NULL with probability {@code nullChance}. */
    Object value(SqlType t, double nullChance) {
        if (random.nextDouble() < nullChance) {
            return null;
        }
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> integer(t);
            case BOOLEAN -> random.nextBoolean();
            case DECIMAL -> decimal(t.precision(), t.scale());
            case FLOAT -> floatValue();
            case DOUBLE -> doubleValue();
            case VARCHAR, CHAR, TEXT -> string(6);
            case JSON -> "{\"k\":" + random.nextInt(100) + "}";
            case BLOB -> blob(6);
            case DATE -> LocalDate.ofEpochDay(randomBetween(LocalDate.of(1, 1, 1).toEpochDay(),
                    LocalDate.of(9999, 12, 31).toEpochDay()));
            case DATETIME, TIMESTAMP -> datetime(t.fsp());
        };
    }

    long integer(SqlType t) {
        long min = t.minValue();
        long max = t.maxValue();
        return switch (random.nextInt(6)) {
            case 0 -> List.of(min, max, 0L, -1L, 1L, min + 1, max - 1).get(random.nextInt(7));
            case 1 -> random.nextInt(21) - 10;
            default -> randomBetween(min, max);
        };
    }

    long randomBetween(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return random.nextLong();
        }
        return min + (long) (random.nextDouble() * (max - min + 1.0));
    }

    /** A DECIMAL(p,s) value with scale exactly s. */
    BigDecimal decimal(int p, int s) {
        int digits = 1 + random.nextInt(p);
        BigInteger unscaled;
        switch (random.nextInt(5)) {
            case 0 -> unscaled = BigInteger.TEN.pow(p).subtract(BigInteger.ONE); // all nines
            case 1 -> unscaled = BigInteger.valueOf(random.nextInt(3));
            default -> unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        }
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, s);
    }

    /** A decimal with any scale, not tied to a column type. */
    BigDecimal anyDecimal() {
        int digits = 1 + random.nextInt(40);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (random.nextInt(4) == 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(random.nextInt(5)));
        }
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, random.nextInt(60) - 20);
    }

    float floatValue() {
        return switch (random.nextInt(4)) {
            case 0 -> List.of(0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                    1.0f, -1.0f, Float.MIN_NORMAL).get(random.nextInt(9));
            case 1 -> (random.nextInt(2001) - 1000) / 8.0f;
            default -> {
                float f;
                do {
                    f = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(f));
                yield f;
            }
        };
    }

    double doubleValue() {
        return switch (random.nextInt(4)) {
            case 0 -> List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                    1.0, -1.0, Double.MIN_NORMAL).get(random.nextInt(9));
            case 1 -> (random.nextInt(2001) - 1000) / 8.0;
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
        };
    }

    String string(int maxPieces) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    byte[] blob(int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = BYTES[random.nextInt(BYTES.length)];
        }
        return b;
    }

    LocalDateTime datetime(int fsp) {
        long lo = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        long hi = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(java.time.ZoneOffset.UTC);
        long secs = random.nextInt(4) == 0 ? random.nextInt(3) - 1 : randomBetween(lo, hi);
        int unit = (int) Math.pow(10, 9 - fsp);
        int nanos = random.nextInt(1_000_000_000 / unit) * unit;
        return LocalDateTime.ofEpochSecond(secs, nanos, java.time.ZoneOffset.UTC);
    }

    /** One of every type, with random parameters. */
    SqlType type() {
        return switch (random.nextInt(16)) {
            case 0 -> SqlType.TINYINT;
            case 1 -> SqlType.SMALLINT;
            case 2 -> SqlType.INT;
            case 3 -> SqlType.BIGINT;
            case 4 -> {
                int p = 1 + random.nextInt(SqlType.MAX_DECIMAL_PRECISION);
                yield SqlType.decimal(p, random.nextInt(Math.min(p, SqlType.MAX_DECIMAL_SCALE) + 1));
            }
            case 5 -> SqlType.FLOAT;
            case 6 -> SqlType.DOUBLE;
            case 7 -> SqlType.varchar(1 + random.nextInt(100));
            case 8 -> SqlType.character(1 + random.nextInt(100));
            case 9 -> SqlType.TEXT;
            case 10 -> SqlType.BLOB;
            case 11 -> SqlType.BOOLEAN;
            case 12 -> SqlType.DATE;
            case 13 -> SqlType.datetime(random.nextInt(7));
            case 14 -> SqlType.timestamp(random.nextInt(7));
            default -> SqlType.JSON;
        };
    }
}
