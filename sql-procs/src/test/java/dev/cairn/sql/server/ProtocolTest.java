package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protocol paths the drivers do not take: old-style EOF packets, COM_FIELD_LIST, options, refusals. */
class ProtocolTest {
    @TempDir
    static Path tmp;
    static ServerFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = ServerFixture.start(tmp);
        try (RawClient c = RawClient.login(f.server.port(), ServerFixture.PASSWORD, Protocol.CLIENT_MULTI_STATEMENTS)) {
            c.command(Protocol.COM_QUERY, "CREATE TABLE pt (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL)");
            assertThat(RawClient.isOk(c.read())).isTrue();
            c.command(Protocol.COM_QUERY, "INSERT INTO pt VALUES (1, 'a'), (2, 'b')");
            assertThat(RawClient.isOk(c.read())).isTrue();
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Reads a result set sent without DEPRECATE_EOF: count, definitions, EOF, rows, EOF. */
    private static List<byte[]> readOldStyleResult(RawClient c) throws Exception {
        byte[] count = c.read();
        int n = count[0];
        for (int i = 0; i < n; i++) {
            assertThat(RawClient.isEof(c.read())).isFalse();
        }
        assertThat(RawClient.isEof(c.read())).as("EOF after column definitions").isTrue();
        List<byte[]> rows = new ArrayList<>();
        byte[] p;
        while (!RawClient.isEof(p = c.read())) {
            rows.add(p);
        }
        return rows;
    }

    @Test
    void resultSetsEndWithEofPacketsForClientsWithoutDeprecateEof() throws Exception {
        try (RawClient c = RawClient.login(f.server.port(), ServerFixture.PASSWORD, 0)) {
            c.command(Protocol.COM_QUERY, "SELECT id, name FROM pt ORDER BY id");
            List<byte[]> rows = readOldStyleResult(c);
            assertThat(rows).hasSize(2);
            PayloadReader r = new PayloadReader(rows.get(0));
            assertThat(r.lenencString()).isEqualTo("1");
            assertThat(r.lenencString()).isEqualTo("a");
        }
    }

    @Test
    void fieldListDescribesATable() throws Exception {
        try (RawClient c = RawClient.login(f.server.port(), ServerFixture.PASSWORD, 0)) {
            c.command(Protocol.COM_FIELD_LIST, "pt\0".getBytes(StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            byte[] p;
            while (!RawClient.isEof(p = c.read())) {
                PayloadReader r = new PayloadReader(p);
                assertThat(r.lenencString()).isEqualTo("def");
                assertThat(r.lenencString()).isEqualTo("db1");
                assertThat(r.lenencString()).isEqualTo("pt");
                r.lenencString();
                names.add(r.lenencString());
                r.lenencString();
                assertThat(r.lenenc()).isEqualTo(0x0c);
                r.skip(12);
                // The default value, NULL here; the mariadb shell reads it while rehashing names.
                assertThat(r.int1()).isEqualTo(0xfb);
                assertThat(r.remaining()).isZero();
            }
            assertThat(names).containsExactly("id", "name");
            c.command(Protocol.COM_FIELD_LIST, "nope\0".getBytes(StandardCharsets.UTF_8));
            byte[] err = c.read();
            assertThat(RawClient.errorCode(err)).isEqualTo(1146);
        }
    }

    @Test
    void multiStatementsFollowTheClientOption() throws Exception {
        try (RawClient c = RawClient.login(f.server.port(), ServerFixture.PASSWORD, Protocol.CLIENT_DEPRECATE_EOF)) {
            c.command(Protocol.COM_QUERY, "SELECT 1; SELECT 2");
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1064);
            c.command(Protocol.COM_SET_OPTION, new byte[] {0, 0});
            assertThat(RawClient.isEof(c.read())).isTrue();
            c.command(Protocol.COM_QUERY, "SELECT 1; SELECT 2");
            for (int i = 1; i <= 2; i++) {
                assertThat(c.read()[0]).isEqualTo((byte) 1); // one column
                c.read(); // its definition
                PayloadReader row = new PayloadReader(c.read());
                assertThat(row.lenencString()).isEqualTo(String.valueOf(i));
                byte[] end = c.read();
                assertThat(end[0] & 0xff).isEqualTo(0xfe);
                int status = (end[3] & 0xff) | (end[4] & 0xff) << 8;
                assertThat((status & Protocol.SERVER_MORE_RESULTS_EXISTS) != 0).isEqualTo(i == 1);
            }
        }
    }

    @Test
    void unknownCommandsAndDatabasesAreErrorsAndTheConnectionCarriesOn() throws Exception {
        try (RawClient c = RawClient.login(f.server.port(), ServerFixture.PASSWORD, Protocol.CLIENT_DEPRECATE_EOF)) {
            c.command(0x1d, new byte[0]); // COM_DAEMON
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1047);
            c.command(Protocol.COM_INIT_DB, "nosuchdb");
            byte[] err = c.read();
            assertThat(RawClient.errorCode(err)).isEqualTo(1049);
            assertThat(new String(err, 3, 6, StandardCharsets.US_ASCII)).isEqualTo("#42000");
            c.command(Protocol.COM_STMT_EXECUTE, new byte[] {99, 0, 0, 0, 0, 1, 0, 0, 0});
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1243);
            c.command(Protocol.COM_QUERY, "-- nothing but a comment");
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1065);
            c.command(Protocol.COM_PING, new byte[0]);
            assertThat(RawClient.isOk(c.read())).isTrue();
        }
    }

    @Test
    void cachingSha2RefusesACleartextPasswordOnAPlainConnection() throws Exception {
        try (ServerFixture sha = ServerFixture.start(tmp.resolve("sha"),
                b -> b.authPlugin(MySqlServerConfig.CACHING_SHA2_PASSWORD));
             RawClient c = new RawClient(sha.server.port())) {
            c.readHandshake();
            assertThat(c.serverPlugin).isEqualTo("caching_sha2_password");
            int caps = Protocol.CLIENT_PROTOCOL_41 | Protocol.CLIENT_SECURE_CONNECTION | Protocol.CLIENT_PLUGIN_AUTH
                    | Protocol.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
            c.sendHandshakeResponse(caps, "root", Authenticator.sha2Scramble(ServerFixture.PASSWORD, c.nonce), null,
                    "caching_sha2_password");
            assertThat(c.read()).containsExactly(1, 4); // perform full authentication
            c.write((ServerFixture.PASSWORD + "\0").getBytes(StandardCharsets.UTF_8));
            byte[] err = c.read();
            assertThat(RawClient.errorCode(err)).isEqualTo(1045);
            assertThat(RawClient.describe(err)).contains("cleartext password is refused");
        }
    }
}
