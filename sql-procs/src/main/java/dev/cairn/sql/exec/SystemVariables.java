package dev.cairn.sql.exec;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session's system variables: the few MySQL clients and drivers read on connect
 * ({@code @@version}, {@code @@autocommit}, character sets, ...) with sensible values, plus
 * whatever the client sets. Not thread-safe; one per session.
 */
public final class SystemVariables {
    private final Map<String, Object> values = new TreeMap<>();

    public SystemVariables() {
        values.put("version", "8.0.33-cairn");
        values.put("version_comment", "Cairn");
        values.put("version_compile_os", System.getProperty("os.name", "Linux").toLowerCase(Locale.ROOT));
        values.put("version_compile_machine", System.getProperty("os.arch", "x86_64"));
        values.put("autocommit", 1L);
        values.put("auto_increment_increment", 1L);
        values.put("auto_increment_offset", 1L);
        values.put("character_set_client", "utf8mb4");
        values.put("character_set_connection", "utf8mb4");
        values.put("character_set_results", "utf8mb4");
        values.put("character_set_server", "utf8mb4");
        values.put("character_set_database", "utf8mb4");
        values.put("collation_connection", "utf8mb4_0900_bin");
        values.put("collation_server", "utf8mb4_0900_bin");
        values.put("collation_database", "utf8mb4_0900_bin");
        values.put("sql_mode", "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY");
        values.put("time_zone", "SYSTEM");
        values.put("system_time_zone", "UTC");
        values.put("transaction_isolation", "REPEATABLE-READ");
        values.put("tx_isolation", "REPEATABLE-READ");
        values.put("transaction_read_only", 0L);
        values.put("tx_read_only", 0L);
        values.put("max_allowed_packet", 67108864L);
        values.put("net_buffer_length", 16384L);
        values.put("wait_timeout", 28800L);
        values.put("interactive_timeout", 28800L);
        values.put("net_write_timeout", 60L);
        values.put("lower_case_table_names", 0L);
        values.put("sql_select_limit", Long.MAX_VALUE);
        values.put("sql_safe_updates", 0L);
        values.put("foreign_key_checks", 1L);
        values.put("unique_checks", 1L);
        values.put("max_execution_time", 0L);
        values.put("performance_schema", 0L);
        values.put("license", "Apache-2.0");
        values.put("init_connect", "");
        values.put("query_cache_type", "OFF");
        values.put("query_cache_size", 0L);
        values.put("div_precision_increment", 4L);
        values.put("port", 3306L);
        values.put("hostname", "localhost");
        values.put("max_connections", 151L);
        values.put("pseudo_thread_id", 1L);
        values.put("have_ssl", "DISABLED");
        values.put("have_openssl", "DISABLED");
        values.put("default_authentication_plugin", "mysql_native_password");
        values.put("default_storage_engine", "Cairn");
        values.put("storage_engine", "Cairn");
        values.put("protocol_version", 10L);
        values.put("character_set_system", "utf8mb3");
        values.put("character_sets_dir", "");
        values.put("explicit_defaults_for_timestamp", 1L);
        values.put("sql_auto_is_null", 0L);
        values.put("sql_notes", 1L);
        values.put("sql_quote_show_create", 1L);
        values.put("sql_warnings", 0L);
        values.put("time_format", "%H:%i:%s");
        values.put("date_format", "%Y-%m-%d");
        values.put("datetime_format", "%Y-%m-%d %H:%i:%s");
        values.put("group_concat_max_len", 1024L);
        values.put("innodb_lock_wait_timeout", 50L);
        values.put("lock_wait_timeout", 31536000L);
    }

    /** {@code session.x}, {@code GLOBAL.x}, {@code local.x} all mean {@code x}. */
    public static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"session.", "global.", "local.", "persist."}) {
            if (n.startsWith(prefix)) {
                return n.substring(prefix.length());
            }
        }
        return n;
    }

    public Object get(String name) {
        return values.get(normalize(name));
    }

    public void set(String name, Object value) {
        String n = normalize(name);
        if (n.equals("autocommit")) {
            value = Values.isTrue(value instanceof String s && s.equalsIgnoreCase("on") ? 1L
                    : value instanceof String s2 && s2.equalsIgnoreCase("off") ? 0L : value) ? 1L : 0L;
        }
        values.put(n, value);
    }

    /** Every variable and its value, by name. */
    public Map<String, Object> all() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public boolean autocommit() {
        return Values.isTrue(values.get("autocommit"));
    }
}
