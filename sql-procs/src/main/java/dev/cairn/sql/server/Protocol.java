package dev.cairn.sql.server;

/** Numbers of the MySQL client/server protocol: capability and status flags, commands, column types. */
final class Protocol {
    private Protocol() {
    }

    // Capability flags.
    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_FOUND_ROWS = 1 << 1;
    static final int CLIENT_LONG_FLAG = 1 << 2;
    static final int CLIENT_CONNECT_WITH_DB = 1 << 3;
    static final int CLIENT_NO_SCHEMA = 1 << 4;
    static final int CLIENT_ODBC = 1 << 6;
    static final int CLIENT_LOCAL_FILES = 1 << 7;
    static final int CLIENT_IGNORE_SPACE = 1 << 8;
    static final int CLIENT_PROTOCOL_41 = 1 << 9;
    static final int CLIENT_INTERACTIVE = 1 << 10;
    static final int CLIENT_SSL = 1 << 11;
    static final int CLIENT_TRANSACTIONS = 1 << 13;
    static final int CLIENT_SECURE_CONNECTION = 1 << 15;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
    static final int CLIENT_MULTI_RESULTS = 1 << 17;
    static final int CLIENT_PS_MULTI_RESULTS = 1 << 18;
    static final int CLIENT_PLUGIN_AUTH = 1 << 19;
    static final int CLIENT_CONNECT_ATTRS = 1 << 20;
    static final int CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    static final int CLIENT_SESSION_TRACK = 1 << 23;
    static final int CLIENT_DEPRECATE_EOF = 1 << 24;

    /**
     * What this server offers; a connection uses the intersection with what the client asks for.
     * Not CLIENT_FOUND_ROWS: the engine counts changed rows, not matched ones, so offering it
     * would report fewer rows than a client that asked for it expects. Not CLIENT_SSL or
     * CLIENT_LOCAL_FILES either: there is no TLS, and LOAD DATA is not supported.
     */
    static final int SERVER_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG
            | CLIENT_CONNECT_WITH_DB | CLIENT_NO_SCHEMA | CLIENT_ODBC | CLIENT_IGNORE_SPACE | CLIENT_PROTOCOL_41
            | CLIENT_INTERACTIVE | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_STATEMENTS
            | CLIENT_MULTI_RESULTS | CLIENT_PS_MULTI_RESULTS | CLIENT_PLUGIN_AUTH | CLIENT_CONNECT_ATTRS
            | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | CLIENT_DEPRECATE_EOF;

    // Server status flags.
    static final int SERVER_STATUS_IN_TRANS = 1;
    static final int SERVER_STATUS_AUTOCOMMIT = 2;
    static final int SERVER_MORE_RESULTS_EXISTS = 8;

    // Commands.
    static final int COM_QUIT = 0x01;
    static final int COM_INIT_DB = 0x02;
    static final int COM_QUERY = 0x03;
    static final int COM_FIELD_LIST = 0x04;
    static final int COM_STATISTICS = 0x09;
    static final int COM_PING = 0x0e;
    static final int COM_STMT_PREPARE = 0x16;
    static final int COM_STMT_EXECUTE = 0x17;
    static final int COM_STMT_SEND_LONG_DATA = 0x18;
    static final int COM_STMT_CLOSE = 0x19;
    static final int COM_STMT_RESET = 0x1a;
    static final int COM_SET_OPTION = 0x1b;
    static final int COM_RESET_CONNECTION = 0x1f;

    // Column types.
    static final int TYPE_DECIMAL = 0x00;
    static final int TYPE_TINY = 0x01;
    static final int TYPE_SHORT = 0x02;
    static final int TYPE_LONG = 0x03;
    static final int TYPE_FLOAT = 0x04;
    static final int TYPE_DOUBLE = 0x05;
    static final int TYPE_NULL = 0x06;
    static final int TYPE_TIMESTAMP = 0x07;
    static final int TYPE_LONGLONG = 0x08;
    static final int TYPE_INT24 = 0x09;
    static final int TYPE_DATE = 0x0a;
    static final int TYPE_TIME = 0x0b;
    static final int TYPE_DATETIME = 0x0c;
    static final int TYPE_YEAR = 0x0d;
    static final int TYPE_VARCHAR = 0x0f;
    static final int TYPE_BIT = 0x10;
    static final int TYPE_JSON = 0xf5;
    static final int TYPE_NEWDECIMAL = 0xf6;
    static final int TYPE_ENUM = 0xf7;
    static final int TYPE_SET = 0xf8;
    static final int TYPE_TINY_BLOB = 0xf9;
    static final int TYPE_MEDIUM_BLOB = 0xfa;
    static final int TYPE_LONG_BLOB = 0xfb;
    static final int TYPE_BLOB = 0xfc;
    static final int TYPE_VAR_STRING = 0xfd;
    static final int TYPE_STRING = 0xfe;

    // Column flags.
    static final int NOT_NULL_FLAG = 1;
    static final int PRI_KEY_FLAG = 2;
    static final int BLOB_FLAG = 16;
    static final int UNSIGNED_FLAG = 32;
    static final int BINARY_FLAG = 128;
    static final int AUTO_INCREMENT_FLAG = 512;
    static final int NUM_FLAG = 32768;

    // Character sets (collation ids).
    static final int UTF8MB4_0900_AI_CI = 255;
    static final int BINARY = 63;

    /** Server error numbers the protocol layer raises itself. */
    static final int ER_CON_COUNT = 1040;
    static final int ER_EMPTY_QUERY = 1065;
    static final int ER_HANDSHAKE = 1043;
    static final int ER_ACCESS_DENIED = 1045;
    static final int ER_UNKNOWN_COM = 1047;
    static final int ER_SERVER_SHUTDOWN = 1053;
    static final int ER_NET_PACKET_TOO_LARGE = 1153;
    static final int ER_UNKNOWN_STMT_HANDLER = 1243;
    static final int ER_WRONG_ARGUMENTS = 1210;
}
