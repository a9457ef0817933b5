package dev.cairn.sql.server;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * A real server on an ephemeral loopback port over a workspace holding database {@code db1},
 * and JDBC connections to it through MySQL Connector/J or MariaDB Connector/J.
 */
final class ServerFixture implements AutoCloseable {
    static final String PASSWORD = "s3cret!";
    private static final CommitMeta META = new CommitMeta("Test", "test@example.com", 1_700_000_000_000L, "init");

    /** The two real clients every behaviour is checked with. */
    enum Driver {
        MYSQL("jdbc:mysql"), MARIADB("jdbc:mariadb");

        final String scheme;

        Driver(String scheme) {
            this.scheme = scheme;
        }
    }

    final Path dir;
    final MySqlServer server;

    private ServerFixture(Path dir, MySqlServer server) {
        this.dir = dir;
        this.server = server;
    }

    static ServerFixture start(Path tmp) throws IOException {
        return start(tmp, b -> b);
    }

    static ServerFixture start(Path tmp, UnaryOperator<MySqlServerConfig.Builder> custom) throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Repo repo = Repo.init(ws.resolve("db1"), "main", META);
        repo.config().set(Config.Scope.LOCAL, Config.USER_NAME, "Tess Ter");
        repo.config().set(Config.Scope.LOCAL, Config.USER_EMAIL, "tess@example.com");
        repo.close();
        MySqlServer server = MySqlServer.start(custom.apply(
                MySqlServerConfig.builder(ws).port(0).password(PASSWORD)).build());
        return new ServerFixture(ws, server);
    }

    String url(Driver d, String db, String params) {
        return d.scheme + "://127.0.0.1:" + server.port() + "/" + (db == null ? "" : db)
                + "?user=root&password=" + PASSWORD + (params.isEmpty() ? "" : "&" + params);
    }

    Connection connect(Driver d) throws SQLException {
        return connect(d, "");
    }

    /** A connection to {@code db1}; MySQL's driver skips TLS, which this server does not offer. */
    Connection connect(Driver d, String params) throws SQLException {
        return DriverManager.getConnection(url(d, "db1", params));
    }

    @Override
    public void close() {
        server.close();
    }
}
