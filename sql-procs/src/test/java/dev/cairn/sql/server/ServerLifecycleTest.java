package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Workspace;
import dev.cairn.sql.SqlSession;
import dev.cairn.sql.server.ServerFixture.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection limits, idle connections, and stopping the server while a statement runs. */
class ServerLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void aConnectionBeyondTheLimitIsToldTooManyConnections() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp, b -> b.maxConnections(2))) {
            Connection a = f.connect(Driver.MYSQL);
            try (Connection b = f.connect(Driver.MARIADB)) {
                for (Driver d : Driver.values()) {
                    assertThatThrownBy(() -> f.connect(d).close()).isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1040);
                        assertThat(e.getMessage()).contains("Too many connections");
                    });
                }
            }
            a.close();
            // The slots free up as the server notices the clients leaving.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                try (Connection c = f.connect(Driver.MYSQL); Connection d = f.connect(Driver.MARIADB)) {
                    break;
                } catch (SQLException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    @Test
    void startFailsClearlyOnAMissingDirectoryOrABusyPort() throws Exception {
        assertThatThrownBy(() -> MySqlServer.start(MySqlServerConfig.builder(tmp.resolve("nope")).port(0).build()))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("nope");
        try (ServerFixture f = ServerFixture.start(tmp)) {
            assertThatThrownBy(() -> MySqlServer.start(MySqlServerConfig.builder(f.dir).port(f.server.port()).build()))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("can't listen on 127.0.0.1:" + f.server.port());
            f.server.close();
            f.server.close(); // idempotent
            f.server.awaitClosed();
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp, b -> b.idleTimeout(Duration.ofMillis(300)))) {
            for (Driver d : Driver.values()) {
                try (Connection c = f.connect(d); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    Thread.sleep(800);
                    assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
                    assertThat(c.isValid(1)).isFalse();
                }
            }
            assertThat(f.server.connectionCount()).isZero();
        }
    }

    @Test
    void closeLetsARunningStatementFinishAndRefusesNewConnections() throws Exception {
        Path backup = tmp.resolve("backup");
        String url = backup.toUri().toString();
        // Each table file of the transfer waits this long, so the backup is still running when close() starts.
        ServerFixture f = ServerFixture.start(tmp, b -> b.environment(Map.of("CAIRN_TEST_SLOW_TRANSFER_MS", "700")));
        try (Connection c = f.connect(Driver.MYSQL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
            Connection idle = f.connect(Driver.MARIADB);
            CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery("CALL dolt_backup('sync-url', '" + url + "')")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(call).isNotDone();
            long t0 = System.nanoTime();
            f.server.close();
            assertThat(call.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThan(100);
            assertThat(idle.isValid(1)).isFalse();
            assertThatThrownBy(() -> f.connect(Driver.MYSQL).close()).isInstanceOf(SQLException.class);
            // The connection that ran the statement is closed once it has its answer.
            assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        }
        // The backup is whole: it restores with every row.
        Path check = Files.createDirectories(tmp.resolve("check"));
        try (Workspace ws = Workspace.open(check)) {
            SqlSession session = new SqlSession(ws);
            session.execute("CALL dolt_backup('restore', '" + url + "', 'copy')");
            session.execute("USE copy");
            assertThat(session.execute("SELECT COUNT(*) FROM t").get(0).rows().get(0)[0]).isEqualTo(3L);
        }
    }
}
