package io.xfs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one timed phase with N client threads, each with its own connections and histogram, and prints
 * a progress line once a second. Writes go in file order; reads pick files at random, and every read
 * body is checked against the SHA-1 recorded at write time.
 */
final class PhaseRunner {
    private static final long HIGHEST_MICROS = 120_000_000L;
    private final Target target;
    private final int concurrency;
    private final int timeoutMillis;
    private final long seed;
    private final PrintStream progress;

    PhaseRunner(Target target, int concurrency, int timeoutMillis, long seed, PrintStream progress) {
        this.target = target;
        this.concurrency = concurrency;
        this.timeoutMillis = timeoutMillis;
        this.seed = seed;
        this.progress = progress;
    }

    /** Writes every file; the written entries (with locations) are stored into {@code written}. */
    PhaseResult write(List<FileEntry> files, List<FileEntry> written) throws InterruptedException {
        FileEntry[] out = new FileEntry[files.size()];
        PhaseResult result = run("write", files.size(), (connections, op) -> {
            FileEntry file = files.get(op);
            byte[] body = Payloads.bytes(seed, file.index(), file.size());
            out[op] = target.write(connections, file, body);
            return body.length;
        });
        for (FileEntry e : out) {
            if (e != null) {
                written.add(e);
            }
        }
        return result;
    }

    PhaseResult read(List<FileEntry> files, int requests) throws InterruptedException {
        return run("read", requests, (connections, op) -> {
            FileEntry file = files.get(ThreadLocalRandom.current().nextInt(files.size()));
            byte[] body = target.read(connections, file);
            MessageDigest sha1 = Payloads.sha1();
            if (!FileEntry.hex(sha1.digest(body)).equals(file.sha1())) {
                throw new BenchFailure("sha1-mismatch", "file " + file.name() + " came back with other bytes ("
                        + body.length + " of " + file.size() + ")");
            }
            return body.length;
        });
    }

    private interface Op {
        long run(Connections connections, int op) throws IOException, BenchFailure;
    }

    private PhaseResult run(String phase, int requests, Op op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Map<String, Long>> errorMaps = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(concurrency);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            Map<String, Long> errors = new HashMap<>();
            histograms.add(histogram);
            errorMaps.add(errors);
            threads.add(Thread.ofPlatform().name("bench-" + phase + "-" + w).start(() -> {
                try (Connections connections = new Connections(timeoutMillis)) {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            bytes.addAndGet(op.run(connections, i));
                            histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - t0) / 1000));
                            done.incrementAndGet();
                        } catch (BenchFailure e) {
                            errors.merge(e.kind(), 1L, Long::sum);
                            failed.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            errors.merge("io-" + e.getClass().getSimpleName(), 1L, Long::sum);
                            failed.incrementAndGet();
                            connections.close();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }));
        }
        long lastDone = 0;
        long lastTime = start;
        while (!finished.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long d = done.get();
            progress.printf("%s: %d/%d done, %.0f req/s, %d errors%n", phase, d + failed.get(), requests,
                    (d - lastDone) / ((now - lastTime) / 1e9), failed.get());
            lastDone = d;
            lastTime = now;
        }
        long elapsed = System.nanoTime() - start;
        for (Thread t : threads) {
            t.join();
        }
        Histogram total = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(total::add);
        Map<String, Long> errors = new HashMap<>();
        errorMaps.forEach(m -> m.forEach((k, v) -> errors.merge(k, v, Long::sum)));
        return new PhaseResult(phase, requests, done.get(), errors, bytes.get(), elapsed, total);
    }
}
