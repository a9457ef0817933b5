package dev.cairn.chunkstore.tablefile;

/** Constants of table-file format version 1; the layout is drawn in {@link TableFileWriter}. */
final class TableFileFormat {
    static final int VERSION = 1;
    /** "cairnTF1" in ASCII. */
    static final long MAGIC = 0x636169726e544631L;
    static final int CRC_LENGTH = 4;
    static final int INDEX_ENTRY_LENGTH = 20 + 8 + 4 + 4;
    static final int FOOTER_LENGTH = 8 + 4 + 8 + 4 + 4 + 8;

    private TableFileFormat() {
    }
}
