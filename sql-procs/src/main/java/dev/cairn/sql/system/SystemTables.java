package dev.cairn.sql.system;

import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of system tables and table functions the SQL engine consults when a name is
 * not a user table. Names are matched case-insensitively.
 */
public final class SystemTables {
    /** Makes a system table for a session; {@code asOf} is the commit a query reads, or null for the working set. */
    @FunctionalInterface
    public interface TableFactory {
        SystemTable create(SessionContext session, String name, String asOf) throws IOException;
    }

    /** Makes the table a table function returns for its evaluated arguments. */
    @FunctionalInterface
    public interface FunctionFactory {
        SystemTable create(SessionContext session, List<Object> args) throws IOException;
    }

    private static final Map<String, TableFactory> TABLES = new ConcurrentHashMap<>();
    private static final Map<String, FunctionFactory> FUNCTIONS = new ConcurrentHashMap<>();
    /** Prefix-named families such as {@code dolt_diff_<table>}. */
    private static final Map<String, TableFactory> PREFIXES = new ConcurrentHashMap<>();

    private SystemTables() {
    }

    public static void register(String name, TableFactory factory) {
        TABLES.put(name.toLowerCase(Locale.ROOT), factory);
    }

    public static void registerPrefix(String prefix, TableFactory factory) {
        PREFIXES.put(prefix.toLowerCase(Locale.ROOT), factory);
    }

    public static void registerFunction(String name, FunctionFactory factory) {
        FUNCTIONS.put(name.toLowerCase(Locale.ROOT), factory);
    }

    /** The system table called {@code name}, if there is one. */
    public static Optional<SystemTable> table(SessionContext session, String name, String asOf) throws IOException {
        String key = name.toLowerCase(Locale.ROOT);
        TableFactory f = TABLES.get(key);
        if (f != null) {
            return Optional.of(f.create(session, name, asOf));
        }
        for (Map.Entry<String, TableFactory> e : PREFIXES.entrySet()) {
            if (key.startsWith(e.getKey()) && key.length() > e.getKey().length()) {
                return Optional.of(e.getValue().create(session, name, asOf));
            }
        }
        return Optional.empty();
    }

    /** The result of table function {@code name}, if there is such a function. */
    public static Optional<SystemTable> function(SessionContext session, String name, List<Object> args)
            throws IOException {
        FunctionFactory f = FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
        return f == null ? Optional.empty() : Optional.of(f.create(session, args));
    }

    /** Names of the fixed system tables, sorted. */
    public static List<String> names() {
        return TABLES.keySet().stream().sorted().toList();
    }
}
