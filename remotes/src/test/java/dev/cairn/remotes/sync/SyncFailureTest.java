package dev.cairn.remotes.sync;

import static dev.cairn.remotes.sync.SyncSupport.SMALL;
import static dev.cairn.remotes.sync.SyncSupport.assertHolds;
import static dev.cairn.remotes.sync.SyncSupport.assertNoMissingFiles;
import static dev.cairn.remotes.sync.SyncSupport.mirror;
import static dev.cairn.remotes.sync.SyncSupport.rootOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.StoreRoot;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Syncs that break part way, meet damaged files, or lose races, and the syncs after them. */
class SyncFailureTest {
    @TempDir
    Path tmp;

    private final SyncEngine engine = new SyncEngine(SMALL);

    private LocalDb db(Path dir) throws IOException {
        LocalDb db = LocalDb.init(dir);
        for (int i = 0; i < 6; i++) {
            db.writeRows("main", "t" + (i % 2), i * 1_000, 1_000, "r" + i);
            db.commit("main", "batch " + i);
        }
        db.branch("feature");
        db.writeRows("feature", "t1", 50_000, 300, "f");
        return db;
    }

    /**
     * Fails after k uploads, for several random k, in both a whole-file copy and a walk; then
     * a clean sync. The failed sync must leave the remote's root and manifest as they were,
     * and the next one must finish with the same data, without sending again the files the
     * failed one got across.
     */
    @ParameterizedTest(name = "whole-file copy: {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedSyncLeavesOnlyUnreferencedFilesAndTheNextOneReusesThem(boolean wholeFile) throws IOException {
        Random random = new Random(wholeFile ? 11 : 12);
        try (LocalDb src = db(tmp.resolve("src"))) {
            Path pristine = tmp.resolve("pristine");
            if (!wholeFile) {
                mirror(engine, src.dir, pristine);
                src.writeRows("main", "t0", 100_000, 3_000, "new");
                src.commit("main", "a lot more");
            }
            int files = wholeFile ? src.store.manifest().tables().size() : 10;
            for (int round = 0; round < 4; round++) {
                int k = random.nextInt(files);
                Path remote = tmp.resolve("remote-" + round);
                Hash before = Hash.EMPTY;
                if (!wholeFile) {
                    mirror(engine, pristine, remote);
                    before = rootOf(remote);
                }
                FaultyBlobStore faulty = FaultyBlobStore.failingAfterPuts(new DirectoryBlobStore(remote), k);
                assertThatThrownBy(() -> mirror(engine, new DirectoryBlobStore(src.dir), faulty))
                        .as("sync failing after %d uploads", k).isInstanceOf(IOException.class)
                        .hasMessageContaining("injected failure");
                assertThat(rootOf(remote)).isEqualTo(before);
                assertNoMissingFiles(new DirectoryBlobStore(remote));

                SyncResult r = mirror(engine, src.dir, remote);
                assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
                assertThat(r.wholeFileCopy()).isEqualTo(wholeFile);
                // At least: an upload cancelled after its rename but before it returned is there too.
                assertThat(r.filesReused()).as("files the failed sync got across")
                        .isGreaterThanOrEqualTo(faulty.putsDone.get());
                if (wholeFile) {
                    assertThat(r.filesReused() + r.filesUploaded()).isEqualTo(files);
                }
                assertHolds(remote, src.store, src.root());
            }
        }
    }

    @Test
    void aFailedManifestWriteIsReportedAsUnknownAndTheNextSyncFinishes() throws IOException {
        try (LocalDb src = db(tmp.resolve("src"))) {
            Path remote = tmp.resolve("remote");
            FaultyBlobStore faulty = FaultyBlobStore.failingManifest(new DirectoryBlobStore(remote));
            assertThatThrownBy(() -> mirror(engine, new DirectoryBlobStore(src.dir), faulty))
                    .isInstanceOf(SyncCommitUnknownException.class);
            assertThat(new DirectoryBlobStore(remote).getManifest()).isNull();

            SyncResult r = mirror(engine, src.dir, remote);
            assertThat(r.filesReused()).isEqualTo(src.store.manifest().tables().size());
            assertThat(r.filesUploaded()).isZero();
            assertHolds(remote, src.store, src.root());
        }
    }

