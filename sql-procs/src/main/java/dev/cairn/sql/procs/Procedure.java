package dev.cairn.sql.procs;

import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.List;

/**
 * A {@code dolt_*} stored procedure. Arguments are the CLI's flags and operands as strings,
 * exactly as {@code CALL dolt_commit('-am', 'message')} passes them; the result is one row.
 */
public interface Procedure {
    /** The name used in {@code CALL}, lower case, e.g. {@code dolt_commit}. */
    String name();

    ResultSet call(SessionContext session, List<String> args) throws IOException;
}
