package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk formats of the versioned model's own objects (prolly tree nodes have theirs in
 * the prolly package). Every address an object refers to is a child in the chunk header, so
 * a generic walk from the store root reaches all of history. The payload starts with a kind
 * byte and a format version byte; strings are UTF-8 with a varint length; times are
 * milliseconds since the epoch as 8 big-endian bytes.
 *
 * <pre>
 *   kind  children                       payload after kind and version
 *   'C'   root value, parents...         height (varint), author name, email, time, message
 *   'T'   tagged commit                  tagger name, email, time, message
 *   'W'   working root, staged root      (nothing)
 *   'R'   per table: schema, row map     table count (varint), then per table in name order:
 *                                        name, next auto-increment (varint)
 *   'S'   (none)                         schema (varint length + bytes; row.SchemaCodec's format)
 * </pre>
 *
 * Tables live inside their root value rather than in chunks of their own, and schemas in
 * chunks shared by every root value that has them, so changing one row rewrites only the
 * row map's path, the root value and, on commit, the commit: nothing per table.
 */
public final class ModelCodec {
    static final int VERSION = 1;
    static final byte COMMIT = 'C';
    static final byte TAG = 'T';
    static final byte WORKING_SET = 'W';
    static final byte ROOT_VALUE = 'R';
    static final byte SCHEMA = 'S';

    private ModelCodec() {
    }

    public static Chunk encodeCommit(Hash rootValue, List<Hash> parents, long height, CommitMeta meta) {
        List<Hash> children = new ArrayList<>(parents.size() + 1);
        children.add(rootValue);
        children.addAll(parents);
        FieldWriter w = header(COMMIT).varlong(height);
        meta(w, meta);
        return Chunk.create(children, w.toByteArray());
    }

    public static Commit decodeCommit(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, COMMIT, "commit");
        List<Hash> children = chunk.children();
        if (children.isEmpty()) {
            throw r.corrupt("a commit without a root value");
        }
        long height = r.varlong();
        CommitMeta meta = meta(r);
        r.expectEnd();
        return new Commit(chunk.hash(), children.get(0), children.subList(1, children.size()), height, meta);
    }

    public static Chunk encodeTag(Hash commit, CommitMeta meta) {
        FieldWriter w = header(TAG);
        meta(w, meta);
        return Chunk.create(List.of(commit), w.toByteArray());
    }

    public static Tag decodeTag(String name, Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, TAG, "tag");
        List<Hash> children = chunk.children();
        if (children.size() != 1) {
            throw r.corrupt("a tag must name exactly one commit");
        }
        CommitMeta meta = meta(r);
        r.expectEnd();
        return new Tag(name, chunk.hash(), children.get(0), meta);
    }

    public static Chunk encodeWorkingSet(WorkingSet ws) {
        return Chunk.create(List.of(ws.working(), ws.staged()), header(WORKING_SET).toByteArray());
    }

    public static WorkingSet decodeWorkingSet(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, WORKING_SET, "working set");
        List<Hash> children = chunk.children();
        if (children.size() != 2) {
            throw r.corrupt("a working set must name a working and a staged root");
        }
        r.expectEnd();
        return new WorkingSet(children.get(0), children.get(1));
    }

    /** One table as a root value stores it: its schema chunk, its row map and auto-increment state. */
    public record TableEntry(String name, Hash schema, Hash rows, long nextAutoIncrement) {
    }

    /** A root value with these tables, which must be sorted by name. */
    public static Chunk encodeRootValue(List<TableEntry> tables) {
        List<Hash> children = new ArrayList<>(tables.size() * 2);
        FieldWriter w = header(ROOT_VALUE).varlong(tables.size());
        for (TableEntry t : tables) {
            children.add(t.schema());
            children.add(t.rows());
            w.string(t.name()).varlong(t.nextAutoIncrement());
        }
        return Chunk.create(children, w.toByteArray());
    }

    public static List<TableEntry> decodeRootValue(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, ROOT_VALUE, "root value");
        int n = r.varint();
        List<Hash> children = chunk.children();
        if (children.size() != 2L * n) {
            throw r.corrupt("a root value of " + n + " tables must name " + 2L * n + " chunks, not " + children.size());
        }
        List<TableEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.string();
            long next = r.varlong();
            out.add(new TableEntry(name, children.get(2 * i), children.get(2 * i + 1), next));
        }
        r.expectEnd();
        return out;
    }

    public static Chunk encodeSchema(byte[] schema) {
        return Chunk.create(List.of(), header(SCHEMA).bytes(schema).toByteArray());
    }

    public static byte[] decodeSchema(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, SCHEMA, "schema");
        byte[] schema = r.bytes();
        r.expectEnd();
        return schema;
    }

    private static FieldWriter header(byte kind) {
        return new FieldWriter().u8(kind).u8(VERSION);
    }

    private static FieldReader open(Chunk chunk, byte kind, String what) throws CorruptChunkException {
        FieldReader r = new FieldReader(chunk.hash(), chunk.data(), chunk.payloadOffset());
        int k;
        try {
            k = r.u8();
        } catch (CorruptChunkException e) {
            throw r.corrupt("expected a " + what + " but the payload is empty");
        }
        if (k != kind) {
            throw r.corrupt("expected a " + what + " chunk ('" + (char) kind + "') but found kind " + k);
        }
        int version = r.u8();
        if (version != VERSION) {
            throw r.corrupt("unsupported " + what + " format version " + version);
        }
        return r;
    }

    private static void meta(FieldWriter w, CommitMeta meta) {
        w.string(meta.name()).string(meta.email()).int64(meta.timestampMillis()).string(meta.message());
    }

    private static CommitMeta meta(FieldReader r) throws CorruptChunkException {
        String name = r.string();
        String email = r.string();
        long time = r.int64();
        String message = r.string();
        return new CommitMeta(name, email, time, message);
    }
}
