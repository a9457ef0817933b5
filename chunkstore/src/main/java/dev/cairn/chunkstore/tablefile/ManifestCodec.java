package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes the manifest, format version 1: UTF-8 text, one record per line,
 * so an operator can read it.
 *
 * <pre>
 *   cairn-manifest 1
 *   lock 7f0c...-uuid
 *   root 0123456789abcdefghijklmnopqrstuv
 *   gc 1d3e...-uuid                      (only once the store was garbage collected)
 *   table &lt;name&gt; &lt;chunk count&gt; &lt;length&gt; &lt;uncompressed size&gt;
 *   ...                                  (one line per live table file)
 *   crc32c &lt;hex of the CRC32C of all preceding bytes&gt;
 * </pre>
 */
public final class ManifestCodec {
    private static final String HEADER = "cairn-manifest 1";
    static final String FILE = "manifest";

    private ManifestCodec() {
    }

    public static byte[] encode(Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append(HEADER).append('\n');
        sb.append("lock ").append(m.lockToken()).append('\n');
        sb.append("root ").append(m.root()).append('\n');
        if (!m.gcGeneration().isEmpty()) {
            sb.append("gc ").append(m.gcGeneration()).append('\n');
        }
        for (TableFileSummary t : m.tables()) {
            sb.append("table ").append(t.name()).append(' ').append(t.chunkCount()).append(' ')
                    .append(t.length()).append(' ').append(t.uncompressedSize()).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        String trailer = "crc32c " + String.format("%08x", crc.getValue()) + "\n";
        byte[] out = new byte[body.length + trailer.length()];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(trailer.getBytes(StandardCharsets.US_ASCII), 0, out, body.length, trailer.length());
        return out;
    }

    /** Decodes a manifest; {@code where} names it in errors. */
    public static Manifest decode(String where, byte[] bytes) throws CorruptChunkException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcLine = text.lastIndexOf("crc32c ");
        if (!text.startsWith(HEADER + "\n") || crcLine < 0 || !text.endsWith("\n")) {
            throw new CorruptChunkException(where, null, "not a cairn manifest (or an unsupported version)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, text.substring(0, crcLine).getBytes(StandardCharsets.UTF_8).length);
        String declared = text.substring(crcLine + 7).trim();
        if (!declared.equals(String.format("%08x", crc.getValue()))) {
            throw new CorruptChunkException(where, null, "manifest CRC mismatch");
        }
        String lock = null;
        Hash root = null;
        String gcGeneration = "";
        List<TableFileSummary> tables = new ArrayList<>();
        String[] lines = text.substring(0, crcLine).split("\n");
        try {
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                switch (f[0]) {
                    case "lock" -> lock = f[1];
                    case "root" -> root = Hash.parse(f[1]);
                    case "gc" -> gcGeneration = f[1];
                    case "table" -> tables.add(new TableFileSummary(f[1], Integer.parseInt(f[2]),
                            Long.parseLong(f[3]), Long.parseLong(f[4])));
                    default -> throw new IllegalArgumentException("unknown line '" + lines[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            throw new CorruptChunkException(where, null, "malformed manifest: " + e.getMessage(), e);
        }
        if (lock == null || root == null) {
            throw new CorruptChunkException(where, null, "malformed manifest: no lock or root line");
        }
        return new Manifest(lock, root, tables, gcGeneration);
    }
}
