package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.server.ServerFixture.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections writing the same branch at once: every committed row is there afterwards. */
class ConcurrentWritersTest {
    private static final int WRITERS = 3;
    private static final int ROWS = 12;

    @TempDir
    Path tmp;

    @Test
    void autocommitInsertsFromManyConnectionsAreAllKept() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp)) {
            try (Connection c = f.connect(Driver.MYSQL); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, writer INT)");
            }
            run(WRITERS, w -> {
                Driver d = w % 2 == 0 ? Driver.MYSQL : Driver.MARIADB;
                try (Connection c = f.connect(d, "useServerPrepStmts=true");
                     PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    for (int i = 0; i < ROWS; i++) {
                        p.setInt(1, w * 1000 + i);
                        p.setInt(2, w);
                        p.executeUpdate();
                    }
                }
            });
            assertThat(count(f, "SELECT COUNT(*) FROM t")).isEqualTo(WRITERS * ROWS);
        }
    }

    @Test
    void transactionsOnManyConnectionsAreAllKept() throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp)) {
            try (Connection c = f.connect(Driver.MYSQL); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, writer INT)");
                s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT)");
                s.execute("INSERT INTO counter VALUES (1, 0)");
            }
            run(WRITERS, w -> {
                Driver d = w % 2 == 0 ? Driver.MARIADB : Driver.MYSQL;
                try (Connection c = f.connect(d); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    for (int tx = 0; tx < 3; tx++) {
                        for (int i = 0; i < 4; i++) {
                            s.executeUpdate("INSERT INTO t VALUES (" + (w * 1000 + tx * 10 + i) + ", " + w + ")");
                        }
                        c.commit();
                    }
                    c.setAutoCommit(true);
                    for (int i = 0; i < 5; i++) {
                        s.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
                    }
                }
            });
            assertThat(count(f, "SELECT COUNT(*) FROM t")).isEqualTo(WRITERS * ROWS);
            assertThat(count(f, "SELECT n FROM counter")).isEqualTo(WRITERS * 5);
        }
    }

    interface Writer {
        void write(int writer) throws Exception;
    }

    private static void run(int writers, Writer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    start.await();
                    body.write(id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(ServerFixture f, String sql) throws Exception {
        try (Connection c = f.connect(Driver.MARIADB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
