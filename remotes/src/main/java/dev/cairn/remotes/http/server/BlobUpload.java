package dev.cairn.remotes.http.server;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One blob upload: the body streamed to a staging file beside the blobs while it is hashed,
 * checked, and only then published under its key. Nothing the client sent is visible, and
 * nothing is left behind, unless every check passed.
 */
final class BlobUpload {
    private static final String SHA_256 = "sha-256=:";

    private BlobUpload() {
    }

    /**
     * The SHA-256 an RFC 9530 {@code Content-Digest} header declares.
     *
     * @throws HttpError 400 if the header is missing or has no well-formed sha-256 entry
     */
    static byte[] declaredDigest(String header) throws HttpError {
        if (header == null) {
            throw HttpError.badRequest("Content-Digest: sha-256=:<base64>: is required");
        }
        for (String entry : header.split(",")) {
            String e = entry.strip();
            if (e.regionMatches(true, 0, SHA_256, 0, SHA_256.length()) && e.endsWith(":")
                    && e.length() > SHA_256.length()) {
                try {
                    byte[] d = Base64.getDecoder().decode(e.substring(SHA_256.length(), e.length() - 1));
                    if (d.length == 32) {
                        return d;
                    }
                } catch (IllegalArgumentException bad) {
                    // reported below
                }
                throw HttpError.badRequest("malformed sha-256 entry in Content-Digest");
            }
        }
        throw HttpError.badRequest("Content-Digest has no sha-256 entry");
    }

    /**
     * Receives a blob.
     *
     * @return true if the blob was created; false if the key already held a blob, which is kept
     */
    static boolean receive(DirectoryBlobStore blobs, String key, InputStream body, long length, byte[] digest)
            throws IOException, HttpError {
        Path staged = blobs.newStagingFile();
        try {
            MessageDigest sha = sha256();
            long received = 0;
            try (FileChannel out = FileChannel.open(staged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = body.read(buf)) > 0) {
                    received += n;
                    if (received > length) {
                        break;
                    }
                    sha.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                if (received != length) {
                    throw new HttpError(422, "digest_mismatch", "received " + received
                            + " bytes, Content-Length said " + length);
                }
                if (!MessageDigest.isEqual(sha.digest(), digest)) {
                    throw new HttpError(422, "digest_mismatch", "the body's SHA-256 is not the one in Content-Digest");
                }
                if (Hash.isHash(key)) {
                    try {
                        TableFileCheck.check(key, out, TableFileCheck.Depth.RECORDS);
                    } catch (CorruptChunkException e) {
                        throw new HttpError(422, "bad_table_file", e.getMessage());
                    }
                }
                out.force(true);
            }
            return publishOnce(blobs, staged, key);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Makes the staged file visible as {@code key} unless a blob already has that name. A hard
     * link fails when the name is taken, so of two racing uploads of one key exactly one is
     * published and the other changes nothing; a rename would silently replace. Where links
     * are not supported, the store's own rename publishes after an existence check.
     */
    private static boolean publishOnce(DirectoryBlobStore blobs, Path staged, String key) throws IOException {
        Path target = blobs.root().resolve(key);
        if (!target.normalize().startsWith(blobs.root())) {
            throw new IllegalArgumentException("blob key '" + key + "' escapes " + blobs.root());
        }
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, staged);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof IOException && Files.exists(target)) {
                return false;
            }
            if (blobs.exists(key)) {
                return false;
            }
            blobs.publish(staged, key);
            return true;
        }
        Files.delete(staged);
        fsyncDirectory(target.getParent());
        return true;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
