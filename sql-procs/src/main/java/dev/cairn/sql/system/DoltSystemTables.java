package dev.cairn.sql.system;

import dev.cairn.sql.ops.UserErrors;

/** Registers the {@code dolt_*} system tables and table functions. */
public final class DoltSystemTables {
    private DoltSystemTables() {
    }

    public static void register() {
        SystemTables.register("dolt_log", guard(LogTable::table));
        SystemTables.register("dolt_branches", guard(BranchesTable::local));
        SystemTables.register("dolt_remote_branches", guard(BranchesTable::remote));
        SystemTables.register("dolt_remotes", guard(RemotesTable::remotes));
        SystemTables.register("dolt_backups", guard(RemotesTable::backups));
        SystemTables.register("dolt_status", guard(StatusTable::table));
        SystemTables.register("dolt_tags", guard(TagsTable::table));
        SystemTables.registerPrefix(DiffTable.PREFIX, guard(DiffTable::table));
        SystemTables.registerFunction("dolt_log", guard(LogTable::function));
        SystemTables.registerFunction("dolt_diff", guard(DiffTable::function));
    }

    /** Bad refs and missing branches reach the user as one-line SQL errors. */
    private static SystemTables.TableFactory guard(SystemTables.TableFactory f) {
        return (session, name, asOf) -> {
            try {
                return f.create(session, name, asOf);
            } catch (RuntimeException e) {
                throw UserErrors.toSql(e);
            }
        };
    }

    private static SystemTables.FunctionFactory guard(SystemTables.FunctionFactory f) {
        return (session, args) -> {
            try {
                return f.create(session, args);
            } catch (RuntimeException e) {
                throw UserErrors.toSql(e);
            }
        };
    }
}
