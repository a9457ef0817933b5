package dev.cairn.remotes.sync;

import static dev.cairn.remotes.sync.SyncSupport.SMALL;
import static dev.cairn.remotes.sync.SyncSupport.assertHolds;
import static dev.cairn.remotes.sync.SyncSupport.mirror;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning a backup left with the files of interrupted syncs. The pruner's clock runs an hour
 * ahead, so everything written by the test looks an hour old unless a test says otherwise.
 */
class PrunerTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path tmp;

    private final SyncEngine engine = new SyncEngine(SMALL);
    private final Pruner pruner = new Pruner(Clock.offset(Clock.systemUTC(), HOUR), name -> null);
    private Path remote;
    private LocalDb src;
    private Set<String> leftovers;

    /** A backup, then a sync that died after three uploads. */
    @BeforeEach
    void backupWithLeftovers() throws IOException {
        src = LocalDb.init(tmp.resolve("src"));
        src.writeRows("main", "t", 0, 2_000, "a");
        src.commit("main", "a");
        remote = tmp.resolve("remote");
        mirror(engine, src.dir, remote);
        src.writeRows("main", "t", 10_000, 3_000, "b");
        src.commit("main", "b");
        Set<String> before = keys();
        try {
            mirror(engine, new DirectoryBlobStore(src.dir),
                    FaultyBlobStore.failingAfterPuts(new DirectoryBlobStore(remote), 3));
        } catch (IOException expected) {
            // the interrupted sync
        }
        leftovers = keys();
        leftovers.removeAll(before);
        assertThat(leftovers).isNotEmpty();
        new DirectoryBlobStore(remote).put("NOTES.txt", BlobSource.ofBytes(LocalDb.bytes("not ours")));
    }

    @Test
    void aQuietDestinationLosesItsUnreferencedTableFilesAndNothingElse() throws IOException {
        PruneResult r;
        try (Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
            r = pruner.prune(dst, Duration.ofMinutes(10));
        }
        assertThat(r.quiescent()).isTrue();
        assertThat(r.reason()).isEmpty();
        assertThat(r.deleted()).containsExactlyInAnyOrderElementsOf(leftovers);
        assertThat(r.bytesFreed()).isPositive();
        assertThat(keys()).doesNotContainAnyElementsOf(leftovers).contains("NOTES.txt");
        SyncSupport.assertNoMissingFiles(new DirectoryBlobStore(remote));

        SyncResult again = mirror(engine, src.dir, remote);
        assertThat(again.filesReused()).isZero();
        assertHolds(remote, src.store, src.root());
    }

    @Test
    void aRecentFileMeansNotQuiescentAndNothingIsDeleted() throws IOException {
        String recent = leftovers.iterator().next();
        Files.setLastModifiedTime(remote.resolve(recent), FileTime.from(Instant.now().plus(HOUR).minusSeconds(60)));
        PruneResult r = prune(Duration.ofMinutes(10));
        assertThat(r.quiescent()).isFalse();
        assertThat(r.reason()).contains("not quiescent", recent, "within the 10m grace period");
        assertThat(r.deleted()).isEmpty();
        assertThat(keys()).containsAll(leftovers);
    }

    @Test
    void aRecentManifestMeansNotQuiescent() throws IOException {
        Files.setLastModifiedTime(remote.resolve("manifest"), FileTime.from(Instant.now().plus(HOUR)));
        PruneResult r = prune(Duration.ofMinutes(10));
        assertThat(r.quiescent()).isFalse();
        assertThat(r.reason()).contains("manifest changed");
        assertThat(keys()).containsAll(leftovers);
    }

    @Test
    void aGraceLongerThanTheQuietSpellDeletesNothing() throws IOException {
        PruneResult r = prune(Duration.ofHours(2));
        assertThat(r.quiescent()).isFalse();
        assertThat(keys()).containsAll(leftovers);
    }

    @Test
    void aGraceBelowTheMinimumIsRefusedUnlessTheEnvironmentLowersIt() throws IOException {
        assertThatThrownBy(() -> prune(Duration.ofMinutes(5)))
                .isInstanceOf(RemoteException.class)
                .hasMessage("prune grace period 5m is below the minimum of 10m (set CAIRN_BACKUP_PRUNE_MIN_GRACE to lower it)");

        Pruner lowered = new Pruner(Clock.offset(Clock.systemUTC(), HOUR),
                Map.of(Pruner.MIN_GRACE_ENV, "30s")::get);
        assertThat(lowered.minimumGrace()).isEqualTo(Duration.ofSeconds(30));
        try (Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
            assertThatThrownBy(() -> lowered.prune(dst, Duration.ofSeconds(10)))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("below the minimum of 30s");
            assertThat(lowered.prune(dst, Duration.ofMinutes(1)).deleted()).containsExactlyInAnyOrderElementsOf(leftovers);
        }

        Pruner broken = new Pruner(Clock.systemUTC(), Map.of(Pruner.MIN_GRACE_ENV, "soon")::get);
        assertThatThrownBy(broken::minimumGrace).isInstanceOf(RemoteException.class)
                .hasMessage("CAIRN_BACKUP_PRUNE_MIN_GRACE='soon' is not a duration like 0s, 30s or 5m");
    }

    @Test
    void withTheFloorAtZeroAFreshlyInterruptedSyncCanBeCleanedAtOnce() throws IOException {
        Pruner now = new Pruner(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5)),
                Map.of(Pruner.MIN_GRACE_ENV, "0s")::get);
        try (Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
            PruneResult r = now.prune(dst, Duration.ZERO);
            assertThat(r.quiescent()).isTrue();
            assertThat(r.deleted()).containsExactlyInAnyOrderElementsOf(leftovers);
        }
    }

    private PruneResult prune(Duration grace) throws IOException {
        try (Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
            return pruner.prune(dst, grace);
        }
    }

    private Set<String> keys() throws IOException {
        List<BlobInfo> all = new DirectoryBlobStore(remote).list("");
        return all.stream().map(BlobInfo::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @AfterEach
    void close() throws IOException {
        src.close();
    }
}
