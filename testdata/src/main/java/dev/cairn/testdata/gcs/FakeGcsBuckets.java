package dev.cairn.testdata.gcs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state behind the fake GCS server: buckets, the live generation of each object, and
 * open resumable uploads. Every rule about what a request may do (preconditions, missing
 * objects, denied buckets) is checked here, under one lock, so that a compare-and-swap by
 * generation is exactly as atomic as on the service.
 *
 * <p>Generations come from one counter that only grows, so every write of any object gets a
 * generation no earlier write had; the service uses a microsecond clock for the same effect.
 */
final class FakeGcsBuckets {
    private final Map<String, NavigableMap<String, FakeGcsObject>> buckets = new TreeMap<>();
    private final Map<String, Instant> bucketCreated = new TreeMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, ResumableUpload> uploads = new ConcurrentHashMap<>();
    private long lastGeneration = Instant.now().toEpochMilli() * 1000;

    synchronized void createBucket(String name) {
        if (buckets.putIfAbsent(name, new TreeMap<>()) == null) {
            bucketCreated.put(name, Instant.now());
        }
    }

    void deny(String bucket) {
        denied.add(bucket);
    }

    /** When the bucket was made; throws what the service answers for a missing or denied bucket. */
    synchronized Instant bucket(String bucket) {
        return objects(bucket) == null ? null : bucketCreated.get(bucket);
    }

    private NavigableMap<String, FakeGcsObject> objects(String bucket) {
        if (denied.contains(bucket)) {
            throw GcsError.denied(bucket);
        }
        NavigableMap<String, FakeGcsObject> objects = buckets.get(bucket);
        if (objects == null) {
            throw GcsError.noSuchBucket(bucket);
        }
        return objects;
    }

    /** The live object, checked against read preconditions. */
    synchronized FakeGcsObject get(String bucket, String name, Preconditions pre) {
        FakeGcsObject o = objects(bucket).get(name);
        if (o == null) {
            throw GcsError.notFound(bucket + "/" + name);
        }
        pre.checkRead(o);
        return o;
    }

    /** The live object or null, for tests. */
    synchronized FakeGcsObject peek(String bucket, String name) {
        NavigableMap<String, FakeGcsObject> objects = buckets.get(bucket);
        return objects == null ? null : objects.get(name);
    }

    /** Writes a new generation of an object if the preconditions hold against the live one. */
    synchronized FakeGcsObject put(String bucket, String name, byte[] bytes, String contentType, Preconditions pre) {
        if (name == null || name.isEmpty()) {
            throw new GcsError(400, "required", "Required");
        }
        NavigableMap<String, FakeGcsObject> objects = objects(bucket);
        FakeGcsObject live = objects.get(name);
        pre.checkWrite(live);
        FakeGcsObject o = new FakeGcsObject(bucket, name, bytes.clone(), ++lastGeneration, 1,
                contentType == null ? "application/octet-stream" : contentType, Instant.now());
        objects.put(name, o);
        return o;
    }

    synchronized void delete(String bucket, String name, Preconditions pre) {
        NavigableMap<String, FakeGcsObject> objects = objects(bucket);
        FakeGcsObject live = objects.get(name);
        if (live == null) {
            throw GcsError.notFound(bucket + "/" + name);
        }
        pre.checkWrite(live);
        objects.remove(name);
    }

    /**
     * One page of a listing and one more if there is one: up to {@code max + 1} objects whose
     * names start with {@code prefix}, after {@code after} (exclusive; null for the start).
     */
    synchronized List<FakeGcsObject> list(String bucket, String prefix, String after, int max) {
        NavigableMap<String, FakeGcsObject> objects = objects(bucket);
        NavigableMap<String, FakeGcsObject> tail = after == null || after.compareTo(prefix) < 0
                ? objects.tailMap(prefix, true) : objects.tailMap(after, false);
        List<FakeGcsObject> out = new ArrayList<>();
        for (FakeGcsObject o : tail.values()) {
            if (!o.name().startsWith(prefix) || out.size() == max + 1) {
                break;
            }
            out.add(o);
        }
        return Collections.unmodifiableList(out);
    }

    /** Opens a resumable upload session; the bucket must exist and be allowed. */
    synchronized ResumableUpload startUpload(String bucket, String name, String contentType, Preconditions pre) {
        objects(bucket);
        if (name == null || name.isEmpty()) {
            throw new GcsError(400, "required", "Required");
        }
        ResumableUpload u = new ResumableUpload(UUID.randomUUID().toString().replace("-", ""), bucket, name,
                contentType, pre);
        uploads.put(u.id, u);
        return u;
    }

    ResumableUpload upload(String id) {
        ResumableUpload u = uploads.get(id);
        if (u == null) {
            throw new GcsError(404, "notFound", "No such upload session: " + id);
        }
        return u;
    }

    /** Completes an upload: the object appears only now, if the session's preconditions still hold. */
    synchronized FakeGcsObject finishUpload(ResumableUpload u) {
        FakeGcsObject done = u.result();
        if (done != null) {
            return done;
        }
        FakeGcsObject o = put(u.bucket, u.name, u.bytes(), u.contentType, u.preconditions);
        u.finish(o);
        return o;
    }

    void cancelUpload(ResumableUpload u) {
        uploads.remove(u.id);
    }

    int openUploads() {
        int n = 0;
        for (ResumableUpload u : uploads.values()) {
            if (u.result() == null) {
                n++;
            }
        }
        return n;
    }
}
