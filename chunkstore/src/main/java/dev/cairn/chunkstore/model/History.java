package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Walks commit history. Commits carry their height, so walks visit commits highest first and
 * stop as soon as the answer is known instead of loading all of history.
 */
public final class History {
    private static final Comparator<Commit> NEWEST_FIRST = Comparator.comparingLong(Commit::height).reversed()
            .thenComparing(Comparator.comparingLong((Commit c) -> c.meta().timestampMillis()).reversed())
            .thenComparing(Commit::address);

    private History() {
    }

    /**
     * Commits reachable from {@code start}, newest first: with {@code firstParent} only the
     * first-parent chain, otherwise the whole DAG ordered by height then time. At most
     * {@code limit} commits (all if limit &lt; 0).
     */
    public static List<Commit> log(Database db, Hash start, boolean firstParent, int limit) throws IOException {
        List<Commit> out = new ArrayList<>();
        if (limit == 0) {
            return out;
        }
        if (firstParent) {
            Hash at = start;
            while (at != null && (limit < 0 || out.size() < limit)) {
                Commit c = db.commit(at);
                out.add(c);
                at = c.parents().isEmpty() ? null : c.parents().get(0);
            }
            return out;
        }
        PriorityQueue<Commit> queue = new PriorityQueue<>(NEWEST_FIRST);
        Set<Hash> seen = new HashSet<>();
        queue.add(db.commit(start));
        seen.add(start);
        while (!queue.isEmpty() && (limit < 0 || out.size() < limit)) {
            Commit c = queue.poll();
            out.add(c);
            for (Hash p : c.parents()) {
                if (seen.add(p)) {
                    queue.add(db.commit(p));
                }
            }
        }
        return out;
    }

    /** True if {@code ancestor} is {@code descendant} or reachable from it. */
    public static boolean isAncestor(Database db, Hash ancestor, Hash descendant) throws IOException {
        if (ancestor.equals(descendant)) {
            return true;
        }
        long targetHeight = db.commit(ancestor).height();
        PriorityQueue<Commit> queue = new PriorityQueue<>(NEWEST_FIRST);
        Set<Hash> seen = new HashSet<>();
        queue.add(db.commit(descendant));
        while (!queue.isEmpty()) {
            Commit c = queue.poll();
            if (c.address().equals(ancestor)) {
                return true;
            }
            if (c.height() <= targetHeight) {
                continue; // nothing below this height can lead to a commit at that height
            }
            for (Hash p : c.parents()) {
                if (seen.add(p)) {
                    queue.add(db.commit(p));
                }
            }
        }
        return false;
    }

    /**
     * The best common ancestor of two commits: of the commits reachable from both, one with
     * the greatest height. Empty if the histories are unrelated.
     */
    public static Optional<Hash> mergeBase(Database db, Hash a, Hash b) throws IOException {
        final int fromA = 1;
        final int fromB = 2;
        Map<Hash, Integer> marks = new HashMap<>();
        PriorityQueue<Commit> queue = new PriorityQueue<>(NEWEST_FIRST);
        marks.put(a, fromA);
        marks.merge(b, fromB, (x, y) -> x | y);
        queue.add(db.commit(a));
        if (!a.equals(b)) {
            queue.add(db.commit(b));
        }
        while (!queue.isEmpty()) {
            Commit c = queue.poll();
            int mark = marks.get(c.address());
            if (mark == (fromA | fromB)) {
                return Optional.of(c.address());
            }
            for (Hash p : c.parents()) {
                Integer old = marks.get(p);
                int merged = old == null ? mark : old | mark;
                if (old == null || merged != old) {
                    marks.put(p, merged);
                    if (old == null) {
                        queue.add(db.commit(p));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
