package dev.cairn.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.server.ServerFixture.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MySqlServerSmokeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Driver.class)
    void connectsAndQueries(Driver d) throws Exception {
        try (ServerFixture f = ServerFixture.start(tmp); Connection c = f.connect(d); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two')")).isEqualTo(2);
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("one");
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
