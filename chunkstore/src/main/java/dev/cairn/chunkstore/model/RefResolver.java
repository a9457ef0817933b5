package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.List;

/**
 * Turns a user's ref expression into a commit address against one snapshot of the refs:
 * {@code HEAD}, a branch, a tag, {@code remote/branch}, a full ref name ({@code refs/heads/x})
 * or a 32-character commit hash, then any ancestry suffixes: {@code ~N} (N first parents
 * back), {@code ^} (first parent) and {@code ^N} (the Nth parent).
 */
final class RefResolver {
    private final Database db;
    private final StoreRoot refs;

    RefResolver(Database db, StoreRoot refs) {
        this.db = db;
        this.refs = refs;
    }

    Hash resolveCommit(String expression, String currentBranch) throws IOException {
        if (expression == null || expression.isBlank()) {
            throw new DatabaseException("invalid ref: empty");
        }
        String expr = expression.trim();
        int cut = firstSuffix(expr);
        Hash at = resolveBase(expr.substring(0, cut), currentBranch, expression);
        int i = cut;
        while (i < expr.length()) {
            char op = expr.charAt(i++);
            int start = i;
            while (i < expr.length() && Character.isDigit(expr.charAt(i))) {
                i++;
            }
            int n = start == i ? 1 : parseCount(expr.substring(start, i), expression);
            if (op == '~') {
                for (int k = 0; k < n; k++) {
                    at = parent(at, 1, expression);
                }
            } else if (op == '^') {
                if (n > 0) {
                    at = parent(at, n, expression);
                }
            } else {
                throw new DatabaseException("invalid ref: " + expression);
            }
        }
        return at;
    }

    private static int firstSuffix(String expr) {
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '~' || c == '^') {
                return i;
            }
        }
        return expr.length();
    }

    private static int parseCount(String digits, String expression) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new DatabaseException("invalid ref: " + expression);
        }
    }

    private Hash parent(Hash commit, int n, String expression) throws IOException {
        List<Hash> parents = db.commit(commit).parents();
        if (parents.size() < n) {
            throw new DatabaseException("invalid ref: " + expression + " goes back past the first commit");
        }
        return parents.get(n - 1);
    }

    private Hash resolveBase(String base, String currentBranch, String expression) throws IOException {
        if (base.equalsIgnoreCase("HEAD")) {
            if (currentBranch == null) {
                throw new DatabaseException("no branch is checked out, so HEAD means nothing");
            }
            return Database.branchHead(refs, currentBranch);
        }
        if (base.startsWith("refs/")) {
            Hash h = refs.get(base);
            if (h != null) {
                return peel(h, base);
            }
        }
        Hash h = refs.get(RefNames.branch(base));
        if (h != null) {
            return h;
        }
        h = refs.get(RefNames.tag(base));
        if (h != null) {
            return peel(h, base);
        }
        h = refs.get(RefNames.REMOTES + base);
        if (h != null) {
            return h;
        }
        if (Hash.isHash(base)) {
            Hash candidate = Hash.parse(base);
            Chunk c = db.store().get(candidate);
            if (c != null) {
                ModelCodec.decodeCommit(c); // a hash of something else is not a commit
                return candidate;
            }
        }
        throw new DatabaseException("branch not found: " + expression);
    }

    /** A tag's address leads to its commit; anything else is already a commit. */
    private Hash peel(Hash address, String name) throws IOException {
        Chunk c = ChunkLoader.require(db.store(), address, "ref target");
        byte[] data = c.data();
        if (data.length > c.payloadOffset() && data[c.payloadOffset()] == ModelCodec.TAG) {
            return ModelCodec.decodeTag(name, c).commit();
        }
        return address;
    }
}
