package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Deletes the table files a destination's manifest does not name: what interrupted syncs and
 * lost races leave behind.
 *
 * <p>A file nobody names now may be named a moment from now, by a sync that uploaded it and
 * is about to swap the manifest, or that found it left over and reuses it. So a prune only
 * acts on a destination that has been quiet for the whole grace period (no manifest change
 * and no file written within it), then deletes only unnamed files older than the grace, and
 * re-reads the manifest last to catch a swap that happened while it looked. The grace must
 * be longer than any sync takes between uploading a file and swapping it in; it defaults to
 * at least ten minutes, and only the environment variable {@value #MIN_GRACE_ENV} (for
 * tests and operators who know their syncs) can lower that floor.
 *
 * <p>Only keys that look like table files (a 32-character hash) are ever deleted: a
 * directory that also holds someone's notes keeps them.
 */
public final class Pruner {
    public static final String MIN_GRACE_ENV = "CAIRN_BACKUP_PRUNE_MIN_GRACE";
    public static final Duration DEFAULT_MIN_GRACE = Duration.ofMinutes(10);

    private final Clock clock;
    private final Function<String, String> env;

    public Pruner(Clock clock, Function<String, String> env) {
        this.clock = clock;
        this.env = env;
    }

    /** The system clock and the process environment. */
    public static Pruner standard() {
        return new Pruner(Clock.systemUTC(), System::getenv);
    }

    /**
     * The smallest grace allowed: {@value #MIN_GRACE_ENV} if set, else ten minutes.
     *
     * @throws RemoteException if the variable is set to something that is not a duration
     */
    public Duration minimumGrace() {
        String v = env.apply(MIN_GRACE_ENV);
        if (v == null || v.isBlank()) {
            return DEFAULT_MIN_GRACE;
        }
        try {
            return DurationText.parse(v);
        } catch (IllegalArgumentException e) {
            throw new RemoteException(MIN_GRACE_ENV + "='" + v + "' is not a duration like 0s, 30s or 5m");
        }
    }

    /**
     * Refuses a grace period below {@link #minimumGrace()}, so a caller can check before it
     * syncs instead of finding out after.
     *
     * @throws RemoteException if {@code grace} is too short
     */
    public void checkGrace(Duration grace) {
        Duration floor = minimumGrace();
        if (grace.isNegative() || grace.compareTo(floor) < 0) {
            throw new RemoteException("prune grace period " + DurationText.format(grace) + " is below the minimum of "
                    + DurationText.format(floor) + " (set " + MIN_GRACE_ENV + " to lower it)");
        }
    }

    /**
     * Deletes unreferenced table files older than {@code grace} if nothing in the
     * destination changed within {@code grace}; otherwise deletes nothing and says why.
     *
     * @throws RemoteException if {@code grace} is below {@link #minimumGrace()}
     */
    public PruneResult prune(Destination destination, Duration grace) throws IOException {
        checkGrace(grace);
        BlobStore blobs = destination.blobs();
        Instant now = clock.instant();
        Instant cutoff = now.minus(grace);
        VersionedBytes before = blobs.getManifest();
        if (before != null) {
            if (before.modified() == null) {
                return notQuiescent("the destination cannot tell when its manifest last changed");
            }
            if (before.modified().isAfter(cutoff)) {
                return notQuiescent("the manifest changed " + ago(now, before.modified()) + ", within the "
                        + DurationText.format(grace) + " grace period");
            }
        }
        Manifest manifest = before == null ? Manifest.EMPTY : ManifestCodec.decode("manifest", before.bytes());
        List<BlobInfo> doomed = new ArrayList<>();
        for (BlobInfo b : blobs.list("")) {
            if (b.modified().isAfter(cutoff)) {
                return notQuiescent(b.key() + " was written " + ago(now, b.modified()) + ", within the "
                        + DurationText.format(grace) + " grace period");
            }
            if (Hash.isHash(b.key()) && !manifest.contains(b.key())) {
                doomed.add(b);
            }
        }
        VersionedBytes after = blobs.getManifest();
        if (!sameVersion(before, after)) {
            return notQuiescent("the manifest changed while pruning");
        }
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (BlobInfo b : doomed) {
            blobs.delete(b.key());
            deleted.add(b.key());
            bytes += b.size();
        }
        return new PruneResult(true, "", deleted, bytes);
    }

    private static boolean sameVersion(VersionedBytes a, VersionedBytes b) {
        return a == null ? b == null : b != null && a.version().equals(b.version());
    }

    private static PruneResult notQuiescent(String reason) {
        return new PruneResult(false, "not quiescent: " + reason + "; nothing deleted", List.of(), 0);
    }

    private static String ago(Instant now, Instant then) {
        Duration d = Duration.between(then, now);
        return d.isNegative() ? "in the future" : DurationText.format(Duration.ofSeconds(d.toSeconds())) + " ago";
    }
}
