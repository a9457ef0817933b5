package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * SQL order of typed values, written independently of the codecs so that the
 * key tests compare the byte order against something the encoding did not
 * produce: NULL first, numbers by value (-0.0 equal to 0.0), strings by code
 * point (binary collation), blobs by unsigned bytes.
 */
final class TypedOrder {
    private TypedOrder() {
    }

    static int compare(SqlType t, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case FLOAT -> Float.compare((Float) a + 0.0f, (Float) b + 0.0f);
            case DOUBLE -> Double.compare((Double) a + 0.0, (Double) b + 0.0);
            case VARCHAR, CHAR, TEXT, JSON -> compareCodePoints((String) a, (String) b);
            case BLOB -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case DATETIME, TIMESTAMP -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
        };
    }

    static int compareTuples(List<SqlType> types, Object[] a, Object[] b) {
        for (int i = 0; i < types.size(); i++) {
            int c = compare(types.get(i), a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    /** Equality as the codecs preserve it: same SQL value, arrays by content. */
    static boolean sameValue(SqlType t, Object a, Object b) {
        return compare(t, a, b) == 0;
    }
}
