package dev.cairn.cli.demo;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.model.WorkingSet;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What must survive a backup and restore, as comparable text: every ref (branches, tags,
 * remote-tracking refs, working sets) with its address, and for each working set the row
 * count and a checksum of every row of every table in its working and staged roots. The
 * checksums are computed by reading the rows, so a restore that got the addresses right but
 * lost or damaged data would still differ.
 *
 * @param refs dataset name to address
 * @param tables {@code <working set>/<working|staged>/<table>} to {@code <rows> rows, crc <hex>}
 */
public record DatabaseFingerprint(Map<String, String> refs, Map<String, String> tables) {

    public static DatabaseFingerprint of(Repo repo) throws IOException {
        Map<String, String> refs = new TreeMap<>();
        for (Map.Entry<String, Hash> e : repo.db().refs().all().entrySet()) {
            refs.put(e.getKey(), e.getValue().toString());
        }
        Map<String, String> tables = new TreeMap<>();
        for (Map.Entry<String, Hash> e : repo.db().refs().list(RefNames.WORKING_SETS).entrySet()) {
            WorkingSet ws = repo.db().workingSetAt(e.getValue());
            checksum(tables, e.getKey() + "/working", repo.db().rootValue(ws.working()));
            checksum(tables, e.getKey() + "/staged", repo.db().rootValue(ws.staged()));
        }
        return new DatabaseFingerprint(refs, tables);
    }

    private static void checksum(Map<String, String> out, String prefix, RootValue root) throws IOException {
        for (String name : root.tableNames()) {
            Table t = root.table(name);
            ProllyMap rows = t.rows();
            CRC32C crc = new CRC32C();
            long n = 0;
            for (ProllyIterator it = rows.iterator(); it.hasNext(); n++) {
                ProllyMap.Entry row = it.next();
                crc.update(row.key());
                crc.update(row.value());
            }
            out.put(prefix + "/" + name, n + " rows, crc " + Long.toHexString(crc.getValue()));
        }
    }

    /** The lines on which {@code this} and {@code other} differ, empty if they are equal. */
    public List<String> differences(DatabaseFingerprint other) {
        List<String> out = new ArrayList<>();
        diff(out, "ref", refs, other.refs);
        diff(out, "table", tables, other.tables);
        return out;
    }

    private static void diff(List<String> out, String what, Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> keys = new TreeMap<>(a);
        b.forEach(keys::putIfAbsent);
        for (String k : keys.keySet()) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null || !x.equals(y)) {
                out.add(what + " " + k + ": " + x + " vs " + y);
            }
        }
    }
}
