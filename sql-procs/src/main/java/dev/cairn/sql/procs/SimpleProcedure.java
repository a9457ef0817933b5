package dev.cairn.sql.procs;

import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.UserErrors;
import java.io.IOException;
import java.util.List;

/**
 * A procedure made of a name and a body. Flushes the session's working set first, so the
 * body sees every change the session made, and turns model errors into one-line SqlExceptions.
 */
public record SimpleProcedure(String name, Body body) implements Procedure {
    /** What the procedure does. */
    @FunctionalInterface
    public interface Body {
        ResultSet call(SessionContext session, List<String> args) throws IOException;
    }

    @Override
    public ResultSet call(SessionContext session, List<String> args) throws IOException {
        try {
            session.flushWorkingSet();
            return body.call(session, args);
        } catch (RuntimeException e) {
            throw UserErrors.toSql(e);
        }
    }
}
