package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingChunkException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the DAG under some roots breadth-first through the chunk headers,
 * reading each chunk once from a set of table files.
 *
 * <p>Reads are batched: a few thousand queued addresses are looked up in the
 * files' indexes, sorted by file and offset, and read as runs of neighbouring
 * records, so a walk over a store reads its files in long forward strides
 * instead of one seek per chunk.
 *
 * <p>A walk can be resumed. If a read fails because a file vanished (another
 * writer conjoined or collected it), the chunks not yet read stay queued, and
 * {@link #walk} can go on over the files of a newer manifest. Not thread-safe.
 */
final class DagWalker {
    /** Receives each chunk read, with the record it was stored as. */
    interface Visitor {
        void visit(TableFileReader from, CompressedRecord record, Chunk chunk) throws IOException;
    }

    /** A queued address: the chunk naming it (null for a root), and whether it must be present. */
    private record Ref(Hash hash, Hash parent, boolean required) {
    }

    /** A chunk's record in a file: where it starts, and its stored and chunk lengths. */
    private record Located(Ref ref, TableFileReader reader, long offset, int stored, int length) {
        long end() {
            return offset + stored + TableFileFormat.CRC_LENGTH;
        }
    }

    private static final int BATCH = 4096;
    /** Records this close together are read in one request, the gap with them. */
    private static final long MAX_GAP = 64 << 10;
    private static final long MAX_RUN = 4 << 20;

    private final Visitor visitor;
    private final Set<Hash> seen = new HashSet<>();
    private final Set<Hash> absentOptional = new HashSet<>();
    private final ArrayDeque<Ref> required = new ArrayDeque<>();
    private final ArrayDeque<Ref> optional = new ArrayDeque<>();

    DagWalker(Visitor visitor) {
        this.visitor = visitor;
    }

    /** Queues a root whose whole DAG must be present. {@link Hash#EMPTY} is no chunk and is ignored. */
    void addRoot(Hash root) throws MissingChunkException {
        enqueue(new Ref(root, null, true));
    }

    /**
     * Queues a chunk that is kept with what it reaches, but that may name
     * children nobody has put yet: an uncommitted put. Roots are walked first,
     * so a chunk both reach is checked as part of a root's DAG.
     */
    void addOptional(Hash h) throws MissingChunkException {
        enqueue(new Ref(h, null, false));
    }

    /** Chunks queued or read so far. */
    int seen() {
        return seen.size();
    }

    private void enqueue(Ref r) throws MissingChunkException {
        if (r.hash().isEmpty()) {
            return;
        }
        if (seen.add(r.hash())) {
            (r.required() ? required : optional).add(r);
        } else if (r.required() && absentOptional.contains(r.hash())) {
            throw missing(r);
        }
    }

    /**
     * Reads everything queued and everything it reaches. A chunk found in a file
     * named in {@code complete} is known to have its whole DAG present, so it is
     * neither read nor descended into.
     *
     * @throws MissingChunkException if a chunk a root reaches is in none of {@code sources}
     * @throws java.nio.channels.ClosedChannelException or {@link dev.cairn.chunkstore.blob.NoSuchBlobException}
     *     if a file went away; what was not read stays queued, and the walk may go on over other files.
     *     After any other failure the walk is not usable.
     */
    void walk(List<TableFileReader> sources, Set<String> complete) throws IOException {
        while (!required.isEmpty() || !optional.isEmpty()) {
            List<Located> batch = new ArrayList<>();
            while (batch.size() < BATCH && (!required.isEmpty() || !optional.isEmpty())) {
                Ref r = required.isEmpty() ? optional.poll() : required.poll();
                Located at = locate(r, sources, complete);
                if (at == null) {
                    if (r.required()) {
                        throw missing(r);
                    }
                    absentOptional.add(r.hash());
                } else if (at.reader() != null) {
                    batch.add(at);
                }
            }
            read(batch);
        }
    }

    /** Where to read {@code r}; a Located without a reader if it need not be read; null if absent. */
    private static Located locate(Ref r, List<TableFileReader> sources, Set<String> complete) throws IOException {
        Located found = null;
        for (TableFileReader t : sources) {
            TableIndex idx = t.index();
            int i = idx.find(r.hash());
            if (i >= 0) {
                if (complete.contains(t.name())) {
                    return new Located(r, null, -1, 0, 0);
                }
                if (found == null) {
                    found = new Located(r, t, idx.offset(i), idx.storedLength(i), idx.uncompressedLength(i));
                    if (complete.isEmpty()) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Reads a batch file by file in offset order, a run of nearby records per request. */
    private void read(List<Located> batch) throws IOException {
        Map<TableFileReader, List<Located>> byFile = new IdentityHashMap<>();
        for (Located l : batch) {
            byFile.computeIfAbsent(l.reader(), k -> new ArrayList<>()).add(l);
        }
        List<List<Located>> runs = new ArrayList<>();
        for (List<Located> inFile : byFile.values()) {
            inFile.sort(Comparator.comparingLong(Located::offset));
            List<Located> run = new ArrayList<>();
            for (Located l : inFile) {
                if (!run.isEmpty() && (l.offset() - run.get(run.size() - 1).end() > MAX_GAP
                        || l.end() - run.get(0).offset() > MAX_RUN)) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
                run.add(l);
            }
            runs.add(run);
        }
        for (int k = 0; k < runs.size(); k++) {
            List<Located> run = runs.get(k);
            TableFileReader file = run.get(0).reader();
            long start = run.get(0).offset();
            byte[] bytes;
            try {
                bytes = file.readRange(start, Math.toIntExact(run.get(run.size() - 1).end() - start));
            } catch (IOException e) {
                // Put back what was not read, so a caller that retries over newer files loses nothing.
                for (List<Located> unread : runs.subList(k, runs.size())) {
                    for (Located l : unread) {
                        (l.ref().required() ? required : optional).addFirst(l.ref());
                    }
                }
                throw e;
            }
            visitRun(run, bytes, start);
        }
    }

    private void visitRun(List<Located> run, byte[] bytes, long start) throws IOException {
        for (Located l : run) {
            TableFileReader file = l.reader();
            int off = (int) (l.offset() - start);
            int stored = l.stored();
            Hash h = l.ref().hash();
            Chunk chunk = file.decode(h, bytes, off, stored, l.length());
            byte[] record = Arrays.copyOfRange(bytes, off, off + stored + TableFileFormat.CRC_LENGTH);
            visitor.visit(file, new CompressedRecord(h, record, chunk.size()), chunk);
            boolean req = l.ref().required();
            for (Hash child : chunk.children()) {
                enqueue(new Ref(child, h, req));
            }
        }
    }

    private static MissingChunkException missing(Ref r) {
        return new MissingChunkException(r.hash(), r.parent(), r.parent() == null
                ? "chunk " + r.hash() + ", a root, is not in the store"
                : "chunk " + r.hash() + ", a child of " + r.parent() + ", is not in the store");
    }
}
