package dev.cairn.sql.server;

import dev.cairn.chunkstore.row.SqlType;

/**
 * How a Cairn column type is described on the wire: MySQL's type code, display length in
 * bytes, flags, decimals and character set, as MySQL 8 reports them for the same column.
 */
record ColumnTypes(int type, long length, int flags, int decimals, int charset) {
    /** Decimals value MySQL uses for floating-point columns: "not fixed". */
    private static final int NOT_FIXED_DEC = 31;

    static ColumnTypes of(SqlType t) {
        if (t == null) {
            return new ColumnTypes(Protocol.TYPE_VAR_STRING, 1024, 0, NOT_FIXED_DEC, Protocol.UTF8MB4_0900_AI_CI);
        }
        int num = Protocol.NUM_FLAG;
        int bin = Protocol.BINARY_FLAG;
        int utf8 = Protocol.UTF8MB4_0900_AI_CI;
        int binary = Protocol.BINARY;
        return switch (t.kind()) {
            case TINYINT -> new ColumnTypes(Protocol.TYPE_TINY, 4, num, 0, binary);
            case BOOLEAN -> new ColumnTypes(Protocol.TYPE_TINY, 1, num, 0, binary);
            case SMALLINT -> new ColumnTypes(Protocol.TYPE_SHORT, 6, num, 0, binary);
            case INT -> new ColumnTypes(Protocol.TYPE_LONG, 11, num, 0, binary);
            case BIGINT -> new ColumnTypes(Protocol.TYPE_LONGLONG, 20, num, 0, binary);
            case DECIMAL -> new ColumnTypes(Protocol.TYPE_NEWDECIMAL,
                    t.precision() + (t.scale() > 0 ? 2 : 1), num, t.scale(), binary);
            case FLOAT -> new ColumnTypes(Protocol.TYPE_FLOAT, 12, num, NOT_FIXED_DEC, binary);
            case DOUBLE -> new ColumnTypes(Protocol.TYPE_DOUBLE, 22, num, NOT_FIXED_DEC, binary);
            case VARCHAR -> new ColumnTypes(Protocol.TYPE_VAR_STRING, 4L * t.length(), 0, 0, utf8);
            case CHAR -> new ColumnTypes(Protocol.TYPE_STRING, 4L * t.length(), 0, 0, utf8);
            case TEXT -> new ColumnTypes(Protocol.TYPE_BLOB, 4L * SqlType.MAX_LOB_BYTES, Protocol.BLOB_FLAG, 0, utf8);
            case BLOB -> new ColumnTypes(Protocol.TYPE_BLOB, SqlType.MAX_LOB_BYTES, Protocol.BLOB_FLAG | bin, 0, binary);
            case JSON -> new ColumnTypes(Protocol.TYPE_JSON, 0xffffffffL, Protocol.BLOB_FLAG | bin, 0, binary);
            case DATE -> new ColumnTypes(Protocol.TYPE_DATE, 10, bin, 0, binary);
            case DATETIME -> new ColumnTypes(Protocol.TYPE_DATETIME,
                    19 + (t.fsp() > 0 ? t.fsp() + 1 : 0), bin, t.fsp(), binary);
            case TIMESTAMP -> new ColumnTypes(Protocol.TYPE_TIMESTAMP,
                    19 + (t.fsp() > 0 ? t.fsp() + 1 : 0), bin, t.fsp(), binary);
        };
    }
}
