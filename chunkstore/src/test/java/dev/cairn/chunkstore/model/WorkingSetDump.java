package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints every branch's head, staged and working tables and rows in a canonical form. Run
 * as a child process by {@link WorkingSetPersistenceTest} to read a database from disk in a
 * JVM that never saw it written.
 */
public final class WorkingSetDump {
    private WorkingSetDump() {
    }

    public static void main(String[] args) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(Path.of(args[0])))) {
            for (String line : dump(Database.open(store))) {
                System.out.println(line);
            }
        }
    }

    static List<String> dump(Database db) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, dev.cairn.chunkstore.Hash> b : db.branches().entrySet()) {
            Branch br = db.branch(b.getKey());
            out.add("branch " + b.getKey() + " head " + b.getValue());
            dumpRoot(out, "  head", br.headRoot());
            dumpRoot(out, "  staged", br.staged());
            dumpRoot(out, "  working", br.working());
            Status s = Status.of(br);
            out.add("  status staged=" + s.staged() + " unstaged=" + s.unstaged() + " untracked=" + s.untracked());
        }
        for (Tag t : db.tags()) {
            out.add("tag " + t.name() + " " + t.commit());
        }
        return out;
    }

    private static void dumpRoot(List<String> out, String label, RootValue root) throws IOException {
        for (String table : root.tableNames()) {
            out.add(label + " " + table + " " + ModelFixtures.rows(root, table));
        }
    }
}