    @Test
    void aFlippedByteInARemoteFileIsCaughtOnRestoreAndNamesTheFile() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = db(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
        }
        TableFileSummary victim = largestFile(remote);
        flipByte(remote.resolve(victim.name()), 5);

        Path restored = tmp.resolve("restored");
        assertThatThrownBy(() -> mirror(engine, remote, restored))
                .isInstanceOfSatisfying(CorruptChunkException.class, e -> assertThat(e.file()).isEqualTo(victim.name()))
                .hasMessageContaining(victim.name());
        assertThat(new DirectoryBlobStore(restored).getManifest()).as("nothing restored is referenced").isNull();
    }

    @Test
    void aFlippedByteIsCaughtWhenAFetchWalksTheRemoteToo() throws IOException {
        Path remote = tmp.resolve("remote");
        Path local = tmp.resolve("local");
        try (LocalDb src = db(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
            mirror(engine, remote, local);
            src.writeRows("main", "t0", 200_000, 200, "later");
            src.commit("main", "later");
            mirror(engine, src.dir, remote);
        }
        Set<String> fresh = new HashSet<>(names(remote));
        fresh.removeAll(names(local));
        assertThat(fresh).isNotEmpty();
        String victim = fresh.iterator().next();
        flipByte(remote.resolve(victim), 5);
        Hash before = rootOf(local);

        assertThatThrownBy(() -> mirror(engine, remote, local))
                .isInstanceOfSatisfying(CorruptChunkException.class, e -> assertThat(e.file()).isEqualTo(victim));
        assertThat(rootOf(local)).isEqualTo(before);
    }

    @Test
    void aPushThatLosesTheManifestRaceRecomputesItsRootOnTheWinners() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = db(tmp.resolve("src"))) {
            src.commit("feature", "feature work");
            Hash main = src.db.branchHead("main");
            Hash feature = src.db.branchHead("feature");
            FaultyBlobStore racing = FaultyBlobStore.racing(new DirectoryBlobStore(remote), () -> {
                SyncResult winner = push(src, new DirectoryBlobStore(remote), "main", main);
                assertThat(winner.status()).isEqualTo(SyncResult.Status.UPDATED);
            });
            SyncResult r = push(src, racing, "feature", feature);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(r.casAttempts()).isEqualTo(2);
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(remote))) {
                assertThat(StoreRoot.at(store, store.root()).all())
                        .containsEntry(RefNames.branch("main"), main)
                        .containsEntry(RefNames.branch("feature"), feature);
                LocalDb.reachable(store, store.root());
            }
        }
    }

    /**
     * The winner of the race dropped every file (as a collector that found nothing reachable
     * would): what the first walk skipped as present is gone, so the retry must walk again
     * and send it.
     */
    @Test
    void losingTheRaceToAWriterThatDroppedFilesWalksAgain() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = db(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
            src.writeRows("main", "t0", 300_000, 50, "new");
            src.commit("main", "new");
            DirectoryBlobStore plain = new DirectoryBlobStore(remote);
            FaultyBlobStore racing = FaultyBlobStore.racing(plain, () -> {
                VersionedBytes vb = plain.getManifest();
                assertThat(plain.putManifest(vb.version(),
                        ManifestCodec.encode(Manifest.next(Hash.EMPTY, List.of())))).isTrue();
            });
            SyncResult r = mirror(engine, new DirectoryBlobStore(src.dir), racing);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(r.casAttempts()).isEqualTo(2);
            assertHolds(remote, src.store, src.root());
        }
    }

    private SyncResult push(LocalDb src, BlobStore remote, String branch, Hash commit)
            throws IOException {
        try (ChunkSource cs = ChunkSource.open(src.blobs); Destination dst = Destination.open(remote)) {
            return engine.sync(cs, commit, dst, RootUpdate.compute((view, current) ->
                    StoreRoot.at(view, current).with(RefNames.branch(branch), commit).address()));
        }
    }

    private static TableFileSummary largestFile(Path dir) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            return store.manifest().tables().stream().max(Comparator.comparingLong(TableFileSummary::length))
                    .orElseThrow();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            return store.manifest().tables().stream().map(TableFileSummary::name).toList();
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }
}
