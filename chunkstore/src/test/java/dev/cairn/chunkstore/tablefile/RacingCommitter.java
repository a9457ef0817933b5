package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process for {@link ConcurrentProcessCommitTest}: opens the store at
 * {@code args[0]}, prints {@code READY}, waits for a line on stdin, then makes
 * {@code args[2]} commits, each a chunk with payload {@code <args[1]>-<i>}
 * on top of the current root. A lost race re-reads the root and rebuilds on
 * top of the winner. Prints {@code DONE <payload> <attempts>} per commit.
 * An optional {@code args[3]} sets {@link TableFileChunkStore.Options#maxTables()},
 * so that small values make every few commits conjoin.
 */
public final class RacingCommitter {
    private RacingCommitter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String name = args[1];
        int commits = Integer.parseInt(args[2]);
        TableFileChunkStore.Options options = TableFileChunkStore.Options.DEFAULT;
        if (args.length > 3) {
            options = new TableFileChunkStore.Options(options.memTableBytes(), Integer.parseInt(args[3]),
                    options.conjoinMaxBytes(), options.maxCasAttempts());
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir), options)) {
            out.println("READY");
            out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < commits; i++) {
                byte[] payload = (name + "-" + i).getBytes(StandardCharsets.UTF_8);
                Hash parent = store.root();
                int attempts = 1;
                while (true) {
                    Chunk c = Chunk.create(parent.isEmpty() ? List.of() : List.of(parent), payload);
                    store.put(c);
                    if (store.commit(c.hash(), parent)) {
                        break;
                    }
                    parent = store.root();
                    attempts++;
                }
                out.println("DONE " + name + "-" + i + " " + attempts);
                out.flush();
            }
        }
        out.println("EXIT");
        out.flush();
    }
}
