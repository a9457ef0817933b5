package dev.cairn.sql;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A database in a temporary directory with a session on it, and helpers to read results. */
final class SqlTestSupport {
    private SqlTestSupport() {
    }

    static final CommitMeta META = new CommitMeta("Test", "test@example.com", 1_700_000_000_000L, "init");

    /** A workspace whose root directory is a fresh database. */
    static Workspace singleDatabase(Path dir) throws IOException {
        Path db = dir.resolve("db1");
        Repo.init(db, "main", META).close();
        return Workspace.open(db);
    }

    static ResultSet one(SqlSession s, String sql) throws IOException {
        List<ResultSet> rs = s.execute(sql);
        return rs.get(rs.size() - 1);
    }

    /** The rows as lists, for AssertJ comparisons. */
    static List<List<Object>> rows(SqlSession s, String sql) throws IOException {
        return one(s, sql).rows().stream().map(r -> Arrays.asList(r)).toList();
    }

    static Object scalar(SqlSession s, String sql) throws IOException {
        return one(s, sql).rows().get(0)[0];
    }
}
