package dev.cairn.sql.system;

import dev.cairn.chunkstore.model.Tag;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code dolt_tags}: every tag with the commit it points at ({@code tag_hash}, as Dolt shows it) and its tagger. */
final class TagsTable {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("tag_name", SqlType.TEXT),
            new ResultColumn("tag_hash", SystemRefs.HASH),
            new ResultColumn("tagger", SqlType.TEXT),
            new ResultColumn("email", SqlType.TEXT),
            new ResultColumn("date", SystemRefs.DATE),
            new ResultColumn("message", SqlType.TEXT));

    private TagsTable() {
    }

    static SystemTable table(SessionContext session, String name, String asOf) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (Tag t : session.requireRepo().db().tags()) {
            rows.add(new Object[] {t.name(), t.commit().toString(), t.meta().name(), t.meta().email(),
                SystemRefs.date(t.meta().timestampMillis()), t.meta().message()});
        }
        return new ListTable(COLUMNS, rows);
    }
}
