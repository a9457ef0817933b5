package dev.cairn.sql.procs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of stored procedures, looked up case-insensitively by {@code CALL}. */
public final class Procedures {
    private static final Map<String, Procedure> BY_NAME = new ConcurrentHashMap<>();

    private Procedures() {
    }

    public static void register(Procedure p) {
        BY_NAME.put(p.name().toLowerCase(Locale.ROOT), p);
    }

    public static Optional<Procedure> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
