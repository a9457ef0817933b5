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
 *   'R'   table map root                 (nothing)
 *   'B'   row map root                   schema (varint length + bytes), next auto-increment (varint)
 * </pre>
 */
public final class ModelCodec {
    static final int VERSION = 1;
    static final byte COMMIT = 'C';
    static final byte TAG = 'T';
    static final byte WORKING_SET = 'W';
    static final byte ROOT_VALUE = 'R';
    static final byte TABLE = 'B';

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

    public static Chunk encodeRootValue(Hash tableMap) {
        return Chunk.create(List.of(tableMap), header(ROOT_VALUE).toByteArray());
    }

    /** The address of the root value's table map. */
    public static Hash decodeRootValue(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, ROOT_VALUE, "root value");
        if (chunk.children().size() != 1) {
            throw r.corrupt("a root value must name exactly one table map");
        }
        r.expectEnd();
        return chunk.children().get(0);
    }

    public static Chunk encodeTable(byte[] schema, Hash rows, long nextAutoIncrement) {
        byte[] payload = header(TABLE).bytes(schema).varlong(nextAutoIncrement).toByteArray();
        return Chunk.create(List.of(rows), payload);
    }

    /** Decodes a table chunk into its schema bytes, row map address and next auto-increment value. */
    public static TableRecord decodeTable(Chunk chunk) throws CorruptChunkException {
        FieldReader r = open(chunk, TABLE, "table");
        if (chunk.children().size() != 1) {
            throw r.corrupt("a table must name exactly one row map");
        }
        byte[] schema = r.bytes();
        long next = r.varlong();
        r.expectEnd();
        return new TableRecord(chunk.hash(), schema, chunk.children().get(0), next);
    }

    /** A table as stored: the schema still encoded. */
    public record TableRecord(Hash address, byte[] schema, Hash rows, long nextAutoIncrement) {
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
