package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.sql.server.ServerFixture.Driver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a Java application sees through MySQL Connector/J and MariaDB Connector/J: one server
 * for the class, each test on its own tables.
 */
class JdbcClientsTest {
    @TempDir
    static Path tmp;
    static ServerFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = ServerFixture.start(tmp);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static List<Arguments> driversAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (Driver d : Driver.values()) {
            out.add(Arguments.of(d, true));
            out.add(Arguments.of(d, false));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void aWrongPasswordIsAccessDenied(Driver d) {
        String url = f.url(d, "db1", "").replace(ServerFixture.PASSWORD, "wrong");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("Access denied for user 'root'");
                });
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void answersWhatClientsAskAboutTheServer(Driver d) throws Exception {
        try (Connection c = f.connect(d, "useServerPrepStmts=true"); Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("8.0.33");
            try (ResultSet rs = s.executeQuery("SELECT @@version, @@version_comment, USER(), DATABASE(),"
                    + " @@autocommit, @@max_allowed_packet")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("8.0.33-cairn");
                assertThat(rs.getString(3)).isEqualTo("root@localhost");
                assertThat(rs.getString(4)).isEqualTo("db1");
                assertThat(rs.getInt(5)).isEqualTo(1);
                assertThat(rs.getLong(6)).isEqualTo(64L << 20);
            }
            try (ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'version'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Value")).isEqualTo("8.0.33-cairn");
            }
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            assertThat(c.isValid(2)).isTrue();
            assertThat(c.getCatalog()).isEqualTo("db1");
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void anUnknownDatabaseOnConnectIsRefused(Driver d) {
        assertThatThrownBy(() -> DriverManager.getConnection(f.url(d, "nosuchdb", "")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1049));
    }

    @ParameterizedTest(name = "{0} server-side={1}")
    @MethodSource("driversAndModes")
    void preparedStatementsRoundTripEveryType(Driver d, boolean serverSide) throws Exception {
        String t = "ty_" + d.name().toLowerCase() + (serverSide ? "_s" : "_c");
        try (Connection c = f.connect(d, "useServerPrepStmts=" + serverSide); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, ti TINYINT, si SMALLINT, i INT,"
                    + " d DECIMAL(10,2), fl FLOAT, db DOUBLE, vc VARCHAR(80), ch CHAR(5), tx TEXT, bl BLOB,"
                    + " b BOOLEAN, dt DATE, dtm DATETIME, ts TIMESTAMP(6), js JSON)");
            LocalDateTime when = LocalDateTime.of(2024, 2, 29, 13, 45, 7);
            LocalDateTime micros = LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123456000);
            String text = "O'Brien \\ \"quoted\" ; ? -- not a comment\nline2 ✓";
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, Long.MAX_VALUE);
                p.setByte(2, (byte) -128);
                p.setShort(3, (short) 32767);
                p.setInt(4, -2147483648);
                p.setBigDecimal(5, new BigDecimal("-12345678.90"));
                p.setFloat(6, 1.5f);
                p.setDouble(7, 2.718281828459045);
                p.setString(8, text);
                p.setString(9, "abc");
                p.setString(10, "long text ✓");
                p.setBytes(11, new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, 39, 92});
                p.setBoolean(12, true);
                p.setObject(13, LocalDate.of(2024, 2, 29));
                p.setObject(14, when);
                p.setObject(15, micros);
                p.setString(16, "{\"a\": [1, 2]}");
                assertThat(p.executeUpdate()).isEqualTo(1);
                p.setLong(1, 2);
                for (int i = 2; i <= 16; i++) {
                    p.setNull(i, Types.NULL);
                }
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement q = c.prepareStatement("SELECT * FROM " + t + " WHERE id = ? OR id = ? ORDER BY id")) {
                q.setLong(1, Long.MAX_VALUE);
                q.setInt(2, 2);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("id")).isEqualTo(2);
                    for (int i = 2; i <= 16; i++) {
                        assertThat(rs.getObject(i)).as("column %d", i).isNull();
                        assertThat(rs.wasNull()).isTrue();
                    }
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(Long.MAX_VALUE);
                    assertThat(rs.getByte(2)).isEqualTo((byte) -128);
                    assertThat(rs.getShort(3)).isEqualTo((short) 32767);
                    assertThat(rs.getInt(4)).isEqualTo(-2147483648);
                    assertThat(rs.getBigDecimal(5)).isEqualTo(new BigDecimal("-12345678.90"));
                    assertThat(rs.getFloat(6)).isEqualTo(1.5f);
                    assertThat(rs.getDouble(7)).isEqualTo(2.718281828459045);
                    assertThat(rs.getString(8)).isEqualTo(text);
                    assertThat(rs.getString(9)).isEqualTo("abc");
                    assertThat(rs.getString(10)).isEqualTo("long text ✓");
                    assertThat(rs.getBytes(11)).containsExactly(0, 1, 0xff, 0xfe, 39, 92);
                    assertThat(rs.getBoolean(12)).isTrue();
                    assertThat(rs.getObject(13, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                    assertThat(rs.getObject(14, LocalDateTime.class)).isEqualTo(when);
                    assertThat(rs.getObject(15, LocalDateTime.class)).isEqualTo(micros);
                    assertThat(rs.getString(16)).contains("\"a\"").contains("[1, 2]");
                    assertThat(rs.next()).isFalse();
                    checkTypes(rs.getMetaData());
                }
            }
        }
    }

    private static void checkTypes(ResultSetMetaData md) throws SQLException {
        assertThat(md.getColumnCount()).isEqualTo(16);
        assertThat(md.getColumnName(8)).isEqualTo("vc");
        assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(md.getColumnType(4)).isEqualTo(Types.INTEGER);
        assertThat(md.getColumnType(5)).isEqualTo(Types.DECIMAL);
        assertThat(md.getScale(5)).isEqualTo(2);
        assertThat(md.getColumnType(7)).isEqualTo(Types.DOUBLE);
        assertThat(md.getColumnType(8)).isEqualTo(Types.VARCHAR);
        assertThat(md.getColumnType(13)).isEqualTo(Types.DATE);
        assertThat(md.getColumnType(14)).isEqualTo(Types.TIMESTAMP);
    }

    @ParameterizedTest(name = "{0} server-side={1}")
    @MethodSource("driversAndModes")
    void metadataTellsTablesKeysAndNullability(Driver d, boolean serverSide) throws Exception {
        String t = "md_" + d.name().toLowerCase() + (serverSide ? "_s" : "_c");
        try (Connection c = f.connect(d, "useServerPrepStmts=" + serverSide); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(10) NOT NULL,"
                    + " note TEXT)");
            try (PreparedStatement p = c.prepareStatement("SELECT x.id, name AS label, note, 1 + 1 FROM " + t
                    + " x WHERE id > ?")) {
                p.setInt(1, 0);
                try (ResultSet rs = p.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    assertThat(md.getTableName(1)).isEqualTo(t); // the stored table, not the alias
                    assertThat(md.isAutoIncrement(1)).isTrue();
                    assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
                    assertThat(md.getColumnLabel(2)).isEqualTo("label");
                    assertThat(md.getColumnName(2)).isEqualTo("name");
                    assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNoNulls);
                    assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNullable);
                    assertThat(md.isAutoIncrement(3)).isFalse();
                    assertThat(md.getTableName(4)).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} server-side={1}")
    @MethodSource("driversAndModes")
    void streamsAreSentAsLongData(Driver d, boolean serverSide) throws Exception {
        String t = "ld_" + d.name().toLowerCase() + (serverSide ? "_s" : "_c");
        byte[] bytes = new byte[5000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        String text = "ünïcödé ".repeat(300);
        try (Connection c = f.connect(d, "useServerPrepStmts=" + serverSide); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, b BLOB, tx TEXT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?)")) {
                p.setInt(1, 1);
                p.setBinaryStream(2, new java.io.ByteArrayInputStream(bytes), bytes.length);
                p.setCharacterStream(3, new java.io.StringReader(text), text.length());
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT b, tx FROM " + t)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(bytes);
                assertThat(rs.getString(2)).isEqualTo(text);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void transactionsCommitRollBackAndEndWhenAutocommitReturns(Driver d) throws Exception {
        String t = "tx_" + d.name().toLowerCase();
        try (Connection c = f.connect(d); Statement s = c.createStatement();
             Connection other = f.connect(d); Statement o = other.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + t + " VALUES (1)");
            c.rollback();
            s.execute("INSERT INTO " + t + " VALUES (2)");
            assertThat(count(o, t)).isZero();
            c.commit();
            assertThat(count(o, t)).isEqualTo(1);
            s.execute("INSERT INTO " + t + " VALUES (3)");
            c.setAutoCommit(true); // commits, as JDBC and MySQL say
            assertThat(count(o, t)).isEqualTo(2);
        }
    }

    private static int count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void aMultiStatementQueryReturnsEachResult(Driver d) throws Exception {
        String t = "ms_" + d.name().toLowerCase();
        try (Connection c = f.connect(d, "allowMultiQueries=true"); Statement s = c.createStatement()) {
            boolean isRs = s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY); INSERT INTO " + t
                    + " VALUES (1), (2), (3); SELECT COUNT(*) FROM " + t + "; SELECT id FROM " + t
                    + " WHERE id > 1 ORDER BY id");
            assertThat(isRs).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(0);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                List<Integer> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
                assertThat(ids).containsExactly(2, 3);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0} server-side={1}")
    @MethodSource("driversAndModes")
    void affectedRowsAndGeneratedKeys(Driver d, boolean serverSide) throws Exception {
        String t = "ai_" + d.name().toLowerCase() + (serverSide ? "_s" : "_c");
        try (Connection c = f.connect(d, "useServerPrepStmts=" + serverSide); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(10))");
            assertThat(s.executeUpdate("INSERT INTO " + t + " (v) VALUES ('a')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(1);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (v) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "b");
                assertThat(p.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + t + " SET v = ? WHERE id >= ?")) {
                p.setString(1, "z");
                p.setInt(2, 1);
                assertThat(p.executeUpdate()).isEqualTo(2);
                // Rows changed, not rows matched: the server does not offer CLIENT_FOUND_ROWS.
                assertThat(p.executeUpdate()).isEqualTo(0);
            }
            assertThat(s.executeUpdate("DELETE FROM " + t + " WHERE id = 2")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest(name = "{0} server-side={1}")
    @MethodSource("driversAndModes")
    void errorsCarryMySqlCodesAndStates(Driver d, boolean serverSide) throws Exception {
        String t = "er_" + d.name().toLowerCase() + (serverSide ? "_s" : "_c");
        try (Connection c = f.connect(d, "useServerPrepStmts=" + serverSide); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            s.execute("INSERT INTO " + t + " VALUES (1)");
            expectError(() -> s.execute("SELEC 1"), 1064, "42000");
            expectError(() -> s.executeQuery("SELECT * FROM no_such_table"), 1146, "42S02");
            expectError(() -> s.execute("INSERT INTO " + t + " VALUES (1)"), 1062, "23000");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
                p.setInt(1, 1);
                expectError(p::executeUpdate, 1062, "23000");
            }
            // The connection is still usable after errors.
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static void expectError(SqlAction a, int code, String state) {
        assertThatThrownBy(a::run).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(state);
        });
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void doltProceduresRunAsFromCairnSql(Driver d) throws Exception {
        String t = "vc_" + d.name().toLowerCase();
        String restored = "db1_" + d.name().toLowerCase();
        Path backup = tmp.resolve("backup-" + t);
        String url = backup.toUri().toString();
        try (Connection c = f.connect(d); Statement s = c.createStatement();
             Connection other = f.connect(d); Statement o = other.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO " + t + " VALUES (1, 'one')");
            s.execute("CALL dolt_add('.')");
            try (ResultSet rs = s.executeQuery("CALL dolt_commit('-am', 'rows for " + t + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).hasSize(32);
            }
            try (ResultSet rs = o.executeQuery("SELECT message FROM dolt_log LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("rows for " + t);
            }
            s.execute("INSERT INTO " + t + " VALUES (2, 'uncommitted')");
            try (ResultSet rs = s.executeQuery("CALL dolt_backup('sync-url', '" + url + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("status")).isEqualTo(0);
            }
            try (ResultSet rs = o.executeQuery("CALL dolt_backup('restore', '" + url + "', '" + restored + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(0);
            }
            // Visible at once to a connection that was already open.
            try (ResultSet rs = s.executeQuery("SHOW DATABASES")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                assertThat(names).contains("db1", restored);
            }
            s.execute("USE " + restored);
            try (ResultSet rs = s.executeQuery("SELECT v FROM " + t + " ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("uncommitted");
            }
            c.setCatalog("db1");
            assertThat(c.getCatalog()).isEqualTo("db1");
            assertThatThrownBy(() -> o.execute("CALL dolt_backup('restore', '" + url + "', '" + restored + "')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("database '" + restored + "' already exists, use '--force' to overwrite");
        }
    }
}
