package dev.cairn.bench;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Step 1 benchmark of the table-file chunk store over a local directory.
 *
 * <ol>
 *   <li><b>put + commit</b>: 1 GiB of 4 KiB payloads (half English-like text,
 *       half random), generated before the clock starts. Timed: building each
 *       {@link Chunk} (SHA-512), {@code put} from one producer thread per core,
 *       and one {@code commit} at the end (which returns once everything is
 *       fsynced and the manifest swapped).</li>
 *   <li><b>random get</b>: a fresh store instance over the same directory;
 *       warm-up gets, then timed single gets of uniformly random stored
 *       chunks, one at a time from one thread.</li>
 *   <li><b>hasMany</b> of 1,000,000 hashes, half present and half absent;
 *       best of three after a warm-up. A second, all-distinct variant is
 *       reported too.</li>
 * </ol>
 *
 * <p>Usage: {@code ChunkStoreBench [--dir DIR] [--bytes N] [--threads N] [--gets N]
 * [--keep]}. DIR must not exist yet (or be empty); it is deleted afterwards
 * unless {@code --keep}. Figures: MB = 10^6 bytes, MiB = 2^20 bytes.
 */
public final class ChunkStoreBench {
    static final int PAYLOAD = 4096;
    static final double PUT_TARGET_MBS = 200.0;
    static final double HASMANY_TARGET_S = 1.0;
    static final int HASMANY_QUERIES = 1_000_000;

