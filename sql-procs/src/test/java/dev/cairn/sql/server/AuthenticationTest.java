package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.sql.server.ServerFixture.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords as MySQL 8 checks them: caching_sha2_password's full authentication over RSA,
 * then its fast path; clients that start with the other plugin are switched to the user's.
 */
class AuthenticationTest {
    @TempDir
    Path tmp;

    private static void selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void cachingSha2FullAuthenticationNeedsTheKeyThenTheFastPathDoesNot() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp, b -> b.authPlugin(MySqlServerConfig.CACHING_SHA2_PASSWORD))) {
            // No cached entry yet: full authentication, which over plain TCP needs the RSA key.
            assertThatThrownBy(() -> f.connect(Driver.MYSQL, "allowPublicKeyRetrieval=false").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Public Key Retrieval is not allowed");
            try (Connection c = f.connect(Driver.MYSQL, "allowPublicKeyRetrieval=true")) {
                selectOne(c);
            }
            // Cached now: the scramble alone lets the same user in, no key needed.
            try (Connection c = f.connect(Driver.MYSQL, "allowPublicKeyRetrieval=false")) {
                selectOne(c);
            }
            try (Connection c = f.connect(Driver.MARIADB)) {
                selectOne(c);
            }
            String wrong = f.url(Driver.MYSQL, "db1", "allowPublicKeyRetrieval=true")
                    .replace(ServerFixture.PASSWORD, "nope");
            JdbcClientsTest.expectError(() -> DriverManager.getConnection(wrong).close(), 1045, "28000");
        }
    }

    @Test
    void mariaDbConnectorDoesTheFullAuthenticationToo() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp, b -> b.authPlugin(MySqlServerConfig.CACHING_SHA2_PASSWORD))) {
            assertThatThrownBy(() -> f.connect(Driver.MARIADB).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("RSA public key is not available client side");
            try (Connection c = f.connect(Driver.MARIADB, "allowPublicKeyRetrieval=true")) {
                selectOne(c);
            }
            String wrong = f.url(Driver.MARIADB, "db1", "allowPublicKeyRetrieval=true")
                    .replace(ServerFixture.PASSWORD, "nope");
            JdbcClientsTest.expectError(() -> DriverManager.getConnection(wrong).close(), 1045, "28000");
        }
    }

    @Test
    void aClientStartingWithCachingSha2IsSwitchedToNativePassword() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp)) {
            try (Connection c = f.connect(Driver.MYSQL, "defaultAuthenticationPlugin=caching_sha2_password")) {
                selectOne(c);
            }
            String wrong = f.url(Driver.MYSQL, "db1", "defaultAuthenticationPlugin=caching_sha2_password")
                    .replace(ServerFixture.PASSWORD, "nope");
            JdbcClientsTest.expectError(() -> DriverManager.getConnection(wrong).close(), 1045, "28000");
        }
    }

    @Test
    void noPasswordMeansAnEmptyOne() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp, b -> b.password(""))) {
            for (Driver d : Driver.values()) {
                try (Connection c = DriverManager.getConnection(d.scheme + "://127.0.0.1:" + f.server.port()
                        + "/db1?user=root")) {
                    selectOne(c);
                }
                JdbcClientsTest.expectError(() -> DriverManager.getConnection(f.url(d, "db1", "")).close(), 1045,
                        "28000");
            }
        }
    }
}
