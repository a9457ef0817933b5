package dev.cairn.sql.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.RemoteConfig;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code dolt_remotes} (name, url, fetch_specs, params) and {@code dolt_backups} (name, url,
 * params): the configuration in {@code repo_state.json}. The JSON columns are compact, with
 * parameters in key order so the text is stable.
 */
final class RemotesTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<ResultColumn> REMOTE_COLUMNS = List.of(
            new ResultColumn("name", SqlType.TEXT),
            new ResultColumn("url", SqlType.TEXT),
            new ResultColumn("fetch_specs", SqlType.JSON),
            new ResultColumn("params", SqlType.JSON));
    static final List<ResultColumn> BACKUP_COLUMNS = List.of(
            new ResultColumn("name", SqlType.TEXT),
            new ResultColumn("url", SqlType.TEXT),
            new ResultColumn("params", SqlType.JSON));

    private RemotesTable() {
    }

    static SystemTable remotes(SessionContext session, String name, String asOf) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (RemoteConfig r : session.requireRepo().state().remotes().values()) {
            // Cairn keeps no custom fetch specs: every remote fetches all its branches.
            String spec = json(List.of("refs/heads/*:refs/remotes/" + r.name() + "/*"));
            rows.add(new Object[] {r.name(), r.url(), spec, json(new TreeMap<>(r.params()))});
        }
        return new ListTable(REMOTE_COLUMNS, rows);
    }

    static SystemTable backups(SessionContext session, String name, String asOf) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (RemoteConfig r : session.requireRepo().state().backups().values()) {
            rows.add(new Object[] {r.name(), r.url(), json(new TreeMap<>(r.params()))});
        }
        return new ListTable(BACKUP_COLUMNS, rows);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