    private ChunkStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get("bench", "out", "chunkstore-" + ProcessHandle.current().pid());
        long totalBytes = 1L << 30;
        int threads = Runtime.getRuntime().availableProcessors();
        int gets = 200_000;
        boolean keep = false;
        boolean putOnly = false;
        TableFileChunkStore.Options options = TableFileChunkStore.Options.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Paths.get(args[++i]);
                case "--bytes" -> totalBytes = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--gets" -> gets = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--put-only" -> putOnly = true;
                case "--mem-table-mib" -> options = new TableFileChunkStore.Options(Long.parseLong(args[++i]) << 20,
                        options.maxTables(), options.conjoinMaxBytes(), options.maxCasAttempts());
                case "--max-tables" -> options = new TableFileChunkStore.Options(options.memTableBytes(),
                        Integer.parseInt(args[++i]), options.conjoinMaxBytes(), options.maxCasAttempts());
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--dir DIR] [--bytes N] [--threads N] [--gets N] [--keep] [--put-only]"
                        + " [--mem-table-mib N] [--max-tables N]");
            }
        }
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty");
                }
            }
        }
        int count = (int) (totalBytes / PAYLOAD);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "ChunkStoreBench: %d chunks x %d B payload = %d bytes (%.2f GiB)%n",
                count, PAYLOAD, (long) count * PAYLOAD, (double) count * PAYLOAD / (1L << 30));
        System.out.printf(Locale.ROOT, "  store options %s%n", options);
        System.out.printf(Locale.ROOT, "  dir %s%n  cores %d, producer threads %d, max heap %d MiB, java %s (%s)%n",
                dir, rt.availableProcessors(), threads, rt.maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        try {
            run(dir, count, threads, gets, options, putOnly);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, int count, int threads, int gets, TableFileChunkStore.Options options,
            boolean putOnly) throws Exception {
        Path storeDir = dir.resolve("store");
        Path warmDir = dir.resolve("warmup");

        long t0 = System.nanoTime();
        byte[][] payloads = generate(count, 42);
        System.out.printf(Locale.ROOT, "generated payloads in %.1f s (not timed)%n", secs(t0));

        // JIT warm-up of hashing, compression and the write path, in a throwaway store.
        t0 = System.nanoTime();
        byte[][] warm = generate(Math.min(count, 16_384), 7);
        putAndCommit(warmDir, warm, threads, options);
        deleteTree(warmDir);
        System.out.printf(Locale.ROOT, "warm-up store (%d chunks) written and deleted in %.1f s (not timed)%n",
                warm.length, secs(t0));
        warm = null;
        System.gc();

        // ---- 1. put + commit -------------------------------------------------------------
        System.out.println();
        System.out.println("== put + commit ==");
        PutResult put = putAndCommit(storeDir, payloads, threads, options);
        long payloadBytes = (long) count * PAYLOAD;
        double totalS = put.totalNanos / 1e9;
        double mbs = payloadBytes / totalS / 1e6;
        double mibs = payloadBytes / totalS / (1 << 20);
        long onDisk = directoryBytes(storeDir);
        CpuUse cpu = put.cpu;
        System.out.printf(Locale.ROOT, "  payload            %d bytes (%d chunks)%n", payloadBytes, count);
        System.out.printf(Locale.ROOT, "  puts done after    %.2f s (hash + put, %d threads)%n",
                put.putNanos / 1e9, threads);
        System.out.printf(Locale.ROOT, "  commit             %.2f s (flush remaining tables, fsync, manifest CAS)%n",
                (put.totalNanos - put.putNanos) / 1e9);
        System.out.printf(Locale.ROOT, "  put + commit       %.2f s%n", totalS);
        System.out.printf(Locale.ROOT, "  throughput         %.1f MB/s = %.1f MiB/s of payload%n", mbs, mibs);
        cpu.print(put.totalNanos);
        System.out.printf(Locale.ROOT, "  on disk            %d bytes in %d table files (%.1f%% of chunk bytes)%n",
                onDisk, tableFiles(storeDir), 100.0 * onDisk / put.chunkBytes);
        Hash[] hashes = put.hashes;
        payloads = null;
        put = null;
        if (putOnly) {
            return;
        }
        System.gc();

        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(storeDir), options)) {
            // ---- 2. random get ------------------------------------------------------------
            System.out.println();
            System.out.println("== random get (fresh store instance, one thread, files in the page cache) ==");
            SplittableRandom rnd = new SplittableRandom(1234);
            int warmGets = Math.max(gets / 2, 1);
            for (int i = 0; i < warmGets; i++) {
                if (store.get(hashes[rnd.nextInt(hashes.length)]) == null) {
                    throw new AssertionError("missing chunk");
                }
            }
            long[] lat = new long[gets];
            long sink = 0;
            long getStart = System.nanoTime();
            for (int i = 0; i < gets; i++) {
                Hash h = hashes[rnd.nextInt(hashes.length)];
                long s = System.nanoTime();
                Chunk c = store.get(h);
                lat[i] = System.nanoTime() - s;
                if (c == null) {
                    throw new AssertionError("missing chunk " + h);
                }
                sink += c.size();
            }
            double getWall = secs(getStart);
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "  %d gets after %d warm-up gets, %.0f gets/s (%d bytes read)%n",
                    gets, warmGets, gets / getWall, sink);
            System.out.printf(Locale.ROOT, "  latency us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    pct(lat, 50) / 1e3, pct(lat, 90) / 1e3, pct(lat, 99) / 1e3, pct(lat, 99.9) / 1e3,
                    lat[lat.length - 1] / 1e3);

            // ---- 3. hasMany ---------------------------------------------------------------
            System.out.println();
            System.out.println("== hasMany of " + HASMANY_QUERIES + " hashes ==");
            SplittableRandom qr = new SplittableRandom(99);
            int half = HASMANY_QUERIES / 2;
            // A: half present (the store holds fewer chunks than that, so present hashes repeat), half absent.
            List<Hash> mixed = new ArrayList<>(HASMANY_QUERIES);
            for (int i = 0; i < half; i++) {
                mixed.add(hashes[i % hashes.length]);
            }
            for (int i = 0; i < HASMANY_QUERIES - half; i++) {
                mixed.add(randomHash(qr));
            }
            Collections.shuffle(mixed, new java.util.Random(5));
            double a = timeHasMany(store, mixed, HASMANY_QUERIES - half, "A: 50% present (repeats), 50% absent");
            // B: all distinct: every stored hash once, the rest absent.
            List<Hash> distinct = new ArrayList<>(HASMANY_QUERIES);
            int present = Math.min(hashes.length, HASMANY_QUERIES);
            distinct.addAll(Arrays.asList(hashes).subList(0, present));
            for (int i = present; i < HASMANY_QUERIES; i++) {
                distinct.add(randomHash(qr));
            }
            Collections.shuffle(distinct, new java.util.Random(6));
            double b = timeHasMany(store, distinct, HASMANY_QUERIES - present,
                    "B: all distinct, " + present + " present, " + (HASMANY_QUERIES - present) + " absent");

            // ---- summary ------------------------------------------------------------------
            System.out.println();
            System.out.println("== summary ==");
            System.out.printf(Locale.ROOT, "  put+commit  %.1f MB/s (%.1f MiB/s)  target >= %.0f MB/s  ratio %.2f  %s%n",
                    mbs, mibs, PUT_TARGET_MBS, mbs / PUT_TARGET_MBS, mbs >= PUT_TARGET_MBS ? "PASS" : "FAIL");
            System.out.printf(Locale.ROOT, "  get         p50 %.1f us  p99 %.1f us  p99.9 %.1f us%n",
                    pct(lat, 50) / 1e3, pct(lat, 99) / 1e3, pct(lat, 99.9) / 1e3);
            double worst = Math.max(a, b);
            System.out.printf(Locale.ROOT, "  hasMany 1M  A %.3f s, B %.3f s  target <= %.1f s  ratio %.2f  %s%n",
                    a, b, HASMANY_TARGET_S, worst / HASMANY_TARGET_S, worst <= HASMANY_TARGET_S ? "PASS" : "FAIL");
        }
    }

    private record PutResult(Hash[] hashes, long putNanos, long totalNanos, long chunkBytes, CpuUse cpu) {
    }

    /** Where CPU went during a timed section. */
    private record CpuUse(long processNanos, long userTicks, long kernelTicks, long machineBusyTicks,
            long machineTicks, long gcMillis, Map<String, Long> byThread) {

        void print(long wallNanos) {
            System.out.printf(Locale.ROOT, "  process CPU        %.1f s (%.2f of %d cores busy on average); GC pauses %d ms%n",
                    processNanos / 1e9, processNanos / (double) wallNanos, Runtime.getRuntime().availableProcessors(),
                    gcMillis);
            if (userTicks >= 0) {
                System.out.printf(Locale.ROOT, "    user %.1f s, kernel %.1f s (/proc/self/stat)%n",
                        userTicks / 100.0, kernelTicks / 100.0);
            }
            StringBuilder b = new StringBuilder();
            byThread.entrySet().stream().filter(e -> e.getValue() > 50_000_000L)
                    .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                    .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f s;", e.getKey(), e.getValue() / 1e9)));
            System.out.println("    by thread:" + b);
            if (machineTicks > 0) {
                long others = machineBusyTicks - userTicks - kernelTicks;
                System.out.printf(Locale.ROOT, "    other processes on the machine used %.1f cores meanwhile (/proc/stat)%n",
                        Math.max(0, others) / (machineTicks / (double) Runtime.getRuntime().availableProcessors()));
            }
        }
    }

    /** Snapshot for {@link CpuUse}: process CPU, user, kernel, machine busy, machine total, GC ms. */
    private static long[] cpuSnapshot() {
        long[] own = userSysTicks();
        long[] machine = machineTicks();
        return new long[] {processCpuNanos(), own[0], own[1], machine[0], machine[1], gcMillis()};
    }

    private static CpuUse cpuSince(long[] before, Map<String, Long> threadsBefore, Map<String, Long> extra) {
        long[] now = cpuSnapshot();
        Map<String, Long> byThread = threadCpuByGroup();
        threadsBefore.forEach((k, v) -> byThread.merge(k, -v, Long::sum));
        extra.forEach((k, v) -> byThread.merge(k, v, Long::sum));
        return new CpuUse(now[0] - before[0], now[1] - before[1], now[2] - before[2], now[3] - before[3],
                now[4] - before[4], now[5] - before[5], byThread);
    }

    /** The timed section: hash, put from {@code threads} producers, one commit. */
    private static PutResult putAndCommit(Path storeDir, byte[][] payloads, int threads,
            TableFileChunkStore.Options options) throws Exception {
        Hash[] hashes = new Hash[payloads.length];
        long[] chunkBytes = new long[threads];
        long[] producerCpu = new long[threads];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(storeDir), options)) {
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            final int step = 64;
            List<Thread> producers = new ArrayList<>();
            long[] cpuBefore = cpuSnapshot();
            Map<String, Long> threadsBefore = threadCpuByGroup();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                final int id = t;
                Thread th = new Thread(() -> {
                    try {
                        long bytes = 0;
                        for (int from; (from = next.getAndAdd(step)) < payloads.length; ) {
                            int to = Math.min(payloads.length, from + step);
                            for (int i = from; i < to; i++) {
                                Chunk c = Chunk.leaf(payloads[i]);
                                store.put(c);
                                hashes[i] = c.hash();
                                bytes += c.size();
                            }
                        }
                        chunkBytes[id] = bytes;
                        producerCpu[id] = mx.getCurrentThreadCpuTime();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-producer-" + t);
                th.start();
                producers.add(th);
            }
            for (Thread th : producers) {
                th.join();
            }
            long putsDone = System.nanoTime();
            if (failure.get() != null) {
                throw new RuntimeException("put failed", failure.get());
            }
            if (!store.commit(hashes[0], store.root())) {
                throw new IllegalStateException("commit lost a race in a single-writer benchmark");
            }
            long end = System.nanoTime();
            CpuUse cpu = cpuSince(cpuBefore, threadsBefore,
                    Map.of("bench-producer-", Arrays.stream(producerCpu).sum()));
            return new PutResult(hashes, putsDone - start, end - start, Arrays.stream(chunkBytes).sum(), cpu);
        }
    }

    private static double timeHasMany(TableFileChunkStore store, List<Hash> queries, int expectedAbsent,
            String label) throws IOException {
        Set<Hash> absent = store.hasMany(queries); // warm-up
        check(absent.size(), expectedAbsent, label);
        double best = Double.MAX_VALUE;
        double[] runs = new double[3];
        for (int r = 0; r < 3; r++) {
            long s = System.nanoTime();
            absent = store.hasMany(queries);
            runs[r] = secs(s);
            best = Math.min(best, runs[r]);
            check(absent.size(), expectedAbsent, label);
        }
        System.out.printf(Locale.ROOT, "  %s%n    absent %d (expected %d, ok); runs %.3f / %.3f / %.3f s; best %.3f s%n",
                label, absent.size(), expectedAbsent, runs[0], runs[1], runs[2], best);
        return best;
    }

    private static void check(int got, int expected, String label) {
        if (got != expected) {
            throw new AssertionError(label + ": hasMany reported " + got + " absent, expected " + expected);
        }
    }

    private static Hash randomHash(SplittableRandom r) {
        byte[] b = new byte[Hash.BYTE_LENGTH];
        r.nextBytes(b);
        return Hash.fromBytes(b, 0);
    }

    // ---- payloads --------------------------------------------------------------------------

    private static final String[] WORDS = ("the of and to in is that it was for on are as with his they at be this "
            + "from have or by one had not but what all were when we there can an your which their said if do will "
            + "each about how up out them then she many some so these would other into has more her two like him see "
            + "time could no make than first been its who now people my made over did down only way find use may water "
            + "long little very after words called just where most know get through back much before go good new write "
            + "our used me man too any day same right look think also around another came come work three word must "
            + "because does part even place well such here take why things help put years different away again off "
            + "went old number great tell men say small every found still between name should home big give air line "
            + "set own under read last never us left end along while might next sound below saw something thought both "
            + "few those always looked show large often together asked house don't world going want school important "
            + "until form food keep children feet land side without boy once animals life enough took sometimes four "
            + "head above kind began almost live page got earth need far hand high year mother light parts country "
            + "father let night following picture being study second eyes soon times story boys since white days ever "
            + "paper hard near sentence better best across during today others however sure means knew it's try told "
            + "young miles sun ways thing whole hear example heard several change answer room sea against top turned "
            + "learn point city play toward five using himself usually money seen didn't car morning i'm body upon "
            + "family later turn move face door cut done group true leave color red friends easy order database chunk "
            + "commit branch merge table index storage content address durable replica snapshot history").split(" ");

    /** Even indices: English-like text (lz4 shrinks it); odd indices: random bytes (it cannot). */
    static byte[][] generate(int count, long seed) {
        byte[][] out = new byte[count][];
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            byte[] p = new byte[PAYLOAD];
            if ((i & 1) == 0) {
                fillText(p, r);
            } else {
                r.nextBytes(p);
            }
            out[i] = p;
        });
        return out;
    }

    private static void fillText(byte[] p, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(PAYLOAD + 64);
        boolean capital = true;
        while (sb.length() < PAYLOAD) {
            // Skewed choice: common words far more often, as in prose.
            int w = (int) (WORDS.length * Math.pow(r.nextDouble(), 2.5));
            String word = WORDS[w];
            if (capital) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                capital = false;
            } else {
                sb.append(word);
            }
            int x = r.nextInt(100);
            if (x < 7) {
                sb.append(". ");
                capital = true;
            } else if (x < 12) {
                sb.append(", ");
            } else if (x == 12) {
                sb.append(".\n\n");
                capital = true;
            } else {
                sb.append(' ');
            }
        }
        for (int i = 0; i < PAYLOAD; i++) {
            p[i] = (byte) sb.charAt(i);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time of live threads, grouped by name with trailing digits stripped (e.g. "cairn-compress-"). */
    private static Map<String, Long> threadCpuByGroup() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long t = mx.getThreadCpuTime(ti.getThreadId());
            if (t > 0) {
                out.merge(ti.getThreadName().replaceAll("\\d+$", ""), t, Long::sum);
            }
        }
        return out;
    }

    /** User and kernel CPU ticks of this process (Linux, 100 Hz), or -1s elsewhere. */
    private static long[] userSysTicks() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** Busy and total jiffies of all CPUs (Linux /proc/stat), or zeros elsewhere. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v; // idle, iowait
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long tableFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Hash.isHash(p.getFileName().toString())).count();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
