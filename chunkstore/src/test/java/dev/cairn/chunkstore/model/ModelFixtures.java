package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Builds tables from string rows, so model tests read like the changes they make. */
final class ModelFixtures {
    static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");

    private ModelFixtures() {
    }

    static CommitMeta meta(String message) {
        return META.withMessage(message);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Sets rows (a null value deletes) in table {@code name} of the branch's working root, creating it if needed. */
    static void write(Database db, String branch, String name, Map<String, String> rows) throws IOException {
        Branch br = db.branch(branch);
        RootValue working = br.working();
        Table t = working.table(name);
        if (t == null) {
            t = Table.empty(db.store(), b("schema:" + name));
        }
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        rows.forEach((k, v) -> edits.put(b(k), v == null ? null : b(v)));
        Table next = t.withRows(db.store(), t.rows().apply(edits));
        br.setWorking(working, working.withTable(name, next));
    }

    static void write(Database db, String branch, String name, String key, String value) throws IOException {
        Map<String, String> one = new java.util.HashMap<>();
        one.put(key, value);
        write(db, branch, name, one);
    }

    /** The rows of a table in the given root as a sorted string map. */
    static Map<String, String> rows(RootValue root, String table) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Table t = root.table(table);
        if (t == null) {
            return null;
        }
        var it = t.rows().iterator();
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            out.put(s(e.key()), s(e.value()));
        }
        return out;
    }
}
