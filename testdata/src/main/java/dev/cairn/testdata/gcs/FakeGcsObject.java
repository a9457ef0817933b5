package dev.cairn.testdata.gcs;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * One stored object generation: its bytes and the metadata the service reports for it.
 * Immutable; a write makes a new one with a new generation, as GCS does.
 *
 * @param contentType as the uploader gave it, or {@code application/octet-stream}
 */
public record FakeGcsObject(String bucket, String name, byte[] bytes, long generation, long metageneration,
        String contentType, Instant created) {

    /** The CRC32C of the bytes as GCS reports it: big-endian, base64. */
    public String crc32c() {
        return crc32cOf(bytes);
    }

    /** The MD5 of the bytes, base64. */
    public String md5() {
        return md5Of(bytes);
    }

    static String crc32cOf(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static String md5Of(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
